"""Django's own Swedish for the messages an installed library translates too.

Django gives an app's catalogue precedence over its own, so Django REST framework's Swedish
("Ange en giltig mejladress.", "Det här fältet är obligatoriskt.") would replace Django's on
every form of the site, not only in the API. The project's catalogue (LOCALE_PATHS) outranks
both: these messages are marked here so that it carries them, with Django's words, and every
form keeps saying what it said. (tests/arshjul/test_translations.py checks that they match.)
"""

from django.utils.translation import gettext_noop

DJANGO_MESSAGES = [
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("The submitted file is empty."),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
]
