from typing import Any

from django.core.management.base import BaseCommand, CommandError

from helpdesk.history import history_verify


class Command(BaseCommand):
    help = (
        "Check every conversation's hash chain and name the first broken link of each "
        "thread (exit status 1 when one is broken). The nightly job runs it too."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        check = history_verify()
        self.stdout.write(
            f"{check.threads} threads, {check.messages} messages checked in {check.seconds:.1f} s."
        )
        if check.intact:
            self.stdout.write(self.style.SUCCESS("Every chain holds."))
            return
        for link in check.broken:
            self.stdout.write(
                f"Thread {link['thread']}: broken at message {link['message']} "
                "(changed, removed or inserted after it was written)."
            )
        raise CommandError(f"{len(check.broken)} broken chain(s).")
