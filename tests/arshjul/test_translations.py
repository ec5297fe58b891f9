from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "sv" / "LC_MESSAGES"


def test_every_swedish_message_is_translated():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_the_committed_mo_file_matches_the_po_file():
    """make run needs no gettext, so the compiled file is committed: it must be current."""
    po = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.pofile(str(LOCALE / "django.po"))
        if not e.obsolete
    }
    mo = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.mofile(str(LOCALE / "django.mo"))
    }
    mo.pop((None, ""), None)  # the header
    assert mo == {key: value for key, value in po.items() if key != (None, "")}


def test_a_library_s_swedish_never_replaces_django_s_own_on_our_forms():
    """An installed app's catalogue outranks Django's: Django REST framework's Swedish for
    "This field is required." would otherwise be every form's (arshjul/lib/library_words.py)."""
    import django
    from django.apps import apps
    from django.utils import translation

    core = Path(django.__file__).parent / "conf" / "locale" / "sv" / "LC_MESSAGES" / "django.mo"
    django_words = {e.msgid: e.msgstr for e in polib.mofile(str(core)) if e.msgstr}
    shared = set()
    for config in apps.get_app_configs():
        mo = Path(config.path) / "locale" / "sv" / "LC_MESSAGES" / "django.mo"
        if mo.exists() and not config.name.startswith("django."):
            shared |= {e.msgid for e in polib.mofile(str(mo)) if e.msgid in django_words}
    assert "This field is required." in shared  # the library that made this test needed

    with translation.override("sv"):
        shown = {msgid: translation.gettext(msgid) for msgid in shared}

    assert shown == {msgid: django_words[msgid] for msgid in shared}
