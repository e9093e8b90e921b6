"""`/healthz`: database and broker status for load balancers and monitoring."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from .celery import app


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


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    status = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(status.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "database": "ok" if status["database"] else "error",
        "broker": "ok" if status["broker"] else "error",
        "broker_transport": settings.CELERY_BROKER_URL.split("://", 1)[0],
    }
    return JsonResponse(body, status=200 if healthy else 503)
