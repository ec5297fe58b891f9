"""What staff may upload as material: documents and images, checked by their content."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Extension → (content type served, how the file must begin). Office Open XML and
# OpenDocument files are ZIP archives; the old Office formats are OLE compound files.
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ALLOWED = {
    ".pdf": ("application/pdf", [b"%PDF-"]),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [ZIP]),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [ZIP]),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", [ZIP]),
    ".odt": ("application/vnd.oasis.opendocument.text", [ZIP]),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", [ZIP]),
    ".odp": ("application/vnd.oasis.opendocument.presentation", [ZIP]),
    ".doc": ("application/msword", [OLE]),
    ".xls": ("application/vnd.ms-excel", [OLE]),
    ".ppt": ("application/vnd.ms-powerpoint", [OLE]),
    ".png": ("image/png", [b"\x89PNG\r\n\x1a\n"]),
    ".jpg": ("image/jpeg", [b"\xff\xd8\xff"]),
    ".jpeg": ("image/jpeg", [b"\xff\xd8\xff"]),
}


def content_type_for(name: str) -> str:
    return ALLOWED.get(Path(name).suffix.lower(), ("application/octet-stream", []))[0]


def validate_material_file(file) -> None:
    """Refuse files that are too large, of a kind we do not serve, or whose content does not
    match their name (a script renamed to .pdf)."""
    limit = settings.MATERIAL_MAX_MEGABYTES * 1024 * 1024
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size).1f MB; at most %(limit)s MB is allowed."),
            params={"size": file.size / 1024 / 1024, "limit": settings.MATERIAL_MAX_MEGABYTES},
            code="too_large",
        )
    suffix = Path(file.name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError(
            _(
                "Files of type %(suffix)s cannot be uploaded. Use PDF, Word, Excel, PowerPoint, "
                "OpenDocument, PNG or JPEG."
            ),
            params={"suffix": suffix or _("without an extension")},
            code="type",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(8)
    file.seek(position)
    if not any(head.startswith(magic) for magic in ALLOWED[suffix][1]):
        raise ValidationError(
            _("The file's content does not match its name (%(name)s)."),
            params={"name": Path(file.name).name},
            code="content",
        )
