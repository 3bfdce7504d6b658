# Production image for web, worker and beat (docker-compose.yml). Not buildable on the
# development machines (no Docker engine there); see README, "Deployment".
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 helpdesk

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# Catalogs and static files are built into the image; the throwaway key only lets settings load.
# The scanner's import keeps its gates for the processes that follow (helpdesk/scanner/gates.py):
# written here, since the app's user cannot write under /app; each process starts 1 s sooner.
RUN for po in locale/*/LC_MESSAGES/django.po; do msgfmt --check-format -o "${po%.po}.mo" "$po"; done \
 && DEBUG=false SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    python manage.py collectstatic --noinput -v 0 \
 && python -c "import helpdesk.scanner" \
 && test -f helpdesk/scanner/__pycache__/gates.cpython-311

USER helpdesk
EXPOSE 8000
# --preload: the application and its models (config/wsgi.py) load once and the workers share them.
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--preload", "--access-logfile", "-"]
