"""Security headers on every response, and templates/scripts the strict CSP can serve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def user(make_company, make_user):
    return make_user(company=make_company())


def directives(policy: str) -> dict[str, list[str]]:
    parts = (p.strip().split() for p in policy.split(";") if p.strip())
    return {name: values for name, *values in parts}


def test_pages_carry_a_strict_csp_with_a_fresh_nonce(client, user, login):
    login()
    first, second = client.get("/"), client.get("/")
    policy = directives(first.headers["Content-Security-Policy"])
    nonce = re.search(r"'nonce-([^']+)'", " ".join(policy["script-src"])).group(1)
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    assert "ws://localhost" in policy["connect-src"]
    html = first.get_data(as_text=True)
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert nonce not in second.headers["Content-Security-Policy"]
    assert '"includeIndicatorStyles": false' in html and '"allowEval": false' in html


@pytest.mark.parametrize("path", ["/login", "/api/v1/me", "/static/core/app.js"])
def test_every_response_refuses_framing_sniffing_and_referrers(client, path):
    headers = client.get(path).headers
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in headers  # plain HTTP in development


def test_hsts_in_production(app_config, monkeypatch):
    from core import create_app

    monkeypatch.setenv("LEDGERLINE_PRODUCTION", "1")
    prod = create_app(app_config)
    with prod.app_context():
        resp = prod.test_client().get("/login", base_url="https://ledgerline.example")
        assert resp.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        prod.extensions["sqlalchemy"].engine.dispose()


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline on*= handler"),
    (re.compile(r"\shx-on[:-]", re.I), "hx-on handler (needs eval)"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def _sources():
    folders = [ROOT / "templates", ROOT / "core" / "scaffold", *ROOT.glob("plugins/*/templates")]
    for folder in folders:
        yield from (p for p in folder.rglob("*") if p.suffix in (".html", ".tmpl"))
    yield from (ROOT / "static" / "core").glob("*.js")
    yield from ROOT.glob("plugins/*/static/**/*.js")


def test_no_template_or_script_needs_inline_code_or_styles():
    found = []
    for path in _sources():
        text = path.read_text()
        if "email" in path.parts:  # e-mail bodies are not served under the CSP
            continue
        for pattern, what in INLINE:
            found += [f"{path.relative_to(ROOT)}: {what}" for _ in pattern.finditer(text)]
    assert found == []
