"""What the platform's decision on an escalated request says to each side, in the reader's
language at read time (the record stores only the outcome's code)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from helpdesk.models import Escalation, Role

Outcome = Escalation.Outcome


def outcome_label(outcome: str) -> str:
    """The outcome's short name, as staff pick it."""
    try:
        return str(Outcome(outcome).label)
    except ValueError:
        return outcome


def decision_text(outcome: str, reader_role: str) -> str:
    """The decision as a sentence for the buyer, the seller's team or staff."""
    buyer = reader_role == Role.BUYER
    if outcome == Outcome.REFUND_BY_SELLER:
        return (
            _("The platform decided that the seller refunds you, through the platform.")
            if buyer
            else _("The platform decided that you refund the buyer, through the platform.")
        )
    if outcome == Outcome.RETURN_ACCEPTED:
        return (
            _(
                "The platform decided that your return is accepted: send the item back as "
                "agreed, and the refund follows through the platform."
            )
            if buyer
            else _(
                "The platform decided that the buyer's return is accepted: refund the buyer "
                "through the platform once the item is back."
            )
        )
    if outcome == Outcome.REPAIR_OR_REPLACEMENT:
        return (
            _("The platform decided that the seller repairs or replaces the item.")
            if buyer
            else _("The platform decided that you repair or replace the item for the buyer.")
        )
    if outcome == Outcome.CLAIM_REJECTED:
        return (
            _("The platform reviewed the conversation and did not uphold your claim.")
            if buyer
            else _("The platform reviewed the conversation and did not uphold the buyer's claim.")
        )
    if outcome == Outcome.SETTLED:
        return _("The platform closed the case: buyer and seller have settled it between them.")
    if outcome == Outcome.REFERRED:
        return _("The platform referred the case elsewhere: its message says where and why.")
    return outcome_label(outcome)
