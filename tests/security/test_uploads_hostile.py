"""Hostile files sent through the real forms (a reply, a buyer's new request): each is
refused with a clear message in the writer's language, the text is kept, and nothing is
stored: no message, no thread, no attachment row, no file in storage.

Hostile *names* on real pictures are accepted under a clean name (README, "A conversation":
files are stored under random names; the name people gave is kept only as a cleaned label,
helpdesk.uploads.safe_name), and that label is only ever shown escaped. Stored files are
served as their checked type, never as a page."""

import io
import re
import struct
import uuid
import zlib
from functools import cache

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from PIL import Image, PngImagePlugin

from accounts.models import User
from helpdesk.attachment_policy import (
    CONTENT_TYPES,
    MAX_BYTES,
    MAX_FILES,
    MAX_MEGABYTES,
    MAX_PIXELS,
)
from helpdesk.models import Attachment, Message, Thread
from tests.factories import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

BODY = "My carefully written text about the lamp"
# What each form answers a refused file with: the page again, the text kept.
STATUS = {"reply": 400, "contact": 200}
TYPES = "JPEG, PNG, WebP, PDF"
SCRIPT = b"<script>alert(document.cookie)</script>"
HTML = b"<!DOCTYPE html><html><body>" + SCRIPT + b"</body></html>"


@pytest.fixture
def world(shared_world, db):
    """One world for the module (tests/conftest.py: shared_world); each test's writes are
    rolled back after it."""
    return shared_world


