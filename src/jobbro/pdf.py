"""HTML to PDF with WeasyPrint, offline and in a fixed language.

The documents (the CV, the citizen's data export, the reports) are Django templates rendered
in a fixed language (the one the URL names, or the page's), then laid out by WeasyPrint with
the DejaVu fonts of Debian's fonts-dejavu-core. Nothing is fetched: the stylesheet is read
from disk and the URL fetcher refuses every address, so a link or image in free text cannot
make the server call out.

WeasyPrint needs Pango (Debian's libpango-1.0-0 and libpangoft2-1.0-0); it is imported on
first use, so the rest of the app runs where those are missing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

# One stylesheet for every document (CV, data export, reports): read from disk, not served.
STYLESHEET = Path(__file__).resolve().parent / "pdf.css"
LANGUAGES = ("da", "en")


@cache
def _stylesheet() -> Any:
    from weasyprint import CSS

    return CSS(string=STYLESHEET.read_text(encoding="utf-8"))


@cache
def _offline_fetcher() -> Any:
    from weasyprint.urls import URLFetcher

    class OfflineFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"a PDF fetches nothing: {url[:80]}")

    return OfflineFetcher()


def html_to_pdf(html: str) -> bytes:
    """Lay out the HTML with the PDFs' stylesheet, fetching nothing."""
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_offline_fetcher())
    pdf: bytes = document.write_pdf(stylesheets=[_stylesheet()])
    return pdf


def render_pdf(template: str, context: dict[str, Any], *, language: str) -> bytes:
    """The template rendered in `language` ("da" or "en"), as PDF bytes."""
    if language not in LANGUAGES:
        raise ValueError(f"no PDF language {language!r}")
    with translation.override(language):
        html = render_to_string(
            template, {**context, "language": language, "today": timezone.localdate()}
        )
    return html_to_pdf(html)


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    """Shown in the browser (inline), never kept by a cache: it holds personal data."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
