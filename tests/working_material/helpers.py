"""What the working material's tests post: the answer page's form."""


def form(*, entries=(), reflections=None, seen=None, action="save") -> dict:
    """POST data of the answer page: ``entries`` as dicts (with "id" and "version" for saved
    ones), reflection texts by kind, and the versions the page showed (``seen``; for saved
    texts without what the page showed, as an old page: tests of pages as they are shown
    post them back with tests.html.form_as_shown)."""
    data = {
        "action": action,
        "e-TOTAL_FORMS": str(len(entries)),
        "e-INITIAL_FORMS": "0",
        "e-MIN_NUM_FORMS": "0",
        "e-MAX_NUM_FORMS": "100",
    }
    for number, entry in enumerate(entries):
        for key, value in entry.items():
            data[f"e-{number}-{key}"] = value
    for kind in ["hard", "success", "create", "break", "keep"]:
        data[f"r-{kind}"] = (reflections or {}).get(kind, "")
        version = (seen or {}).get(kind, 0)
        data[f"r-{kind}-version"] = str(version)
        if not version:
            data[f"r-{kind}-shown"] = ""  # the page showed nothing yet
    return data


def entry(**fields) -> dict:
    """One row of the answer page (an initiative unless said), the fields not given empty."""
    return {
        "kind": "initiative",
        "description": "",
        "participants": "",
        "contact": "",
        "link": "",
        **fields,
    }
