"""Trust II finding 11: without DEBUG, settings refuse a missing, short or published key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k7#Qz9!pV2m@Lw4$Rt8^Yx1&Bn6*Hc3(Fd5)Gs0-Je-Ua+Oi=Pl_Kq"


def _load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DJANGO_") and k not in ("DEBUG", "SECRET_KEY")
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "ALLOWED_HOSTS": "schakel.example.nl",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "key",
    [
        "change-me-in-dot-env",
        "dev-only-insecure-key-change-me",
        "build-only",
        "kort-maar-willekeurig-8d7f",
        "x" * 60,
        "django-insecure-" + "a1b2c3d4e5f6g7h8i9j0" * 3,
    ],
)
def test_production_refuses_a_weak_or_published_key(key):
    result = _load_settings(DEBUG="false", SECRET_KEY=key)

    assert result.returncode != 0
    assert "SECRET_KEY is te zwak" in result.stderr


def test_production_refuses_a_missing_key():
    result = _load_settings(DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_accepts_a_long_random_key():
    result = _load_settings(DEBUG="false", SECRET_KEY=STRONG_KEY)

    assert result.returncode == 0, result.stderr


def test_development_needs_no_key():
    result = _load_settings(DEBUG="true")

    assert result.returncode == 0, result.stderr
