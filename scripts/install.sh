#!/usr/bin/env bash
# make install: .venv with uv and the pinned dependencies, compiled translation catalogs.
# Idempotent: a second run with nothing changed takes well under a second.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

ensure_debs gettext  # msgfmt, for compilemessages

# The venv's interpreter is Debian's python3.11, built with profile-guided and link-time
# optimisation, whatever python3.11 comes first on PATH: a Python compiled without them (a
# pyenv build's default) ran the whole suite a fifth slower on the same machine (README,
# development). VENV_PYTHON=… chooses another.
VENV_PYTHON=${VENV_PYTHON:-/usr/bin/python3.11}
UV_VERSION=0.13.8
wanted="$(sha1sum requirements-dev.txt | cut -d' ' -f1) uv=$UV_VERSION bytecode"

# make_venv DIR: the venv in DIR with the pinned dependencies, made again when another
# interpreter made it; nothing to do when its stamp says it has them.
make_venv() {
    local venv=$1
    if [ -x "$venv/bin/python" ]; then
        local made_with
        made_with=$(readlink -f "$venv/bin/python")
        if [ "$made_with" != "$(readlink -f "$VENV_PYTHON")" ]; then
            log "recreating $venv with $VENV_PYTHON (it was made with $made_with)"
            rm -rf "$venv"
        fi
    fi
    if [ ! -x "$venv/bin/python" ]; then
        log "creating $venv"
        ensure_debs python3.11 python3.11-venv  # the default interpreter and its venv module
        "$VENV_PYTHON" -m venv "$venv"
    fi
    if [ ! -f "$venv/.installed" ] || [ "$(cat "$venv/.installed")" != "$wanted" ]; then
        "$venv/bin/python" -m pip install -q --disable-pip-version-check "uv==$UV_VERSION"
        log "installing pinned dependencies (requirements-dev.txt)"
        "$venv/bin/uv" pip install -q --compile-bytecode --python "$venv/bin/python" \
            -r requirements-dev.txt
        echo "$wanted" > "$venv/.installed"
    fi
}

# A clone's .venv is a link to a venv that every clone with the same pins and interpreter
# shares, in the user's cache beside pip's, uv's and mypy's: a fresh clone's `make test` starts
# at once, where making the venv took ~15 s of the suite's budget (most of it compiling the
# bytecode of 700 MB of packages). A shared venv is complete once its stamp is written, and
# new pins get a venv of their own, so no clone changes one another clone uses. A .venv that
# is a folder (made before, or with VENV_CACHE set empty) stays the clone's own.
VENV_CACHE=${VENV_CACHE-$USER_CACHE/venvs}
if [ -n "$VENV_CACHE" ] && { [ -L "$VENV" ] || [ ! -e "$VENV" ]; }; then
    key=$(printf '%s %s' "$wanted" "$(readlink -f "$VENV_PYTHON")" | sha1sum | cut -c1-16)
    shared="$VENV_CACHE/$key"
    mkdir -p "$VENV_CACHE"
    # one clone makes it while another waits (two `make test` started at once)
    (
        flock 9
        make_venv "$shared"
    ) 9>"$shared.lock"
    [ "$(readlink "$VENV" 2>/dev/null)" = "$shared" ] || ln -sfn "$shared" "$VENV"
else
    make_venv "$VENV"
fi

# Compile a catalog only when its .po is newer than its .mo.
for po in locale/*/LC_MESSAGES/django.po; do
    [ -e "$po" ] || continue
    mo="${po%.po}.mo"
    if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then
        msgfmt --check-format -o "$mo" "$po"
    fi
done
