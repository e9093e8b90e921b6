"""Benchmark: uploading and downloading a case document streams (issue 15, "Speed").

Run from the repository root: ``python bench/bench_documents.py`` (or ``make bench``).
Uses its own database (``sqlite:////tmp/schakel_bench_documents.sqlite3``, recreated)
and a temporary documents folder. The request body is written to disk first and handed
to Django as its input stream, so what tracemalloc measures is Django and Schakel, not
the benchmark building a 20 MB body in memory.

Goal: peak Python memory of an upload and of a download does not grow with the file
size (5 MB and 20 MB give about the same peak, far below the file size).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "sqlite:////tmp/schakel_bench_documents.sqlite3"
MB = 1024 * 1024
SIZES_MB = (5, 20)
BOUNDARY = "schakelbenchboundary"


def setup_django(folder: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ["DOCUMENTS_STORAGE"] = json.dumps(
        {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": folder}}
    )
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite://"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def write_body(path: Path, size: int) -> int:
    """A multipart body with a `size`-byte PDF, written in 1 MB pieces; returns its length."""
    head = "".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in (
            ("category", "gezondheid"),
            ("title", "Verslag"),
            ("document_date", "01-03-2026"),
        )
    )
    head += (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="groot.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    )
    with path.open("wb") as out:
        out.write(head.encode())
        out.write(b"%PDF-1.4\n")
        left = size - 9
        while left > 0:
            out.write(b"0" * min(MB, left))
            left -= MB
        out.write(f"\r\n--{BOUNDARY}--\r\n".encode())
    return path.stat().st_size


def measure(label: str, action) -> tuple[float, float]:
    tracemalloc.start()
    tracemalloc.reset_peak()
    started = time.perf_counter()
    action()
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:<28} {elapsed:6.2f} s   peak {peak / MB:6.2f} MB")
    return elapsed, peak


def main() -> int:
    folder = tempfile.mkdtemp(prefix="schakel_bench_documents_")
    setup_django(folder)
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from cases.models import Case
    from documents.models import Document

    client = Client()
    client.force_login(get_user_model().objects.get(username="ggz"))
    case = Case.objects.get(reference="DEMO-ZVH")
    upload_url = reverse("documents:upload", args=[case.pk])
    peaks = {}
    for size_mb in SIZES_MB:
        body = Path(folder) / f"body-{size_mb}.bin"
        length = write_body(body, size_mb * MB)
        with body.open("rb") as stream:

            def upload(stream=stream, length=length):
                response = client.request(
                    REQUEST_METHOD="POST",
                    PATH_INFO=upload_url,
                    CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
                    CONTENT_LENGTH=str(length),
                    **{"wsgi.input": stream},
                )
                assert response.status_code == 302, response.status_code

            _, up = measure(f"upload {size_mb} MB", upload)
        body.unlink()
        document = Document.objects.latest("pk")
        assert document.size == size_mb * MB

        def download(document=document):
            response = client.get(reverse("documents:download", args=[case.pk, document.pk]))
            received = sum(len(chunk) for chunk in response.streaming_content)
            assert received == document.size

        _, down = measure(f"download {size_mb} MB", download)
        peaks[size_mb] = max(up, down)
    small, large = peaks[SIZES_MB[0]], peaks[SIZES_MB[-1]]
    # Streaming: a 4x larger file may not need noticeably more memory, and never the file.
    ok = large < 2 * MB + small and large < SIZES_MB[-1] * MB / 4
    print(
        f"peak {small / MB:.2f} MB at {SIZES_MB[0]} MB, {large / MB:.2f} MB at {SIZES_MB[-1]} MB: "
        + ("streams (independent of file size)" if ok else "GROWS WITH FILE SIZE")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
