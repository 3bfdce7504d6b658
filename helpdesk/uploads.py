"""Attachment checks: the type comes from the content, never from the name or the browser.
The policy (types, size, count) is helpdesk.attachment_policy's."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from helpdesk.attachment_policy import BY_CONTENT_TYPE, FILE_TYPES, MAX_BYTES, MAX_MEGABYTES
from helpdesk.models import Attachment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Upload:
    """A file that passed the content checks, ready to store."""

    name: str
    content_type: str
    content: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.content)

    @cached_property
    def text(self) -> str:
        """A PDF's text layer, for the scanner: extracted once, however often the draft is
        screened (the pre-send check in the view, then the posting service)."""
        return file_text(self.content_type, self.content)


def file_text(content_type: str, content: bytes) -> str:
    """The text layer of a PDF (first pages only), for the scanner; "" for images or when
    the PDF has no readable text."""
    if content_type != "application/pdf":
        return ""
    try:
        reader = PdfReader(io.BytesIO(content))
        parts, size = [], 0
        for page in reader.pages[: settings.MODERATION_PDF_PAGES]:
            part = page.extract_text() or ""
            parts.append(part)
            size += len(part)
            if size >= settings.MODERATION_PDF_CHARS:
                break
        return "\n".join(parts)[: settings.MODERATION_PDF_CHARS]
    except Exception:  # a PDF that parsed at upload but whose text layer does not
        log.warning("could not extract the text of a PDF attachment", exc_info=True)
        return ""


def sniff(head: bytes) -> str | None:
    """The allowed type whose signature `head` starts with, or None (SVG, HTML, ZIP…)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def _decodes(content: bytes, content_type: str) -> bool:
    """The whole file parses as what its signature claims (no polyglots, no truncation)."""
    try:
        if content_type == "application/pdf":
            return len(PdfReader(io.BytesIO(content)).pages) > 0
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.format != BY_CONTENT_TYPE[content_type].pillow_format:
                    return False
                image.verify()
        return True
    except (
        OSError,
        ValueError,
        SyntaxError,
        PdfReadError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return False


def safe_name(name: str, extension: str) -> str:
    """A display name without paths, control characters or a misleading extension."""
    name = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    stem = re.sub(r"[^\w\s().,-]+", "_", stem).strip(" ._")[:80]
    return f"{stem or 'attachment'}{extension}"


def check_upload(uploaded: UploadedFile) -> Upload:
    """Accept a file of the policy's types and size, or say clearly why not."""
    name = uploaded.name or "file"
    if (uploaded.size or 0) > MAX_BYTES:
        raise ValidationError(
            _("%(name)s is larger than %(size)d MB."),
            code="too_large",
            params={"name": name, "size": MAX_MEGABYTES},
        )
    content = uploaded.read()
    content_type = sniff(content[:16])
    if content_type is None:
        raise ValidationError(
            _("%(name)s is not one of the accepted file types (%(types)s)."),
            code="type",
            params={"name": name, "types": ", ".join(kind.label for kind in FILE_TYPES)},
        )
    if not _decodes(content, content_type):
        raise ValidationError(
            _("%(name)s is damaged or not really the file type it claims to be."),
            code="damaged",
            params={"name": name},
        )
    return Upload(
        name=safe_name(name, BY_CONTENT_TYPE[content_type].extension),
        content_type=content_type,
        content=content,
    )


def attachment_response(attachment: Attachment) -> FileResponse:
    """A stored file as a response, once its reader's access is checked: images inline,
    documents as downloads (so no viewer runs them in our origin), sandboxed."""
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image,
        filename=attachment.original_name,
    )
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
