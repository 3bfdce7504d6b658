"""Who may see a thread, a message or an attachment (one place)."""

from dataclasses import dataclass
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from helpdesk.models import Attachment, Message, Thread


@dataclass(frozen=True)
class ThreadAccess:
    thread: Thread
    role: Literal["buyer", "seller"]


def access_thread(user: User, thread_id: int, *, as_role: str | None = None) -> ThreadAccess:
    """The thread if `user` is its buyer or works for its seller; 404 otherwise (missing and
    forbidden look the same). With `as_role`, an action only that side may take: the other
    side, who can see the thread, gets 403."""
    thread = get_object_or_404(
        Thread.objects.visible_to(user).select_related(
            "order", "seller", "buyer", "market", "assignee"
        ),
        pk=thread_id,
    )
    role: Literal["buyer", "seller"] = "buyer" if thread.buyer_id == user.pk else "seller"
    if as_role is not None and role != as_role:
        raise PermissionDenied
    return ThreadAccess(thread=thread, role=role)


def access_attachment(user: User, attachment_id: int) -> Attachment:
    """An attachment of a message `user` may read, in a thread they may see, and not
    withheld from them by moderation (a file with masked details); 404 otherwise."""
    attachment = get_object_or_404(Attachment.objects.select_related("message"), pk=attachment_id)
    access = access_thread(user, attachment.message.thread_id)
    message = get_object_or_404(
        Message.objects.for_role(access.role).select_related("review"), pk=attachment.message_id
    )
    review = getattr(message, "review", None)
    if (
        review is not None
        and message.author_role != access.role
        and attachment.pk in review.masked_attachment_ids()
    ):
        raise Http404
    return attachment