# Files ------------------------------------------------------------------------------------


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def jpeg_with_comment(comment: bytes) -> bytes:
    """A valid JPEG with `comment` in a COM segment: it decodes as a picture and holds a
    page (a JPEG/HTML polyglot)."""
    content = jpeg_bytes()
    return content[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + content[2:]


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims `width` × `height` pixels."""
    content = bytearray(jpeg_bytes())
    frame = content.index(b"\xff\xc0")
    content[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(content)


def png_with_text(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A decompression bomb's header: a few hundred bytes declaring `width` × `height`
    black-and-white pixels (a few hundred megabytes once decoded)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = zlib.compress((b"\x00" + b"\x00" * ((width + 7) // 8)) * 16, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
        + chunk(b"IDAT", rows)
        + chunk(b"IEND", b"")
    )


def pdf_with_page_content(stream: bytes) -> bytes:
    """A well-formed one-page PDF whose page draws `stream` (Flate-compressed)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@cache
def pdf_bomb() -> bytes:
    """80 kB on disk; its page's drawing expands to 80 MB (past pypdf's 75 MB limit, so
    its text could never be read for screening)."""
    compressor = zlib.compressobj(9)
    block = b" " * (1 << 20)
    stream = b"".join(compressor.compress(block) for _ in range(80)) + compressor.flush()
    return pdf_with_page_content(stream)


def pdf_with_html_in_its_head() -> bytes:
    """A valid PDF with a page in a comment right after its header, where a sniffing
    browser looks (a PDF/HTML polyglot)."""
    content = pdf_bytes()
    header_end = content.index(b"\n") + 1
    return content[:header_end] + b"%" + HTML + b"\n" + content[header_end:]


GIF_JS = b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;alert(document.domain)//;"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


def one(name: str, content: bytes, content_type: str = "image/png") -> list[SimpleUploadedFile]:
    """One file as a browser sends it; the type it claims is never believed."""
    return [SimpleUploadedFile(name, content, content_type=content_type)]


# What the writer reads: the policy's messages (helpdesk.uploads, helpdesk.forms).


def not_accepted(name: str) -> str:
    return _("%(name)s is not one of the accepted file types (%(types)s).") % {
        "name": name,
        "types": TYPES,
    }


def damaged(name: str) -> str:
    return _("%(name)s is damaged or not really the file type it claims to be.") % {"name": name}


def too_many_pixels(width: int, height: int):
    def message(name: str) -> str:
        return _(
            "%(name)s is %(width)d × %(height)d pixels: pictures of up to %(megapixels)d "
            "megapixels are accepted (a phone photo has about 12). Send a smaller copy."
        ) % {"name": name, "width": width, "height": height, "megapixels": MAX_PIXELS // 10**6}

    return message


def too_large(name: str) -> str:
    return _("%(name)s is larger than %(size)d MB.") % {"name": name, "size": MAX_MEGABYTES}


def too_many(_name: str) -> str:
    return _("You can attach at most %(max)d files to one message.") % {"max": MAX_FILES}


HOSTILE = [
    # (id, file name, files, expected message)
    ("executable named .jpg", "photo.jpg", lambda: one("photo.jpg", EXE), not_accepted),
    ("ELF named .png", "photo.png", lambda: one("photo.png", ELF), not_accepted),
    ("SVG with a script", "drawing.svg", lambda: one("drawing.svg", SVG), not_accepted),
    ("SVG named .png", "drawing.png", lambda: one("drawing.png", SVG), not_accepted),
    (
        "HTML named .pdf",
        "invoice.pdf",
        lambda: one("invoice.pdf", HTML, "application/pdf"),
        not_accepted,
    ),
    ("GIF/JavaScript polyglot", "photo.jpg", lambda: one("photo.jpg", GIF_JS), not_accepted),
    (
        "JPEG/HTML polyglot",
        "photo.jpg",
        lambda: one("photo.jpg", jpeg_with_comment(HTML)),
        damaged,
    ),
    (
        "PNG with a script in its text",
        "photo.png",
        lambda: one("photo.png", png_with_text('<svg onload="alert(1)">')),
        damaged,
    ),
    (
        "PDF/HTML polyglot (page in its head)",
        "invoice.pdf",
        lambda: one("invoice.pdf", pdf_with_html_in_its_head(), "application/pdf"),
        damaged,
    ),
    (
        "PDF/HTML polyglot (page after its end)",
        "invoice.pdf",
        lambda: one("invoice.pdf", pdf_bytes() + HTML, "application/pdf"),
        damaged,
    ),
    (
        "PNG decompression bomb",
        "bomb.png",
        lambda: one("bomb.png", png_claiming(50_000, 50_000)),
        too_many_pixels(50_000, 50_000),
    ),
    (
        "JPEG decompression bomb",
        "bomb.jpg",
        lambda: one("bomb.jpg", jpeg_claiming(60_000, 60_000)),
        too_many_pixels(60_000, 60_000),
    ),
    (
        "PDF decompression bomb",
        "bomb.pdf",
        lambda: one("bomb.pdf", pdf_bomb(), "application/pdf"),
        damaged,
    ),
    (
        "over 10 MB",
        "huge.png",
        lambda: one("huge.png", png_bytes() + b"\x00" * MAX_BYTES),
        too_large,
    ),
    (
        "more files than allowed",
        "",
        lambda: [
            SimpleUploadedFile(f"p{i}.png", png_bytes(), content_type="image/png")
            for i in range(MAX_FILES + 1)
        ],
        too_many,
    ),
    (
        "a script in its name",
        '<img src=x onerror="alert(1)">.svg',
        lambda: one('<img src=x onerror="alert(1)">.svg', SVG),
        not_accepted,
    ),
]


def send(client, world, form: str, files: list, body: str = BODY):
    key = uuid.uuid4()
    if form == "reply":
        url = reverse("helpdesk:reply", args=[world.thread.pk])
        data = {"body": body, "idempotency_key": key}
    else:
        url = reverse("helpdesk:contact_seller", args=[world.order.number])
        data = {"topic": "complaint", "body": body, "idempotency_key": key}
    return client.post(url, {**data, "attachments": files})


def stored_files(path: str = "") -> set[str]:
    """Every file in storage (InMemoryStorage in tests)."""
    folders, files = default_storage.listdir(path)
    found = {f"{path}/{name}".lstrip("/") for name in files}
    for folder in folders:
        found |= stored_files(f"{path}/{folder}".lstrip("/"))
    return found


def kept() -> tuple:
    return (
        Thread.objects.count(),
        Message.objects.count(),
        Attachment.objects.count(),
        stored_files(),
    )


@pytest.mark.parametrize(("form", "language"), [("reply", "en"), ("contact", "fr")])
@pytest.mark.parametrize(
    ("name", "files", "message"),
    [pytest.param(name, files, message, id=case) for case, name, files, message in HOSTILE],
)
def test_a_hostile_file_is_refused_with_a_clear_message_and_nothing_is_kept(
    world, client, form, language, name, files, message
):
    User.objects.filter(pk=world.buyer.pk).update(preferred_language=language)
    client.force_login(world.buyer)
    before = kept()
    response = send(client, world, form, files())
    assert response.status_code == STATUS[form]
    page = response.content.decode()
    with translation.override(language):
        assert escape(message(name)) in page
    assert escape(BODY) in page  # the text is kept
    assert "<script>" not in page
    assert 'onerror="alert(1)"' not in page
    assert kept() == before


# Hostile names on real pictures: accepted under a clean name -------------------------------

STORED_NAME = re.compile(r"attachments/\d{4}/\d{2}/[0-9a-f]{32}\.png")


@pytest.mark.parametrize(
    ("sent", "label"),
    [
        ("../../etc/passwd.png", "passwd.png"),
        ("..\\..\\Windows\\win.ini.png", "win.ini.png"),
        ("photo\x00.php.png", "photo.php.png"),
        ("photo\u202egnp.exe", "photognp.png"),
        ("photo\r\n.png", "photo.png"),
        ("a" * 1000 + ".png", "a" * 80 + ".png"),
        ("CON.png", "_CON.png"),
        ("lpt1.backup.png", "_lpt1.backup.png"),
        (".htaccess.png", "htaccess.png"),
        ("....png", "attachment.png"),
        ("<img src=x onerror=alert(1)>.png", "img src_x onerror_alert(1).png"),
    ],
)
def test_a_hostile_name_on_a_real_picture_is_stored_under_a_clean_label(world, client, sent, label):
    client.force_login(world.buyer)
    before = stored_files()
    response = send(client, world, "reply", one(sent, png_bytes()))
    assert response.status_code == 302
    attachment = Attachment.objects.get(message__body=BODY)
    assert attachment.original_name == label
    assert STORED_NAME.fullmatch(attachment.file.name)
    assert stored_files() - before == {attachment.file.name}
    page = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    assert escape(label) in page
    assert "<img src=x" not in page
    download = client.get(reverse("helpdesk:attachment", args=[attachment.pk]))
    assert download["Content-Disposition"] == f'inline; filename="{label}"'


def test_a_hostile_name_is_shown_escaped_when_its_file_is_refused(world, client):
    """The refusal names the file as sent: escaped, never as markup."""
    client.force_login(world.buyer)
    name = "<b onmouseover=alert(1)>x.exe"
    response = send(client, world, "reply", one(name, EXE))
    page = response.content.decode()
    assert response.status_code == 400
    assert "<b onmouseover" not in page
    assert "&lt;b onmouseover=alert(1)&gt;" in page


# Serving stored files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "disposition"),
    [
        ("photo.png", png_bytes(), "inline"),
        ("photo.jpg", jpeg_bytes(), "inline"),
        ("photo.webp", png_bytes(fmt="WEBP"), "inline"),
        ("invoice.pdf", pdf_bytes(), "attachment"),
    ],
)
def test_a_stored_file_is_served_as_its_checked_type_and_never_as_a_page(
    world, client, name, content, disposition
):
    """Through the thread's page and the console's file view: the type checked at upload,
    nosniff, a sandboxing policy; pictures inline, anything else as a download."""
    client.force_login(world.buyer)
    send(client, world, "reply", one(name, content, "text/html"))
    attachment = Attachment.objects.get(message__body=BODY)
    admin = Client()
    admin.force_login(world.platform_admin)
    for reader, url in [
        (client, reverse("helpdesk:attachment", args=[attachment.pk])),
        (admin, reverse("admin:helpdesk_attachment_file", args=[attachment.pk])),
    ]:
        response = reader.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == attachment.content_type
        assert response["Content-Type"] in CONTENT_TYPES
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith(f"{disposition};")
        policy = response["Content-Security-Policy"]
        assert policy.startswith("default-src 'none'")
        assert "sandbox" in policy
        assert "script-src" not in policy


@pytest.mark.parametrize("content_type", ["text/html", "image/svg+xml", "application/xml"])
def test_the_database_refuses_an_attachment_of_a_type_a_browser_would_run(world, content_type):
    with pytest.raises(IntegrityError), transaction.atomic():
        Attachment.objects.create(
            message=world.attachment.message,
            file="attachments/2026/12/0123456789abcdef0123456789abcdef.png",
            original_name="page.png",
            content_type=content_type,
            size=10,
            sha256="0" * 64,
        )
