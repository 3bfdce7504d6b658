"""kombu's filesystem transport (the local default broker) with messages written atomically
and waits short enough for a worker to stop at once.

kombu writes a message straight into the queue's folder under its final name and the reader
moves away any file with that name without taking the writer's lock, so a worker polling
while beat writes could read an empty file and stop ("Unrecoverable error: JSONDecodeError",
seen once `make run` ran on a loaded machine). Here a message is written under a name the
reader ignores and renamed to its final name once complete (``os.replace``, atomic in one
folder).
"""

from __future__ import annotations

import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:  # type: ignore[override]
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        # The reader keeps names whose part after the first dot is "<queue>.msg": not this one.
        partial = os.path.join(self.data_folder_out, f".{name}.part")
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(partial, final)
        except OSError as error:
            raise ChannelError(f"Cannot add file {final!r} to directory") from error


#: The longest one wait for a message may last. Celery's worker loop for a polling transport
#: asks for 2 s and looks for a stop only between waits, so an idle worker took 4–7 s to stop
#: on Ctrl-C (`make run`); a message is still seen at the polling interval (0.1 s).
LONGEST_WAIT = 0.2


class Transport(filesystem.Transport):
    Channel = Channel

    # kombu's stubs give its base and virtual transports two signatures; this is the virtual's.
    def drain_events(self, connection: Any, timeout: float | None = None) -> None:  # type: ignore[override]
        if timeout is not None:
            timeout = min(timeout, LONGEST_WAIT)
        super().drain_events(connection, timeout=timeout)
