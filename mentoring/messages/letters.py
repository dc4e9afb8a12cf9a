"""Letters as one PDF in DIN 5008 layout (form B), for staff to print the day's post.

Address field for a window envelope (DL/C6/5 with window left): 20 mm from the left, 45 mm from
the top, 85 × 45 mm, the sender's return line in its first 5 mm; fold marks at 105 and 210 mm,
the punch mark at 148.5 mm. The text is the message's plain-text body without the e-mail footer.
"""

from __future__ import annotations

from datetime import datetime

from flask import render_template

from mentoring import clock
from mentoring.models import Message


def paragraphs(body_text: str | None) -> list[list[str]]:
    """The body's paragraphs as lines, the e-mail signature ("-- " and after) left out."""
    text = (body_text or "").split("\n-- \n", 1)[0]
    return [p.strip().split("\n") for p in text.split("\n\n") if p.strip()]


def letters_pdf(messages: list[Message], *, today: datetime) -> bytes:
    """One page per letter (longer letters continue on following pages)."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment
    from weasyprint.urls import URLFetcher

    html = render_template(
        "messages/letters_pdf.html",
        letters=[
            {
                "message": m,
                "address": (m.to_address or "").split("\n"),
                "paragraphs": paragraphs(m.body_text),
                "direction": "rtl" if m.locale == "ar" else "ltr",
            }
            for m in messages
        ],
        date=today.astimezone(clock.zone()).date(),
    )
    fetcher = URLFetcher(allowed_protocols=("data",))
    return HTML(string=html, url_fetcher=fetcher).write_pdf()
