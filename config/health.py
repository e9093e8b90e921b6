"""`/healthz`: database and broker status for load balancers and monitoring, with the
age of the worker's and the scheduler's last heartbeat; and the 503 page for a lost
database connection."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.defaults import server_error as default_server_error

from .celery import (
    BEAT_HEARTBEAT_KEY,
    WORKER_HEARTBEAT_EVERY,
    WORKER_HEARTBEAT_KEY,
    app,
    last_heartbeat,
)

# Three missed beats: one late beat (a busy worker, a slow cache) is not yet a stall.
STALE_AFTER = 3
RETRY_AFTER_SECONDS = 30


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def _heartbeat(key: str, every: float, now: float) -> dict:
    """{"last": ISO time or None, "age_seconds": int or None, "status": ok|stale|unknown}."""
    last = last_heartbeat(key)
    if last is None:
        return {"last": None, "age_seconds": None, "status": "unknown"}
    age = max(0, int(now - last))
    return {
        "last": datetime.fromtimestamp(last, tz=UTC).isoformat(timespec="seconds"),
        "age_seconds": age,
        "status": "stale" if age > STALE_AFTER * every else "ok",
    }


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when database and broker answer, 503 otherwise. The heartbeats are reported
    but do not change the status code: a stalled scheduler must page an operator, not
    take the web nodes out of the load balancer."""
    status = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(status.values())
    now = time.time()
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": "ok" if status["database"] else "error",
        "broker": "ok" if status["broker"] else "error",
        "broker_transport": settings.CELERY_BROKER_URL.split("://", 1)[0],
        "worker_heartbeat": _heartbeat(WORKER_HEARTBEAT_KEY, WORKER_HEARTBEAT_EVERY, now),
        "beat_heartbeat": _heartbeat(BEAT_HEARTBEAT_KEY, settings.BEAT_TICK_SECONDS, now),
    }
    return JsonResponse(body, status=200 if healthy else 503)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a lost or refused database connection gets the Dutch 503 page
    (try again shortly); every other error the usual 500 page."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return default_server_error(request)
