"""gunicorn settings for a script that must wait until every worker has loaded the application
and warmed up (config/wsgi.py: about 2.5 s of CPU each), not only until the port answers:
`make bench` measures pages from its first request. Each worker touches a file named by its
pid in $GUNICORN_READY_DIR once it is ready."""

import os
from pathlib import Path
from typing import Any


def post_worker_init(worker: Any) -> None:
    folder = os.environ.get("GUNICORN_READY_DIR")
    if folder:
        Path(folder, str(worker.pid)).touch()
