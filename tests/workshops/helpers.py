"""What the workshop notes' tests post and read: a scribe's link, the notes page's form as a
browser posts it (a list for a select of several), the POST data of a fresh page."""

from html.parser import HTMLParser

REFLECTION_KINDS = ["hard", "success", "create", "break", "keep"]


def link(scribe) -> str:
    """The scribe's personal link, as a path (made and saved on first use)."""
    from workshops import services

    url = services.scribe_url(scribe)
    scribe.save(update_fields=["token_nonce", "token_hash"])
    return url[url.index("/anteckningar/") :] if "/anteckningar/" in url else url


def token_of(path: str) -> str:
    return path.split("nyckel=", 1)[1]


class _Fields(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: dict = {}
        self._textarea = self._select = None
        self._multiple = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"radio", "checkbox"}:
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value") or "on"
            elif kind not in {"submit", "button", "file"}:
                self.fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea, self.fields[name] = name, ""
        elif tag == "select" and name:
            self._select, self._multiple = name, "multiple" in attrs
            self.fields.setdefault(name, [] if self._multiple else "")
        elif tag == "option" and self._select and "selected" in attrs:
            value = attrs.get("value") or ""
            if self._multiple:
                self.fields[self._select].append(value)
            else:
                self.fields[self._select] = value

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] = (self.fields[self._textarea] + data).removeprefix("\n")


def fields_of(page, **changes) -> dict:
    """Every field of a page as a browser posts it (several options chosen: a list), with
    ``changes`` (an admin page's form, say)."""
    parser = _Fields()
    parser.feed(page.content.decode())
    return {**parser.fields, **changes}


def as_shown(page, **changes) -> dict:
    """What a browser posts from the notes page when its user changes only ``changes``: every
    other field as the page showed it (several organisations chosen: a list), and the save
    button pressed unless another is said (``action=``, or ``use_unsaved=``)."""
    button = {} if "use_unsaved" in changes else {"action": "save"}
    return fields_of(page, **{**button, **changes})


def fresh(token: str, *, entries=(), reflections=None, action="save") -> dict:
    """POST data of a page that showed nothing saved yet: ``entries`` as dicts of a row's
    fields (the kind an initiative unless said), reflection texts by kind."""
    data = {
        "nyckel": token,
        "action": action,
        "e-TOTAL_FORMS": str(len(entries)),
        "e-INITIAL_FORMS": "0",
        "e-MIN_NUM_FORMS": "0",
        "e-MAX_NUM_FORMS": "100",
    }
    for number, entry in enumerate(entries):
        for key, value in {"kind": "initiative", "description": "", **entry}.items():
            data[f"e-{number}-{key}"] = value
    for kind in REFLECTION_KINDS:
        data[f"r-{kind}"] = (reflections or {}).get(kind, "")
        data[f"r-{kind}-version"] = "0"
        data[f"r-{kind}-shown"] = ""
    return data
