"""Attachment checks: the type comes from the content, never from the name or the browser.
The policy (types, size, count) is helpdesk.attachment_policy's."""

from __future__ import annotations

import io
import logging
import re
import struct
import unicodedata
import warnings
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from helpdesk.attachment_policy import (
    BY_CONTENT_TYPE,
    FILE_TYPES,
    MAX_BYTES,
    MAX_MEGABYTES,
    MAX_PIXELS,
)
from helpdesk.models import Attachment

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Upload:
    """A file that passed the content checks, ready to store."""

    name: str  # cleaned, for display and storage (safe_name)
    content_type: str
    content: bytes = field(repr=False)
    # The name as the writer gave it (without its folders): what the scanner reads, since
    # cleaning turns "jean@gmail.com.png" into "jean_gmail.com.png".
    typed_name: str = ""

    @property
    def screened_name(self) -> str:
        return self.typed_name or self.name

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


class Problem(Enum):
    """Why a file's content is refused."""

    DAMAGED = "damaged"  # does not parse, or is truncated, as the type its signature claims
    TOO_MANY_PIXELS = "too_many_pixels"  # more pixels than a phone photo needs
    TRAILING_DATA = "trailing_data"  # bytes after the picture's end (a ZIP, a page, a video)
    MARKUP = "markup"  # also a web page: a script hidden in a comment, metadata or a tail
    ACTIVE = "active"  # a PDF that runs something when opened: scripts, launches, files inside


# What would run if a browser ever took the file for a page (a polyglot: a picture or a PDF
# that is also HTML), wherever it hides: a JPEG's comment, a PNG's text, a PDF's comment or
# tail. Searched in the lower-cased bytes; each marker is long enough never to turn up by
# chance in compressed data (odds far below one in a million for a 10 MB photo).
_MARKUP = re.compile(
    rb"<(?:script|iframe|object|embed)|javascript:"
    rb"|on(?:load|error|click|focus|begin|toggle|pageshow|mouse[a-z]+|animation[a-z]+)\s*="
)


_DECODE_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    IndexError,  # Pillow's readers, on a truncated or malformed header
    TypeError,
    struct.error,
    PdfReadError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
)


def _png_end(content: bytes) -> int | None:
    """The offset just after a PNG's IEND chunk (chunks: length, type, data, CRC)."""
    position = 8
    while position + 12 <= len(content):
        (length,) = struct.unpack(">I", content[position : position + 4])
        kind = content[position + 4 : position + 8]
        position += 12 + length
        if kind == b"IEND":
            return position if position <= len(content) else None
    return None


def _jpeg_end(content: bytes) -> int | None:
    """The offset just after a JPEG's end-of-image marker: segments are walked by their
    lengths, entropy-coded data (after each start of scan) up to its next real marker."""
    position = 2  # after SOI
    size = len(content)
    while position < size:
        if content[position] != 0xFF:
            return None
        while position < size and content[position] == 0xFF:  # fill bytes
            position += 1
        if position >= size:
            return None
        marker = content[position]
        position += 1
        if marker == 0xD9:  # EOI
            return position
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # TEM, RSTn: no length
            continue
        if position + 2 > size:
            return None
        (length,) = struct.unpack(">H", content[position : position + 2])
        position += length
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next marker
            while True:
                position = content.find(b"\xff", position)
                if position == -1 or position + 1 >= size:
                    return None
                following = content[position + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    position += 2  # a stuffed 0xFF or a restart marker: still data
                    continue
                break
    return None


def _webp_end(content: bytes) -> int | None:
    """A WebP is one RIFF chunk: its declared size (plus the 8-byte header, padded to even)."""
    (riff_size,) = struct.unpack("<I", content[4:8])
    return 8 + riff_size + (riff_size & 1)


_IMAGE_ENDS = {"image/png": _png_end, "image/jpeg": _jpeg_end, "image/webp": _webp_end}


def image_problem(content: bytes, content_type: str) -> tuple[Problem, tuple[int, int]] | None:
    """Why an image is refused (with its size in pixels), or None: it must be exactly one
    picture of its claimed format, decoded in full (not just its header), of at most
    attachment_policy.MAX_PIXELS, with nothing after its end."""
    pillow_format = cast(str, BY_CONTENT_TYPE[content_type].pillow_format)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Read by the claimed format's own reader: Image.open would refuse a picture of
            # over 89 million pixels (Pillow's bomb limit) before its size could be told.
            Image.init()
            reader, _accept = Image.OPEN[pillow_format]
            with reader(io.BytesIO(content), "") as image:
                if image.format != pillow_format:
                    return Problem.DAMAGED, (0, 0)
                width, height = image.size
                # Refused from the header, before decoding what would be a bomb.
                if width * height > MAX_PIXELS:
                    return Problem.TOO_MANY_PIXELS, (width, height)
                image.load()
    except _DECODE_ERRORS:
        return Problem.DAMAGED, (0, 0)
    end = _IMAGE_ENDS[content_type](content)
    if end is None or end > len(content):
        return Problem.DAMAGED, (width, height)
    if content[end:].strip(b"\x00"):  # zero padding, as some cameras write, carries nothing
        return Problem.TRAILING_DATA, (width, height)
    return None


def _pdf_problem(content: bytes) -> Problem | None:
    """A PDF must have pages, and the pages the scanner reads (file_text) must decode within
    pypdf's limits: a drawing that expands past them (a decompression bomb) would leave
    their text unscreened. It must not carry active content (`_pdf_is_active`)."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if len(reader.pages) == 0:
            return Problem.DAMAGED
        for page in reader.pages[: settings.MODERATION_PDF_PAGES]:
            drawing = page.get_contents()
            if drawing is not None:
                drawing.get_data()
        if _pdf_is_active(reader):
            return Problem.ACTIVE
    except Exception:  # pypdf raises many kinds on a malformed file: all mean damaged
        return Problem.DAMAGED
    return None


# What a PDF reader would run or open for whoever opens the file: a script (document, page,
# form field or link), a program launched, a file embedded in it, a form that posts its data
# somewhere, an XFA form (scripted), rich media. Invoices, labels and scans have none.
_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFiles", "/XFA", "/RichMedia"})
_ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE", "/RichMediaExecute"}
)
#: Objects read at most: far above an ordinary document's, so a file built to make the walk
#: endless is refused instead.
_PDF_OBJECTS_READ = 200_000


def _pdf_is_active(reader: PdfReader) -> bool:
    """Whether anything reachable from the document's catalog is active content. Every
    object is read through its reference, so what hides in a compressed object stream is
    found too; the drawings' data is not read (a drawing runs nothing)."""
    stack: list[Any] = [reader.trailer["/Root"]]
    seen: set[tuple[int, int]] = set()
    read = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        read += 1
        if read > _PDF_OBJECTS_READ:
            raise PdfReadError("too many objects")
        if isinstance(node, DictionaryObject):
            if _ACTIVE_KEYS.intersection(node.keys()):
                return True
            action, subtype = (_resolved(node.get(name)) for name in ("/S", "/Subtype"))
            if isinstance(action, str) and action in _ACTIVE_ACTIONS:
                return True
            if subtype == "/FileAttachment":
                return True
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return False


def _resolved(value: Any) -> Any:
    """A name as itself, whether written in place or by reference."""
    return value.get_object() if isinstance(value, IndirectObject) else value


def typed_name(name: str) -> str:
    """The file name as the writer gave it, without the folders some browsers send."""
    return unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])


