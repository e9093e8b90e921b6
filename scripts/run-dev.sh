#!/usr/bin/env bash
# Starts the development web server and one Celery worker with embedded beat.
# Ctrl-C stops both. Embedded beat (-B) is for development only: production runs
# exactly one separate beat process (see docker-compose.yml).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export DEBUG=${DEBUG:-true}

pids=()
cleanup() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

mkdir -p var
.venv/bin/celery -A config worker -B --loglevel=INFO --concurrency=2 \
    --schedule=var/celerybeat-schedule &
pids+=($!)
"$PY" manage.py runserver 127.0.0.1:8000 &
pids+=($!)
echo "Schakel draait op http://127.0.0.1:8000 — log in als 'wijkteam' met wachtwoord 'demo'."
wait -n
