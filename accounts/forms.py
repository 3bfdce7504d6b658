from datetime import date
from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import Seller, SellerAbsence, User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That e-mail address and password do not match an account."),
    }


class MemberField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.name


class AbsenceForm(forms.Form):
    """An absence of a member of `seller`'s team, with the member who stands in: both in the
    team, days not past (`today` is the seller's), no overlap with the member's other
    absences, and a stand-in who is not away on those days."""

    absent = MemberField(label=_("Who is away"), queryset=User.objects.none())
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    last_day = forms.DateField(
        label=_("Last day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Both days included."),
    )
    stand_in = MemberField(
        label=_("Stand-in"),
        queryset=User.objects.none(),
        help_text=_(
            "Gets the new requests while the absence runs and answers the absent member's "
            "conversations."
        ),
    )

    def __init__(
        self, *args: Any, seller: Seller, user: User, for_anyone: bool, today: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.seller = seller
        self.today = today
        team = User.objects.filter(memberships__seller=seller, is_active=True).order_by("name")
        # An owner records anyone's absence; any other member only their own.
        absent = cast(MemberField, self.fields["absent"])
        absent.queryset = team if for_anyone else team.filter(pk=user.pk)
        if not for_anyone:
            absent.initial = user.pk
            absent.empty_label = None
        cast(MemberField, self.fields["stand_in"]).queryset = team
        for name in ("first_day", "last_day"):  # the browser's date picker starts today
            self.fields[name].widget.attrs["min"] = today.isoformat()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        absent, stand_in = data.get("absent"), data.get("stand_in")
        first_day, last_day = data.get("first_day"), data.get("last_day")
        if first_day and first_day < self.today:
            self.add_error("first_day", _("The first day is in the past."))
        if first_day and last_day and last_day < first_day:
            self.add_error("last_day", _("The last day cannot come before the first day."))
        if absent and stand_in and absent == stand_in:
            self.add_error("stand_in", _("Someone else must stand in."))
        if self.errors or not (absent and stand_in and first_day and last_day):
            return data
        days = {"seller": self.seller, "first_day": first_day, "last_day": last_day}
        if SellerAbsence.objects.overlapping(absent=absent, **days).exists():
            self.add_error(
                "first_day",
                _("%(name)s is already away on some of these days.") % {"name": absent.name},
            )
        if SellerAbsence.objects.overlapping(absent=stand_in, **days).exists():
            self.add_error(
                "stand_in",
                _("%(name)s is away on some of these days too.") % {"name": stand_in.name},
            )
        return data