# Names Windows keeps for devices, whatever the extension ("CON.png" cannot be saved).
_DEVICE_NAMES = re.compile(r"(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?", re.IGNORECASE)


def safe_name(name: str, extension: str) -> str:
    """A display name without paths, control characters, a Windows device name or a
    misleading extension."""
    name = typed_name(name)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    stem = re.sub(r"[^\w\s().,-]+", "_", stem).strip(" ._")[:80]
    if _DEVICE_NAMES.fullmatch(stem):
        stem = f"_{stem}"
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
    problem: Problem | None
    if _MARKUP.search(content.lower()):
        problem, pixels = Problem.MARKUP, (0, 0)
    elif content_type == "application/pdf":
        problem, pixels = _pdf_problem(content), (0, 0)
    else:
        problem, pixels = image_problem(content, content_type) or (None, (0, 0))
    if problem is Problem.TOO_MANY_PIXELS:
        raise ValidationError(
            _(
                "%(name)s is %(width)d × %(height)d pixels: pictures of up to %(megapixels)d "
                "megapixels are accepted (a phone photo has about 12). Send a smaller copy."
            ),
            code=problem.value,
            params={
                "name": name,
                "width": pixels[0],
                "height": pixels[1],
                "megapixels": MAX_PIXELS // 1_000_000,
            },
        )
    if problem is Problem.TRAILING_DATA:
        raise ValidationError(
            _(
                "%(name)s carries other data after the picture (a hidden file, or the video "
                "of a motion photo). Save it as a plain picture and attach it again."
            ),
            code=problem.value,
            params={"name": name},
        )
    if problem is Problem.ACTIVE:
        raise ValidationError(
            _(
                "%(name)s contains scripts, attached files or actions that run when it is "
                "opened. Print it to a new PDF or photograph the pages, then attach the new "
                "PDF or the photos."
            ),
            code=problem.value,
            params={"name": name},
        )
    if problem in (Problem.DAMAGED, Problem.MARKUP):
        # A file that is also a page is not really the type it claims: the same words.
        raise ValidationError(
            _("%(name)s is damaged or not really the file type it claims to be."),
            code=problem.value,
            params={"name": name},
        )
    return Upload(
        name=safe_name(name, BY_CONTENT_TYPE[content_type].extension),
        content_type=content_type,
        content=content,
        typed_name=typed_name(name)[:255],
    )


def attachment_response(attachment: Attachment) -> FileResponse:
    """A stored file as a response, once its reader's access is checked: images inline,
    documents as downloads (so no viewer runs them in our origin), sandboxed; not found (and
    logged as an error) when the storage has lost it."""
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError:
        # The record stays (messages are append-only); the file is gone from the storage.
        log.error(
            "attachment %s: %s is missing from the storage", attachment.pk, attachment.file.name
        )
        raise Http404 from None
    response = FileResponse(
        stored,
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image,
        filename=attachment.original_name,
    )
    # Nothing runs in a file's own page; the browser's image viewer styles itself inline.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    )
    return response
