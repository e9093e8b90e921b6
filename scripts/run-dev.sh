#!/usr/bin/env bash
# Starts the development web server and one Celery worker with embedded beat.
# Ctrl-C stops both within a few seconds. Embedded beat (-B) is for development only:
# production runs exactly one separate beat process (see docker-compose.yml).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export DEBUG=${DEBUG:-true}
# One cache for web, worker and beat, so /healthz reports the worker's heartbeat.
export CACHE_URL=${CACHE_URL:-filecache://$PWD/var/cache}
URL=http://127.0.0.1:8000
mkdir -p var/log
WORKER_LOG=var/log/worker.log

pids=()
# Stop each child and its own children. A warm Celery shutdown can wait a long time for
# the embedded beat, so TERM gets 3 seconds, then QUIT (cold shutdown), then KILL.
stop_all() {
    local signal=$1 pid
    for pid in "${pids[@]}"; do kill "-$signal" -- "-$pid" 2>/dev/null || true; done
}
alive() {
    local pid
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && return 0; done
    return 1
}
cleanup() {
    trap - INT TERM EXIT
    echo
    echo "Schakel stopt…"
    stop_all TERM
    for _ in 1 2 3 4 5 6; do alive || break; sleep 0.5; done
    if alive; then stop_all QUIT; sleep 1; fi
    if alive; then stop_all KILL; fi
    wait 2>/dev/null || true
    echo "Gestopt."
}
trap cleanup INT TERM EXIT

# setsid: each child leads its own process group, so one kill reaches its workers too.
# No heartbeat, gossip or mingle: a single local worker needs none, and they slow the stop.
setsid .venv/bin/celery -A config worker -B --loglevel=INFO --concurrency=2 -Ofair \
    --without-heartbeat --without-gossip --without-mingle \
    --schedule=var/celerybeat-schedule >"$WORKER_LOG" 2>&1 &
pids+=($!)
setsid "$PY" manage.py runserver 127.0.0.1:8000 &
pids+=($!)

# The ready message comes last, once the server answers, so it is not buried in the log.
for _ in $(seq 1 60); do
    if "$PY" -c "import urllib.request as u; u.urlopen('$URL/accounts/login/', timeout=1)" 2>/dev/null; then
        break
    fi
    sleep 0.5
done
echo
echo "De worker schrijft naar $WORKER_LOG (ook de e-mails van de herinneringen)."
echo "Schakel draait op $URL — log in als 'wijkteam' met wachtwoord 'demo'. Stoppen: Ctrl-C."
wait -n
