"""Links handed out to people, built from PUBLIC_BASE_URL and never from the request's Host."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def public_url(endpoint: str, **values) -> str | None:
    """The absolute address of `endpoint`, or None while PUBLIC_BASE_URL is not configured."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if not base:
        return None
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)
