"""Django's database sessions, except for a database out of reach.

Django turns every database error while updating a session into `UpdateError`, which its
session middleware reports as `SessionInterrupted` ("the session was deleted before the
request completed"): a 400 Bad Request that blames the visitor. While PostgreSQL restarts,
a request whose session changed (a log-in, a draft the pre-send check kept) would get that
instead of the error page, although its own work may be committed. Here a lost or refused
connection stays what it is, a server error: the error page, and the person tries again (a
post carries its idempotency key, so nothing is written twice). A session really deleted
meanwhile (an update that matches no row) is still `UpdateError`.

SESSION_ENGINE = "core.sessions".
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import InterfaceError, OperationalError


def _unreachable(error: UpdateError) -> BaseException | None:
    """The connection failure behind `error`, if that is what it was."""
    cause = error.__context__
    return cause if isinstance(cause, OperationalError | InterfaceError) else None


class SessionStore(DatabaseSessionStore):
    def save(self, must_create: bool = False) -> None:
        try:
            super().save(must_create)
        except UpdateError as error:
            cause = _unreachable(error)
            if cause is None:
                raise
            raise cause from None

    async def asave(self, must_create: bool = False) -> None:
        try:
            await super().asave(must_create)
        except UpdateError as error:
            cause = _unreachable(error)
            if cause is None:
                raise
            raise cause from None
