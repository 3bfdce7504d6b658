import uuid
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from accounts.models import SellerMember, User
from helpdesk import attachment_policy, status_updates
from helpdesk.models import BUYER_TOPICS, SavedReply, Topic
from helpdesk.uploads import Upload, check_upload
from orders.models import Carrier, Market, Order, OrderLine

BODY_MAX = 5000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Files as the attachment policy allows, each checked by content (helpdesk.uploads)."""

    widget = MultipleFileInput(attrs={"accept": attachment_policy.accept_attribute()})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault("help_text", lazy(attachment_policy.help_text, str)())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Upload]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > attachment_policy.MAX_FILES:
            raise forms.ValidationError(
                _("You can attach at most %(max)d files to one message."),
                code="too_many",
                params={"max": attachment_policy.MAX_FILES},
            )
        uploads, errors = [], []
        for uploaded in files:
            try:
                uploads.append(check_upload(uploaded))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            errors.append(
                forms.ValidationError(
                    _("Your text is kept: choose the files again and send."), code="kept"
                )
            )
            raise forms.ValidationError(errors)
        return uploads


def body_field(label: StrOrPromise, **attrs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": BODY_MAX, **attrs}),
    )


class IdempotentForm(forms.Form):
    """Each rendering carries a fresh key; the same submission twice posts once."""

    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class CheckedDraftForm(IdempotentForm):
    """A message to the other side: its text is checked as the writer pauses (htmx posts it
    to `check_url`, the explanation lands in #draft-check) and again on submit, where
    "send anyway" (a second submit button) confirms a draft with findings."""

    send_anyway = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, check_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if check_url:
            self.fields["body"].widget.attrs.update(
                {
                    "hx-post": check_url,
                    "hx-trigger": "input changed delay:600ms",
                    "hx-target": "#draft-check",
                    "hx-sync": "this:replace",
                    "aria-describedby": "draft-check",
                }
            )


class LinesField(forms.ModelMultipleChoiceField[OrderLine]):
    def label_from_instance(self, obj: OrderLine) -> str:
        return f"{obj.quantity} × {obj.title}"


class TeamMemberField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.name


class MarketField(forms.ModelChoiceField[Market]):
    def label_from_instance(self, obj: Market) -> str:
        return f"{obj.code} · {obj.display_name}"


class ContactSellerForm(CheckedDraftForm):
    topic = forms.ChoiceField(label=_("What is it about?"), choices=BUYER_TOPICS)
    lines = LinesField(
        label=_("Which items? (optional)"),
        queryset=OrderLine.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    body = body_field(_("Your message"))
    attachments = AttachmentsField()

    def __init__(self, *args: Any, order: Order, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(LinesField, self.fields["lines"]).queryset = order.lines.all()


class ReplyForm(CheckedDraftForm):
    body = body_field(_("Your reply"))
    attachments = AttachmentsField()


class NoteForm(IdempotentForm):
    body = body_field(_("Internal note"), rows=3)


class AnswerRatingForm(forms.Form):
    reply = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    answered = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda value: value == "yes"
    )


class EscalateForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the platform know?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )


class StatusUpdateForm(IdempotentForm):
    """A status update of one of the kinds of helpdesk.status_updates."""

    type = forms.ChoiceField(label=_("Update"), choices=status_updates.choices)
    carrier = forms.ChoiceField(
        label=_("Carrier"), choices=[("", "—"), *Carrier.choices], required=False
    )
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40, required=False)
    estimated_delivery = forms.DateField(
        label=_("Estimated delivery"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    amount = forms.DecimalField(
        label=_("Amount refunded"), max_digits=12, decimal_places=2, required=False, min_value=0
    )
    note = forms.CharField(
        label=_("Note for the buyer (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
    )

    def __init__(self, *args: Any, order: Order, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order = order
        self.fields["amount"].help_text = _("In %(currency)s.") % {"currency": order.currency}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = status_updates.KINDS.get(data.get("type", ""))
        for name in kind.entered if kind else ():
            if data.get(name) in (None, ""):
                self.add_error(name, _("Required for this update."))
        if data.get("type") == "shipped" and data.get("estimated_delivery"):
            today = timezone.localdate(timezone=self.order.market.tzinfo)
            if data["estimated_delivery"] < today:
                self.add_error("estimated_delivery", _("The estimated delivery is in the past."))
        if data.get("type") == "refund_issued" and data.get("amount") is not None:
            if data["amount"] <= 0:
                self.add_error("amount", _("A refund is more than zero."))
            elif data["amount"] > self.order.total:
                self.add_error("amount", _("A refund cannot exceed the order total."))
        return data

    def kind_fields(self) -> list[tuple[status_updates.StatusKind, list[forms.BoundField]]]:
        """The fields each kind asks for, grouped by kind (the page shows one group at a
        time, the one of the chosen kind)."""
        return [
            (kind, [self[name] for name in kind.entered])
            for kind in status_updates.KINDS.values()
            if kind.entered
        ]

    def update(self) -> dict[str, Any]:
        """The status update as the service takes it (helpdesk.status_updates.normalise)."""
        data = self.cleaned_data
        kind = status_updates.KINDS[data["type"]]
        update = {"type": kind.code, **{name: data[name] for name in kind.entered}}
        if "currency" in kind.fields:
            update["currency"] = self.order.currency
        if data.get("note"):
            update["note"] = data["note"]
        return update


class AssignForm(forms.Form):
    assignee = TeamMemberField(
        label=_("Assigned to"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args: Any, seller_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(TeamMemberField, self.fields["assignee"]).queryset = User.objects.filter(
            memberships__seller_id=seller_id, is_active=True
        ).order_by("name")


class InboxFilterForm(forms.Form):
    VIEWS = [
        ("awaiting", _("Awaiting our reply")),
        ("new", _("New requests")),
        ("open", _("Open")),
        ("escalated", _("Escalated")),
        ("closed", _("Closed")),
        ("all", _("All")),
    ]
    SORTS = [
        ("", _("Default")),
        ("due", _("Due soonest")),
        ("newest", _("Newest activity")),
        ("oldest", _("Oldest activity")),
    ]
    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Order, buyer or words")}),
    )
    view = forms.ChoiceField(label=_("Show"), choices=VIEWS, required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORTS, required=False)
    topic = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("All")), *Topic.choices], required=False
    )
    market = MarketField(
        label=_("Market"),
        queryset=Market.objects.all(),
        required=False,
        empty_label=_("All"),
        to_field_name="code",
    )
    assigned = forms.ChoiceField(
        label=_("Assigned"),
        choices=[("", _("Anyone")), ("me", _("To me")), ("nobody", _("Unassigned"))],
        required=False,
    )
    cursor = forms.RegexField(regex=r"^(?:-?\d+|-)\.\d+$", required=False, widget=forms.HiddenInput)
    # The position of the page's first thread (the pages are keyset pages: the link to the
    # next one says where it starts).
    start = forms.IntegerField(
        min_value=1, max_value=10_000_000, required=False, widget=forms.HiddenInput
    )


class ThreadIdsField(forms.Field):
    """The ids of the conversations ticked in the inbox (at most a page's worth)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Tick at least one conversation."),
        "invalid": _("Tick conversations from the list."),
    }

    def to_python(self, value: Any) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        if not all(isinstance(v, str) and v.isascii() and v.isdigit() for v in values):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        ids = sorted({int(v) for v in values})
        if len(ids) > 100:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return ids


class InboxBulkForm(forms.Form):
    ACTIONS = [
        ("read", _("Mark as read")),
        ("assign", _("Assign to…")),
        ("close", _("Close")),
    ]
    threads = ThreadIdsField()
    action = forms.ChoiceField(label=_("With the ticked conversations"), choices=ACTIONS)
    assignee = TeamMemberField(
        label=_("Assign to"), queryset=User.objects.none(), required=False, empty_label=_("Nobody")
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # The inbox's filters, to come back to the same list.
    back = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)

    def __init__(self, *args: Any, seller_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(TeamMemberField, self.fields["assignee"]).queryset = (
            User.objects.filter(memberships__seller_id__in=seller_ids, is_active=True)
            .distinct()
            .order_by("name")
        )


class SavedReplyForm(forms.ModelForm[SavedReply]):
    class Meta:
        model = SavedReply
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class NotificationSettingsForm(forms.ModelForm[SellerMember]):
    class Meta:
        model = SellerMember
        fields = ["notification_mode"]
        widgets = {"notification_mode": forms.RadioSelect}


class ConversationSearchForm(forms.Form):
    """The console's conversation search (helpdesk.search)."""

    q = forms.CharField(
        label=_("Search"),
        max_length=200,
        required=False,
        help_text=_(
            "An order or tracking number (or part of one), a buyer's or seller's e-mail "
            'address or name, or words of the messages: "a phrase" in quotes, or between '
            "two words for either, -word to leave a word out. Accents do not matter."
        ),
    )
    market = MarketField(
        label=_("Market"),
        queryset=Market.objects.all(),
        required=False,
        empty_label=_("All"),
        to_field_name="code",
    )
