"""Attachment checks: the type comes from the content, never from the name or the browser."""

from __future__ import annotations

import io
import re
import unicodedata
import warnings

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from helpdesk.models import Attachment
from helpdesk.services import Upload

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


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
                if image.format != PILLOW_FORMATS[content_type]:
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
    """Accept a JPEG, PNG, WebP or PDF of at most 10 MB, or say clearly why not."""
    name = uploaded.name or "file"
    if uploaded.size > MAX_BYTES:
        raise ValidationError(
            _("%(name)s is larger than 10 MB."), code="too_large", params={"name": name}
        )
    content = uploaded.read()
    content_type = sniff(content[:16])
    if content_type is None:
        raise ValidationError(
            _("%(name)s is not a JPEG, PNG or WebP image or a PDF document."),
            code="type",
            params={"name": name},
        )
    if not _decodes(content, content_type):
        raise ValidationError(
            _("%(name)s is damaged or not really the file type it claims to be."),
            code="damaged",
            params={"name": name},
        )
    return Upload(
        name=safe_name(name, Attachment.ALLOWED_TYPES[content_type]),
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
