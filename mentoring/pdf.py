"""HTML to PDF with WeasyPrint: tagged (PDF/UA-1), nothing fetched from outside."""

from pathlib import Path

CSS_DIR = Path(__file__).resolve().parents[1] / "static" / "css"


def html_to_pdf(html: str, stylesheet: str) -> bytes:
    """Render HTML with one stylesheet of static/css as a tagged PDF (structure, language and
    title for screen readers); only data: URLs are fetched."""
    from weasyprint import CSS, HTML  # imported late: loading Pango takes a moment
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",))
    return HTML(string=html, url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(filename=str(CSS_DIR / stylesheet))], pdf_variant="pdf/ua-1"
    )
