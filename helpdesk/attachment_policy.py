"""What may be attached to a message: the file types, their size and their number.

The one home of the attachment policy: the model's constraints, the upload checks
(helpdesk.uploads), the form's `accept` attribute and help text all read it. Pure data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True, slots=True)
class FileType:
    content_type: str
    extension: str  # the stored file's extension, whatever the sender named it
    label: str  # shown to people: "JPEG"
    pillow_format: str | None  # images are decoded with Pillow; None for PDF

    @property
    def is_image(self) -> bool:
        return self.pillow_format is not None


FILE_TYPES: tuple[FileType, ...] = (
    FileType("image/jpeg", ".jpg", "JPEG", "JPEG"),
    FileType("image/png", ".png", "PNG", "PNG"),
    FileType("image/webp", ".webp", "WebP", "WEBP"),
    FileType("application/pdf", ".pdf", "PDF", None),
)
BY_CONTENT_TYPE: dict[str, FileType] = {kind.content_type: kind for kind in FILE_TYPES}
CONTENT_TYPES: list[str] = [kind.content_type for kind in FILE_TYPES]

MAX_MEGABYTES = 10
MAX_BYTES = MAX_MEGABYTES * 1024 * 1024
MAX_FILES = 5
# Pixels of one picture: a phone photo has about 12 million; 50 million leaves room for any
# camera while refusing "10 KB, 9000 × 9000" decompression bombs before they are decoded.
MAX_PIXELS = 50_000_000


def accept_attribute() -> str:
    """The file input's `accept`: "image/jpeg,image/png,…"."""
    return ",".join(CONTENT_TYPES)


def help_text() -> str:
    """The policy in a sentence, in the active language."""
    images = ", ".join(kind.label for kind in FILE_TYPES if kind.is_image)
    return _("Up to %(count)d photos (%(images)s) or PDF documents, %(size)d MB each.") % {
        "count": MAX_FILES,
        "images": images,
        "size": MAX_MEGABYTES,
    }
