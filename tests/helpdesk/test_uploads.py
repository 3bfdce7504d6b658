import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpdesk.attachment_policy import BY_CONTENT_TYPE, MAX_BYTES
from helpdesk.models import Attachment, Message
from helpdesk.uploads import Problem, image_problem, safe_name, sniff
from tests.factories import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def reply(client, thread, *files, body="Photo attached"):
    return client.post(
        reverse("helpdesk:reply", args=[thread.pk]),
        {
            "body": body,
            "idempotency_key": "6c1d1a2e-1f7c-4e7b-9a55-0f3f4b8f1e10",
            "attachments": list(files),
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "expected_type"),
    [
        ("photo.png", png_bytes(), "image/png"),
        ("photo.jpg", png_bytes(fmt="JPEG"), "image/jpeg"),
        ("photo.webp", png_bytes(fmt="WEBP"), "image/webp"),
        ("invoice.pdf", pdf_bytes(), "application/pdf"),
        ("named-wrong.pdf", png_bytes(), "image/png"),  # the content decides
    ],
)
def test_accepted_files_are_stored_under_random_names(world, client, name, content, expected_type):
    client.force_login(world.buyer)
    response = reply(client, world.thread, upload(name, content, "text/plain"))
    assert response.status_code == 302
    attachment = Attachment.objects.filter(message__body="Photo attached").get()
    assert attachment.content_type == expected_type
    assert name.rsplit(".", 1)[0] in attachment.original_name
    assert attachment.original_name.endswith(BY_CONTENT_TYPE[expected_type].extension)
    assert name.rsplit(".", 1)[0] not in attachment.file.name  # random storage name


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "is not one of the accepted file types (JPEG, PNG, WebP, PDF)",
        ),
        (
            "page.png",
            b"<html><script>alert(1)</script></html>",
            "is not one of the accepted file types (JPEG, PNG, WebP, PDF)",
        ),
        ("program.pdf", b"MZ\x90\x00" + b"\x00" * 100, "is not one of the accepted file types"),
        ("broken.png", png_bytes()[:40], "is damaged"),
        ("fake.pdf", b"%PDF-1.7\nnot really a pdf", "is damaged"),
    ],
)
def test_refused_files_say_why_and_keep_the_text(world, client, name, content, error):
    client.force_login(world.buyer)
    response = reply(
        client, world.thread, upload(name, content, "image/png"), body="My carefully written text"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert name in html
    assert "My carefully written text" in html
    assert not Message.objects.filter(body="My carefully written text").exists()


def test_files_over_10_mb_are_refused(world, client):
    client.force_login(world.buyer)
    big = png_bytes() + b"\x00" * MAX_BYTES
    response = reply(client, world.thread, upload("huge.png", big))
    assert response.status_code == 400
    assert "larger than 10 MB" in response.content.decode()


def test_at_most_five_files_per_message(world, client):
    client.force_login(world.buyer)
    files = [upload(f"p{i}.png", png_bytes()) for i in range(6)]
    response = reply(client, world.thread, *files)
    assert response.status_code == 400
    assert "at most 5 files" in response.content.decode()


def test_attachments_are_served_only_through_the_access_check(world, client):
    url = reverse("helpdesk:attachment", args=[world.attachment.pk])
    client.force_login(world.seller_agent)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == world.attachment.file.open().read()
    client.force_login(world.other_seller_agent)
    assert client.get(url).status_code == 404


def test_a_file_missing_from_storage_is_not_found_and_logged_not_a_server_error(
    world, client, caplog
):
    # evidence lost from the storage (a restore without the media, a wiped volume): the
    # reader is told it is gone, the operators read which file
    world.attachment.file.storage.delete(world.attachment.file.name)
    client.force_login(world.seller_agent)
    with caplog.at_level("ERROR", logger="helpdesk.uploads"):
        response = client.get(reverse("helpdesk:attachment", args=[world.attachment.pk]))
    assert response.status_code == 404
    assert f"attachment {world.attachment.pk}" in caplog.text
    assert world.attachment.file.name in caplog.text


def test_pdfs_download_instead_of_opening_in_our_origin(world, client):
    client.force_login(world.buyer)
    reply(client, world.thread, upload("invoice.pdf", pdf_bytes()))
    attachment = Attachment.objects.get(content_type="application/pdf")
    response = client.get(reverse("helpdesk:attachment", args=[attachment.pk]))
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.png", "passwd.png"),
        ("C:\\Users\\me\\photo.jpeg", "photo.png"),
        ("<script>x</script>.png", "script.png"),
        ("a<b>|c.png", "a_b_c.png"),
        ("\x00\x1f.png", "attachment.png"),
        ("a" * 300 + ".png", "a" * 80 + ".png"),
        ("Réclamation été.png", "Réclamation été.png"),
    ],
)
def test_file_names_are_sanitised(name, expected):
    assert safe_name(name, ".png") == expected


def test_sniff_knows_only_the_four_types():
    assert sniff(b"GIF89a") is None
    assert sniff(b"PK\x03\x04") is None


# Issue 11 (2): files that are not what they look like -----------------------------------


def jpeg_bytes(**save_options):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(buffer, "JPEG", **save_options)
    return buffer.getvalue()


def exif_bytes():
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "Phone maker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    return exif.tobytes()


