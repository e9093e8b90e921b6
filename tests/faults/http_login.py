"""Logging in to a web process a fault test started itself, through the real login form."""

from __future__ import annotations

import re

import requests


def login_over_http(base: str, username: str = "wijkteam") -> requests.Session:
    """A requests session logged in as `username` (password demo) at `base`."""
    browser = requests.Session()
    page = browser.get(f"{base}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    logged_in = browser.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": "demo"},
        allow_redirects=False,
        timeout=30,
    )
    assert logged_in.status_code == 302, logged_in.text[:500]
    return browser
