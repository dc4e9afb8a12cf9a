"""Where a login may send the browser afterwards: only to pages of this application."""

from urllib.parse import urlsplit

from flask import current_app
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

MAX_LENGTH = 2000


def safe_next(target: str | None) -> str | None:
    """The target if it is a path of one of the app's GET routes, else None.

    Refused: absolute and scheme-relative URLs, backslashes (browsers read them as slashes),
    whitespace and control characters (browsers drop them: "/\\t/evil" becomes "//evil").
    """
    if not target or len(target) > MAX_LENGTH:
        return None
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 or c == "\\" for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if target.startswith("//"):
        return None
    try:
        current_app.url_map.bind("").match(parts.path, method="GET")
    except (HTTPException, RequestRedirect):
        return None
    return target