def apng_bytes():
    from PIL import Image

    frames = [Image.new("RGB", (8, 8), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "PNG", save_all=True, append_images=frames[1:], duration=100)
    return buffer.getvalue()


def jpeg_header():
    """A real JPEG's header, up to and including its start of scan, and no picture data."""
    content = jpeg_bytes()
    scan = content.index(b"\xff\xda")
    return content[: scan + 2 + int.from_bytes(content[scan + 2 : scan + 4], "big")]


def huge_png():
    """9000 × 9000 black and white pixels: a few kilobytes on disk, 81 megapixels decoded."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


ZIP = (
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00"
    + b"payload.exe"
    + b"\x00" * 64
    + b"PK\x05\x06"
    + b"\x00" * 18
)
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("receipt.png", png_bytes() + ZIP, "carries other data after the picture"),
        ("receipt.jpg", jpeg_bytes() + ZIP, "carries other data after the picture"),
        ("receipt.webp", png_bytes(fmt="WEBP") + ZIP, "carries other data after the picture"),
        ("page.jpg", jpeg_header() + HTML, "is damaged"),
        ("truncated.jpg", jpeg_bytes()[:-200], "is damaged"),
        ("bomb.png", huge_png(), "is 9000 × 9000 pixels: pictures of up to 50 megapixels"),
    ],
)
def test_disguised_files_are_refused_with_a_clear_reason(world, client, name, content, error):
    """Issue 11 (2). Failed before: the signature and header were read, not the picture, so
    each of these was stored."""
    client.force_login(world.buyer)
    response = reply(client, world.thread, upload(name, content), body="Here is the proof")
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Message.objects.filter(body="Here is the proof").exists()


def test_the_pixel_cap_is_read_from_the_header_before_decoding():
    content = huge_png()
    assert len(content) < 20_000
    assert image_problem(content, "image/png") == (Problem.TOO_MANY_PIXELS, (9000, 9000))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("progressive.jpg", jpeg_bytes(progressive=True, exif=exif_bytes())),
        ("restart-markers.jpg", jpeg_bytes(restart_marker_blocks=1)),
        ("padded.jpg", jpeg_bytes() + b"\x00" * 32),
        ("animated.png", apng_bytes()),
        ("photo.webp", png_bytes(size=(640, 480), fmt="WEBP")),
    ],
)
def test_ordinary_pictures_still_pass_the_stricter_checks(world, client, name, content):
    client.force_login(world.buyer)
    assert reply(client, world.thread, upload(name, content)).status_code == 302
    assert Attachment.objects.filter(message__body="Photo attached").count() == 1


# PDFs that run something when opened ------------------------------------------------------


def active_pdf(change) -> bytes:
    """A one-page PDF, as `change(writer, page)` makes it."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    change(writer, page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _script():
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    return DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
    )


def _open_action_script(writer, page):
    from pypdf.generic import NameObject

    writer._root_object[NameObject("/OpenAction")] = writer._add_object(_script())


def _page_opens_a_script(writer, page):
    from pypdf.generic import DictionaryObject, NameObject

    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _script()})


def _link(writer, page, action):
    """A link on the page that runs `action` when clicked."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/A"): DictionaryObject(action),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])


def _link_launches_a_program(writer, page):
    from pypdf.generic import NameObject, TextStringObject

    # the action's name written by reference, as a file built to slip past a check may
    _link(
        writer,
        page,
        {
            NameObject("/S"): writer._add_object(NameObject("/Launch")),
            NameObject("/F"): TextStringObject("calc.exe"),
        },
    )


def _embedded_file(writer, page):
    writer.add_attachment("invoice.exe", b"MZ")


def _web_link(writer, page):
    from pypdf.generic import NameObject, TextStringObject

    _link(
        writer,
        page,
        {
            NameObject("/S"): NameObject("/URI"),
            NameObject("/URI"): TextStringObject("https://marketplace.example/help"),
        },
    )


@pytest.mark.parametrize(
    "change",
    [_open_action_script, _page_opens_a_script, _link_launches_a_program, _embedded_file],
)
def test_pdfs_that_run_something_when_opened_are_refused(world, client, change):
    """Failed before: a PDF was checked for pages and readable drawings only, so a script or
    a program launched on opening reached the other side (a PDF reader runs them)."""
    client.force_login(world.buyer)
    response = reply(client, world.thread, upload("invoice.pdf", active_pdf(change)), body="Proof")
    assert response.status_code == 400
    assert "contains scripts, attached files or actions" in response.content.decode()
    assert not Message.objects.filter(body="Proof").exists()


def _a_dictionary_under_s(writer, page):
    from pypdf.generic import DictionaryObject, NameObject

    # "/S" names a kind in many dictionaries; one that holds no name is no action
    page[NameObject("/Group")] = DictionaryObject(
        {NameObject("/S"): DictionaryObject({NameObject("/Type"): NameObject("/Mask")})}
    )


def test_a_pdf_whose_s_entry_is_no_name_is_not_damaged():
    from helpdesk.uploads import _pdf_problem

    assert _pdf_problem(active_pdf(_a_dictionary_under_s)) is None


def test_a_pdf_with_an_ordinary_web_link_passes(world, client):
    client.force_login(world.buyer)
    response = reply(client, world.thread, upload("invoice.pdf", active_pdf(_web_link)), body="Ok")
    assert response.status_code in (200, 302)
    assert Message.objects.filter(body="Ok").exists()
