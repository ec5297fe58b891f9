"""Confirmations as staff meet them (arshjul.lib.confirm): the first POST shows what will
happen, and the form that confirms it is posted back as the page has it."""

from html.parser import HTMLParser

from arshjul.lib.confirm import FIELD


class _ConfirmingForm(HTMLParser):
    """The form carrying a confirmation's key: where it posts and every field it posts (a
    name may come more than once, as the selected rows of an admin action do)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        named = dict(attrs)
        if tag == "form":
            self._form = {"action": named.get("action") or "", "fields": []}
            self.forms.append(self._form)
        elif self._form is not None and tag == "textarea" and named.get("name"):
            self._textarea = named["name"]
            self._form["fields"].append((self._textarea, ""))
        elif (
            self._form is not None
            and tag == "input"
            and named.get("name")
            and named.get("type") not in {"submit", "button"}
        ):
            self._form["fields"].append((named["name"], named.get("value") or ""))

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            name, text = self._form["fields"][-1]
            # A browser drops the one line break that may open a textarea's content.
            self._form["fields"][-1] = (name, (text + data).removeprefix("\n"))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None


def confirming_form(page) -> dict:
    """The form on ``page`` that confirms: ``action`` and ``fields`` as (name, value)."""
    parser = _ConfirmingForm()
    parser.feed(page if isinstance(page, str) else page.content.decode())
    for form in parser.forms:
        if any(name == FIELD for name, _ in form["fields"]):
            return form
    raise AssertionError("The page has no confirmation to post")


def as_data(fields, **more) -> dict:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    for name, value in more.items():
        data[name] = [value]
    return data


def confirm(client, url: str, first_page, **more):
    """Post the confirmation that ``first_page`` shows (to ``url`` unless its form says
    where), with ``more`` fields (a button's name); returns the page it leads to."""
    form = confirming_form(first_page)
    return client.post(form["action"] or url, as_data(form["fields"], **more), follow=True)


def the_cast(*coordinators, reader, editor) -> dict:
    """A client for each of the cast but the editor who was shown the confirmation:
    anonymous, each coordinator (signed in as the link does), a Läsare; and the Redaktör."""
    from django.test import Client

    from tests.helpers import sign_in

    clients = {"anonymous": Client()}
    for coordinator in coordinators:
        clients[f"coordinator {coordinator.name}"] = sign_in(Client(), coordinator)
    clients["Läsare"] = Client()
    clients["Läsare"].force_login(reader)
    clients["Redaktör"] = Client()
    clients["Redaktör"].force_login(editor)
    return clients
