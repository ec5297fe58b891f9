"""Reading pages as a browser would, for tests that post a page's form back as it stands."""

import re
from html.parser import HTMLParser


class _Form(HTMLParser):
    """The fields of a page's forms, as a browser would post them: hidden and text inputs,
    checked radios and boxes, textareas and selected options (buttons left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self.hidden: dict[str, str] = {}
        self.names: set[str] = set()  # every field's name, chosen or not
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if name and tag in {"input", "textarea", "select"} and attrs.get("type") != "submit":
            self.names.add(name)
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind == "hidden":
                self.hidden[name] = attrs.get("value") or ""
            if kind in {"radio", "checkbox"}:
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value") or "on"
            elif kind not in {"submit", "button", "file"}:
                self.fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            # A browser drops the one line break that may open a textarea's content.
            text = self.fields[self._textarea] + data
            self.fields[self._textarea] = text.removeprefix("\n")


def _parsed(page) -> _Form:
    html = page if isinstance(page, str) else page.content.decode()
    parser = _Form()
    parser.feed(html)
    return parser


def hidden_fields(page, pattern: str = ".*") -> dict[str, str]:
    """The hidden inputs of a page (a response or HTML) whose names match ``pattern``, with
    their values as a browser posts them."""
    hidden = _parsed(page).hidden
    return {name: value for name, value in hidden.items() if re.fullmatch(pattern, name)}


def form_as_shown(page, **changes) -> dict[str, str]:
    """What a browser posts from ``page`` when its user changes only ``changes`` (field name
    to value): every other field as the page showed it."""
    return {**_parsed(page).fields, **changes}


class _Forms(HTMLParser):
    """Each form of a page: where it posts, its fields as shown, and its buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._fields: _Form | None = None

    def handle_starttag(self, tag, attrs):
        named = dict(attrs)
        if tag == "form":
            self._fields = _Form()
            self.forms.append(
                {
                    "action": named.get("action") or "",
                    "method": (named.get("method") or "get").lower(),
                    "fields": self._fields.fields,
                    "names": self._fields.names,
                    "buttons": [],
                }
            )
        elif self._fields is not None:
            if tag == "button" or (tag == "input" and named.get("type") == "submit"):
                self.forms[-1]["buttons"].append((named.get("name"), named.get("value") or ""))
            self._fields.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif self._fields is not None:
            self._fields.handle_endtag(tag)

    def handle_data(self, data):
        if self._fields is not None:
            self._fields.handle_data(data)


def forms_on(page) -> list[dict]:
    """The forms of a page: each a dict of ``action``, ``method``, ``fields`` (as a browser
    would post them), ``names`` (of every field) and ``buttons`` (name, value)."""
    parser = _Forms()
    parser.feed(page if isinstance(page, str) else page.content.decode())
    return parser.forms
