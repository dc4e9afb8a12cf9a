"""Security headers on every response, and no caching of staff pages or personal downloads.

A few lines rather than a library (flask-talisman would also take over HTTPS redirects and
session cookie flags, which config.py and the reverse proxy already own). The policy allows
scripts and styles from this site only: templates carry no inline script or event handler
(tests/test_security_headers.py checks every template).
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
HSTS = "max-age=31536000; includeSubDomains"
PERSONAL_DOWNLOAD_TYPES = ("text/csv", "application/pdf", "application/json")


def _is_private(response: Response) -> bool:
    """Staff pages (GERMAN_ONLY_BLUEPRINTS, the login included) and downloads of personal data."""
    if request.blueprint in current_app.config.get("GERMAN_ONLY_BLUEPRINTS", ()):
        return True
    disposition = response.headers.get("Content-Disposition", "")
    return response.mimetype in PERSONAL_DOWNLOAD_TYPES and "attachment" in disposition


def set_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")  # frame-ancestors for old browsers
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:  # after ProxyFix: the scheme the visitor used
        headers.setdefault("Strict-Transport-Security", HSTS)
    if _is_private(response):
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


def init_app(app: Flask) -> None:
    app.after_request(set_headers)
