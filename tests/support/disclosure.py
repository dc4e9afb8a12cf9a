"""Going through the access export like staff do: review (everything ticked), then hand out."""

import re

from tests.support.forms import csrf_token

SHOWN_RE = re.compile(r'name="shown"[^>]*value="([^"]*)"')
TICKED_RE = re.compile(r'name="redact" value="([0-9a-f]+)"[^>]*checked')
FREIGABE_RE = re.compile(r'name="freigabe"[^>]*value="([^"]+)"')


def review(client, base: str, redact=None):
    """Confirm the review page of `base` (a person's privacy URL); returns the hand-out URL."""
    html = client.get(base + "/auskunft").get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(html),
        "shown": SHOWN_RE.search(html).group(1),
        "redact": TICKED_RE.findall(html) if redact is None else redact,
        "review_confirm": "y",
    }
    response = client.post(base + "/auskunft", data=data)
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


def download(client, base: str, fmt: str, handout_html: str):
    """POST the hand-out page's download form for "json" or "pdf"."""
    return client.post(
        f"{base}/auskunft.{fmt}",
        data={
            "csrf_token": csrf_token(handout_html),
            "freigabe": FREIGABE_RE.search(handout_html).group(1),
        },
    )
