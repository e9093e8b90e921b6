"""A real OpenID Connect provider on loopback (tests/sso/provider, npm `oidc-provider`).

The provider is started once per test module on a random free port and killed at the
end. Without node (or without `npm ci --prefix tests/sso/provider`, which `make test`
runs) the tests that need it skip; under REQUIRE_SERVICES=1 (CI) they fail instead.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client

from tests.conftest import REQUIRE_SERVICES

PROVIDER_DIR = Path(__file__).parent / "provider"
STARTUP_SECONDS = 20
CLIENT_ID = "schakel"
CLIENT_SECRET = "test-only-client-secret"
CALLBACK = "http://testserver/oidc/callback/"
REQUIRED_GROUP = "schakel-gebruikers"
# APIs the provider issues JWT access tokens for (RFC 8707 resource indicators).
API_RESOURCE = "urn:schakel:api"
OTHER_API_RESOURCE = "urn:andere-applicatie:api"

# The accounts the provider knows. `amr` is what the provider asserts about the login.
ACCOUNTS = {
    "anna": {"email": "anna@gemeente.test", "groups": [REQUIRED_GROUP], "amr": ["pwd"]},
    "mfa": {"email": "bram@gemeente.test", "groups": [REQUIRED_GROUP], "amr": ["pwd", "mfa"]},
    "onbekend": {"email": "onbekend@gemeente.test", "groups": [REQUIRED_GROUP], "amr": ["pwd"]},
    "oud": {"email": "oud@gemeente.test", "groups": [REQUIRED_GROUP], "amr": ["pwd"]},
    "buiten": {"email": "buiten@gemeente.test", "groups": ["andere-groep"], "amr": ["pwd"]},
    "andere-app": {
        "email": "anna@gemeente.test",
        "groups": [REQUIRED_GROUP],
        "amr": ["pwd"],
        "wrong_audience": True,
    },
}


def _unavailable(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"OpenID Connect test provider required (REQUIRE_SERVICES=1): {reason}")
    pytest.skip(f"needs the OpenID Connect test provider: {reason}")


@pytest.fixture(scope="module")
def oidc_provider() -> Iterator[str]:
    """The issuer URL of a running test provider."""
    node = shutil.which("node")
    if node is None:
        _unavailable("node is not installed")
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        _unavailable("run `npm ci --prefix tests/sso/provider` (make test does)")
    config = {
        "clients": [
            {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [CALLBACK]}
        ],
        "accounts": {sub: {"preferred_username": sub, **a} for sub, a in ACCOUNTS.items()},
        "api_resources": [API_RESOURCE, OTHER_API_RESOURCE],
    }
    process = subprocess.Popen(
        [node, "server.mjs"],
        cwd=PROVIDER_DIR,
        env={**os.environ, "OIDC_TEST_CONFIG": json.dumps(config)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        yield _wait_ready(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _wait_ready(process: subprocess.Popen) -> str:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], deadline - time.monotonic())
        if not ready:
            break
        line = process.stdout.readline()
        if line.startswith("READY "):
            return line.split(" ", 1)[1].strip()
        if not line and process.poll() is not None:
            _unavailable(f"the provider exited with {process.returncode}")
    _unavailable(f"the provider did not start within {STARTUP_SECONDS} s")
    raise AssertionError("unreachable")


@pytest.fixture
def sso(settings, oidc_provider):
    """Schakel configured for the test provider (discovery from the issuer)."""
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_ISSUER = oidc_provider
    settings.OIDC_RP_SCOPES = "openid email profile groups"
    settings.OIDC_USERNAME_CLAIM = "email"
    settings.OIDC_USERNAME_FIELD = "email"
    settings.OIDC_PROVIDER_NAME = "Testgemeente"
    return oidc_provider


@dataclass
class Flow:
    """The end of a single sign-on round trip: Schakel's answer to the callback."""

    response: object
    callback_path: str


def sso_login(client: Client, login: str) -> Flow:
    """Log in at the test provider as `login`, the way a browser would.

    Schakel's side runs in Django's test client, the provider's side over real HTTP;
    the code, the tokens and their signatures are the provider's own.
    """
    start = client.get("/oidc/authenticate/")
    assert start.status_code == 302, start.content
    browser = requests.Session()
    url = start["Location"]
    for _ in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "/interaction/" in url:
            form_url = url.rstrip("/") + "/login"
            response = browser.post(form_url, data={"login": login}, allow_redirects=False)
        assert response.status_code in (302, 303), response.text
        url = requests.compat.urljoin(url, response.headers["Location"])
        if url.startswith(CALLBACK):
            parts = urlsplit(url)
            path = f"{parts.path}?{parts.query}"
            return Flow(response=client.get(path), callback_path=path)
    raise AssertionError("the provider never sent the browser back to Schakel")


def api_access_token(issuer: str, login: str, resource: str = API_RESOURCE) -> dict:
    """The token response for `login` asking for an access token to `resource`.

    The authorization-code flow of a client application (a dashboard, a zaaksysteem) with
    PKCE and a resource indicator (RFC 8707), all over real HTTP to the provider.
    """
    discovery = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    browser = requests.Session()
    url = (
        requests.Request(
            "GET",
            discovery["authorization_endpoint"],
            params={
                "client_id": CLIENT_ID,
                "response_type": "code",
                "scope": "openid email api",
                "redirect_uri": CALLBACK,
                "resource": resource,
                "state": secrets.token_urlsafe(16),
                "nonce": secrets.token_urlsafe(16),
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            },
        )
        .prepare()
        .url
    )
    for _ in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and "/interaction/" in url:
            form_url = url.rstrip("/") + "/login"
            response = browser.post(form_url, data={"login": login}, allow_redirects=False)
        assert response.status_code in (302, 303), response.text
        url = requests.compat.urljoin(url, response.headers["Location"])
        if url.startswith(CALLBACK):
            code = parse_qs(urlsplit(url).query)["code"][0]
            break
    else:
        raise AssertionError("the provider never sent the browser back")
    tokens = requests.post(
        discovery["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "code_verifier": verifier,
            "resource": resource,
        },
        timeout=10,
    )
    assert tokens.status_code == 200, tokens.text
    return tokens.json()
