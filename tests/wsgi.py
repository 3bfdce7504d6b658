"""The application as the browser tests' gunicorn serves it: config/wsgi.py without its
warm-up. The reply-language models (seconds and ~440 MB) serve no page these tests load: they
are read when a seller posts or checks a draft, which these tests do not do."""

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
