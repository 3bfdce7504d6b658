import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# What a web worker's first reply would otherwise wait for, loaded with the application: the
# reply-language detector's models (about 2.5 s, ~440 MB), the scanner's intent model and its
# table of look-alike letters.
# gunicorn runs with --preload (scripts/run.sh, the Dockerfile): loaded once, before the
# workers are forked, they are shared by all of them. (Lingua starts no thread here, so the
# fork is safe.)
from helpdesk.reply_language import warm_up  # noqa: E402
from helpdesk.scanner.intent import model  # noqa: E402
from helpdesk.scanner.normalise import look_alike_table  # noqa: E402

warm_up()
model()
look_alike_table()
