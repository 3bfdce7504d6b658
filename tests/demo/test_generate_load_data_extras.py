"""generate_load_data (issue 16): what the services and the sweep leave beside the
conversations (breaches and their notices, reviews and held answers, files' rows, the
outbox) keeps the record's invariants."""

from datetime import timedelta

import pytest
from django.utils import timezone

from demo.loadgen import generate
from demo.loadgen.generate import load_data_generate
from helpdesk.invariants import (
    chain_check,
    clock_check,
    notice_check,
    thread_activity_check,
    thread_clock_check,
)
from helpdesk.models import Attachment, MessageReview, Thread
from outbox.models import Notification
from sla.sweep import sla_sweep


@pytest.mark.django_db
def test_breaches_notices_reviews_and_files_are_as_the_services_and_sweep_leave_them(
    monkeypatch,
):
    """Every generated message with a phone number reviewed, every recent last answer held:
    the record's invariants (clocks against held answers, notices once per person, chains
    with the files' checksums) still hold, and the sweep finds nothing left to do."""
    monkeypatch.setattr(generate, "MASKED_SHARE", 1.0)
    monkeypatch.setattr(generate, "HELD_SHARE", 1.0)
    monkeypatch.setattr(generate, "HELD_DAYS", 400)
    monkeypatch.setattr(generate, "NOTIFY_DAYS", 400)
    # The sweep runs every minute: what was due a minute before the data was made is marked.
    swept_before = timezone.now() - timedelta(seconds=generate.SWEEP_SECONDS + 1)
    report = load_data_generate(threads=300, seed=3, batch=100, background=False, vacuum=False)
    assert min(report.breaches, report.warnings, report.attachments, report.notifications) > 0
    assert report.reviews == MessageReview.objects.count() > report.held > 0
    held = MessageReview.objects.filter(action="hold", state="pending")
    assert held.count() == report.held
    assert Thread.objects.filter(reply_state="in_review").count() == report.held
    assert MessageReview.objects.filter(action="mask", author_role="buyer").exists()
    assert Attachment.objects.count() == report.attachments
    assert Notification.objects.count() == report.notifications
    for check in (
        thread_activity_check,
        thread_clock_check,
        clock_check,
        notice_check,
        chain_check,
    ):
        result = check()
        assert not result.violations, (result.name, result.examples)
    swept = sla_sweep(now=swept_before)
    assert (swept.breached, swept.warned) == (0, 0)
