"""The XSS corpus (xss_payloads.txt) in every field a person can type, written through the
project's own services, and the pages that show those fields to each reader.

Read by tests/security/test_escaping.py (Django's client: every payload escaped) and by
tests/browser/test_xss.py (Chromium: nothing runs). Every payload, were it ever run, leaves
a trace: a dialog (`alert(1)`), `window.__xss` or the title "XSS"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Seller, SellerAbsence, SellerMember, User
from accounts.services import absence_record
from helpdesk.models import Attachment, Message, MessageReview, Role, SavedReply, Thread
from helpdesk.services import (
    escalation_resolve,
    escalation_take_over,
    message_post,
    note_post,
    platform_message_post,
    review_decide,
    saved_reply_create,
    status_update_post,
    thread_assign,
    thread_escalate,
    thread_open,
)
from helpdesk.uploads import Upload, check_upload
from orders.models import Market, Order
from orders.services import Address, LineSpec, order_place
from outbox.models import Notification
from sla.models import Sanction, SanctionAppeal
from sla.sanctions import sanction_appeal, sanction_apply
from tests.factories import SellerFactory, SellerMemberFactory, UserFactory, pdf_bytes, png_bytes

PAYLOADS: list[str] = [
    line
    for line in (Path(__file__).parent / "xss_payloads.txt").read_text("utf-8").splitlines()
    if line.strip()
]

# What each payload's script or htmx attribute says (lower case): found in an event handler
# or an htmx attribute, a payload was injected. Each holds a character no random token (a
# CSRF token in hx-headers) has.
MARKERS = ("alert(", "__xss", "xss'", "/xss", "xss=")

# Lookalikes, inert wherever a page puts them (template syntax, encoded forms, markdown, a
# JavaScript string, a sanitiser's round trip): there to show that they stay text.
LOOKALIKES = (
    "{{7*7}}",
    "${alert(1)}",
    "{{constructor.constructor('alert(1)')()}}",
    "#{window.__xss=1} <%= alert(1) %> {% debug %}",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<![CDATA[<script>window.__xss=1</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "＜script＞alert(1)＜/script＞",
    "[click](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    '![pic](x" onerror="alert(1))',
    "'-alert(1)-' \";alert(1);//",
)


def fitting(limit: int, start: int, count: int) -> list[str]:
    """`count` payloads of at most `limit` characters, from `start` on (round the list)."""
    short = [p for p in PAYLOADS if len(p) <= limit]
    return [short[(start + i) % len(short)] for i in range(count)]


def spread(count: int, offset: int = 0) -> list[str]:
    """Every payload, dealt into `count` texts (one payload a line)."""
    texts = [[] for _ in range(count)]
    for i, payload in enumerate(PAYLOADS):
        texts[(i + offset) % count].append(payload)
    return ["\n".join(text) for text in texts]


def packed(limit: int, start: int) -> str:
    """As many payloads as fit in `limit` characters (one at least), from `start` on."""
    out = ""
    for i in range(len(PAYLOADS)):
        payload = PAYLOADS[(start + i) % len(PAYLOADS)]
        joined = f"{out} {payload}" if out else payload
        if len(joined) > limit:
            if out:
                break
            continue
        out = joined
    return out


def png(name: str) -> Upload:
    """A real picture under a hostile name, as the posting services take it (the name as
    typed: what the pages must escape, whatever cleaning the upload form does)."""
    return Upload(name=name, content_type="image/png", content=png_bytes(), typed_name=name)


def pdf(name: str) -> Upload:
    return Upload(name=name, content_type="application/pdf", content=pdf_bytes(), typed_name=name)


def uploaded(name: str) -> Upload:
    """A real PDF under a hostile name, through the upload checks of the forms."""
    return check_upload(SimpleUploadedFile(name, pdf_bytes(), "application/pdf"))


@dataclass
class XssWorld:
    buyer: User
    seller_agent: User
    seller_owner: User
    platform_admin: User
    seller: Seller
    order: Order
    thread: Thread  # escalated, taken over, still open: every kind of entry
    decided: Thread  # escalated and decided by the platform
    saved_reply: SavedReply
    absence: SellerAbsence
    held: MessageReview  # a seller's message held, pending
    rejected: MessageReview  # a seller's message held, then rejected with a reason
    masked: MessageReview  # a buyer's message masked
    attachment: Attachment
    sanction: Sanction
    appeal: SanctionAppeal

    def pages(self, *, everything: bool = True) -> dict[str, list[str]]:
        """The pages that show what people typed, per reader (persona attribute); without
        `everything`, the console's pages that Django renders alike for every model are
        left to the test client."""
        thread, decided, order = self.thread.pk, self.decided.pk, self.order.number
        message = Message.objects.filter(thread=self.thread, author_role=Role.SELLER).first()
        assert message is not None
        notification = Notification.objects.order_by("pk").first()
        assert notification is not None

        def admin(name: str, *args: object) -> str:
            return reverse(f"admin:{name}", args=args)

        return {
            "buyer": [
                f"/threads/{thread}/",
                f"/threads/{decided}/",
                "/requests/",
                f"/orders/{order}/",
                "/orders/",
            ],
            "seller_agent": [
                f"/threads/{thread}/",
                # The saved reply inserted without JavaScript (filled in for the thread).
                f"/threads/{thread}/?insert={self.saved_reply.pk}",
                f"/threads/{decided}/",
                "/seller/inbox/?view=all",
                "/seller/saved-replies/",
                "/seller/absences/",
                f"/orders/{order}/",
                "/seller/orders/",
                "/seller/performance/",
                f"/sellers/{self.seller.slug}/",
            ],
            "seller_owner": [
                # Editing is the owner's.
                f"/seller/saved-replies/{self.saved_reply.pk}/edit/",
            ],
            "platform_admin": [
                admin("helpdesk_thread_change", thread),
                admin("helpdesk_thread_change", decided),
                admin("helpdesk_thread_changelist"),
                admin("helpdesk_thread_search") + "?q=alert+script+img",
                admin("helpdesk_message_changelist"),
                admin("helpdesk_message_change", message.pk),
                admin("helpdesk_messagereview_changelist") + "?state=all",
                admin("helpdesk_messagereview_change", self.held.pk),
                admin("helpdesk_messagereview_change", self.rejected.pk),
                admin("helpdesk_messagereview_change", self.masked.pk),
                admin("helpdesk_escalation_changelist") + "?state=all",
                admin("helpdesk_attachment_change", self.attachment.pk),
                admin("helpdesk_savedreply_change", self.saved_reply.pk),
                admin("accounts_user_change", self.buyer.pk),
                admin("sla_sanctionappeal_change", self.appeal.pk),
                admin("outbox_notification_changelist"),
                # Django's own lists and forms, the same in a browser: read by the client.
                *(
                    [
                        "/admin/",
                        admin("helpdesk_thread_changelist") + "?q=alert",
                        admin("helpdesk_message_changelist") + "?q=alert",
                        admin("helpdesk_messagereview_changelist"),
                        admin("helpdesk_attachment_changelist"),
                        admin("helpdesk_savedreply_changelist"),
                        admin("accounts_user_changelist"),
                        admin("accounts_seller_change", self.seller.pk),
                        admin("accounts_sellerabsence_changelist"),
                        admin("orders_order_change", self.order.pk),
                        admin("orders_shipment_changelist"),
                        admin("sla_sanction_change", self.sanction.pk),
                        admin("outbox_notification_change", notification.pk),
                    ]
                    if everything
                    else []
                ),
            ],
        }


def build_xss_world() -> XssWorld:
    """Every payload in every field a person types, through the services (names, addresses
    and product titles at creation); the moderation holds and masks what it finds, as in
    production."""
    now = timezone.now()
    seller = SellerFactory(company_name=packed(200, 3), slug="sec-shop")
    buyer = UserFactory(email="sec.buyer@example.com", name=packed(150, 0))
    seller_agent = SellerMemberFactory(
        seller=seller, user__email="sec.agent@example.com", user__name=packed(150, 11)
    ).user
    seller_owner = SellerMemberFactory(
        seller=seller,
        user__email="sec.owner@example.com",
        user__name=packed(150, 23),
        role=SellerMember.Role.OWNER,
    ).user
    platform_admin = UserFactory(
        email="sec.admin@example.com", name=packed(150, 37), is_staff=True, is_superuser=True
    )
    order = order_place(
        number="SEC-0001",
        buyer=buyer,
        seller=seller,
        market=Market.objects.get(code="FR"),
        lines=[
            LineSpec(sku=f"SEC-{i}", title=title, quantity=1, unit_price=Decimal("9.90"))
            for i, title in enumerate([packed(200, 5), packed(200, 45)], start=1)
        ],
        shipping_cost=Decimal("4.90"),
        address=Address(
            name=packed(150, 50),
            line1=packed(200, 60),
            line2=packed(200, 70),
            postal_code="75001",
            city=packed(100, 30),
            country="FR",
        ),
        placed_at=now - timedelta(days=20),
    )
    long_ago = now - timedelta(days=10)  # past the answer deadline: the buyer may escalate

    names = fitting(110, 0, 12)  # a file name holds 120 characters with its extension
    buyer_texts = spread(3)
    thread = thread_open(
        order=order,
        buyer=buyer,
        topic="return",
        body=buyer_texts[0],
        lines=list(order.lines.all()),
        uploads=[png(f"{names[0]}.png"), pdf(f"{names[1]}.pdf")],
        at=long_ago,
    )
    decided = thread_open(
        order=order, buyer=buyer, topic="delivery", body=buyer_texts[1], at=long_ago
    )
    thread_escalate(thread=thread, buyer=buyer, reason=spread(2)[0])
    thread_escalate(thread=decided, buyer=buyer, reason=spread(2)[1])
    masked = message_post(
        thread=thread,
        author=buyer,
        role=Role.BUYER,
        body=f"{buyer_texts[2]}\nMail me: jean.dupont@gmail.com",
        uploads=[png(f"{names[2]}.png"), uploaded(f"{names[3]}.pdf")],
    )
    escalation_take_over(thread=thread, by=platform_admin)
    platform_message_post(thread=thread, author=platform_admin, body=spread(2, 1)[0])
    escalation_resolve(
        thread=decided, by=platform_admin, outcome="refund_by_seller", note=spread(2, 1)[1]
    )

    seller_texts = spread(3, 1)
    held = message_post(
        thread=thread,
        author=seller_agent,
        role=Role.SELLER,
        body=f"{seller_texts[0]}\nCall me on 06 12 34 56 78.",
        uploads=[png(f"{names[4]}.png"), pdf(f"{names[5]}.pdf")],
    )
    rejected = message_post(
        thread=thread,
        author=seller_agent,
        role=Role.SELLER,
        body=f"{seller_texts[1]}\nWrite to shop@gmail.com",
        uploads=[png(f"{names[6]}.png")],
    )
    assert held.review is not None  # held for review
    assert rejected.review is not None
    review_decide(
        review=rejected.review,
        decision=MessageReview.State.REJECTED,
        by=platform_admin,
        reason=spread(2)[1],
    )
    message_post(
        thread=thread,
        author=seller_agent,
        role=Role.SELLER,
        body=seller_texts[2],
        uploads=[png(f"{names[7]}.png"), uploaded(f"{names[8]}.png")],
    )
    for text in spread(2, 1):
        note_post(thread=thread, author=seller_agent, body=text)
    carriers = fitting(20, 0, 3)
    for i, (note, tracking) in enumerate(zip(spread(3, 2), fitting(40, 0, 3), strict=True)):
        status_update_post(
            order=order,
            author=seller_agent,
            thread=thread,
            update={
                "type": "shipped",
                "carrier": carriers[i],
                "tracking_number": tracking,
                "estimated_delivery": (now + timedelta(days=3)).date(),
                "note": note,
            },
        )
    thread_assign(thread=thread, by=seller_agent, assignee=seller_owner)

    placeholders = "\n{buyer_name} {tracking_number} {agent_name} {seller_name}"
    replies = [
        saved_reply_create(seller_id=seller.pk, author=seller_agent, title=title, body=body)
        for title, body in zip(
            fitting(80, 5, 4), [text + placeholders for text in spread(4, 3)], strict=True
        )
    ]
    absence = absence_record(
        seller=seller,
        absent=seller_owner,
        first_day=timezone.localdate(),
        last_day=timezone.localdate() + timedelta(days=5),
        stand_in=seller_agent,
        by=seller_owner,
    )
    sanction = sanction_apply(
        seller=seller,
        kind="warning",
        reason=spread(2, 1)[0],
        by=platform_admin,
        ends_at=now + timedelta(days=30),
    )
    appeal = sanction_appeal(sanction=sanction, by=seller_agent, text=spread(2)[0])
    masked_review = MessageReview.objects.get(message=masked)
    return XssWorld(
        buyer=buyer,
        seller_agent=seller_agent,
        seller_owner=seller_owner,
        platform_admin=platform_admin,
        seller=seller,
        order=order,
        thread=thread,
        decided=decided,
        saved_reply=replies[0],
        absence=absence,
        held=held.review,
        rejected=rejected.review,
        masked=masked_review,
        attachment=Attachment.objects.filter(message__thread=thread).order_by("pk").first(),
        sanction=sanction,
        appeal=appeal,
    )


# What a page must never hold -------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)


def _scheme(value: str) -> str:
    """A URL as a browser reads its scheme: without the whitespace and control characters
    it ignores there."""
    return re.sub(r"[\x00-\x20]", "", value)


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and any(name == "http-equiv" for name, _value in attrs):
            self.problems.append("<meta http-equiv>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not (src.startswith("/static/") or src == "/admin/jsi18n/"):
                self.problems.append(f"<script> not ours: {attrs}")
        for name, value in attrs:
            value = value or ""
            lowered = value.lower()
            handler = name.startswith(("on", "hx-", "data-hx-"))
            if handler and any(marker in lowered for marker in MARKERS):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and DANGEROUS_SCHEME.match(_scheme(value)):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and ("javascript:" in lowered or "expression(" in lowered):
                self.problems.append(f"<{tag} style={value!r}>")


def html_problems(html: str) -> list[str]:
    """What in `html` could run a payload: an element a payload would bring (a foreign
    script, a frame, <base>, a refresh), an event handler or htmx attribute saying a
    payload's code, a javascript:/data: URL, a script in a style; and a payload left as
    written where escaping would have changed it."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    problems = scan.problems
    for payload in PAYLOADS:
        # (A payload of entities only reads like another one escaped.)
        if any(character in payload for character in "<>\"'") and payload in html:
            problems.append(f"unescaped: {payload}")
    return problems
