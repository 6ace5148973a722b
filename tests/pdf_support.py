"""Whether WeasyPrint can render here, for the tests that check the PDFs.

WeasyPrint needs Debian's libpango-1.0-0 and libpangoft2-1.0-0. Where they are missing the
tests marked `pdf` are skipped with the reason in the summary, unless JOBBRO_REQUIRE_PDF is
set (CI), where that is a failure. The other tests that open a PDF's address (the access
matrix, the query counts) then get a stand-in PDF: the page's database work is the same.
"""

from __future__ import annotations

import os

import pytest


def _missing() -> str:
    try:
        import weasyprint  # noqa: F401
    except OSError as error:  # the shared libraries are loaded on import
        return str(error).splitlines()[0]
    return ""


MISSING = _missing()
SKIP_REASON = (
    "PDF tests skipped: WeasyPrint cannot load Pango "
    "(sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core); CI always runs them"
)
STAND_IN = b"%PDF-1.7\n% stand-in: WeasyPrint cannot load Pango here\n%%EOF\n"


DONE = pytest.StashKey[bool]()  # tests/ and e2e/ both call these hooks; act once
NOTED = pytest.StashKey[bool]()


def skip_pdf_tests(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not MISSING or config.stash.get(DONE, False):
        return
    config.stash[DONE] = True
    if os.environ.get("JOBBRO_REQUIRE_PDF"):
        raise pytest.UsageError(f"JOBBRO_REQUIRE_PDF is set but WeasyPrint fails: {MISSING}")
    for item in items:
        if "pdf" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


def note_skipped(terminalreporter: pytest.TerminalReporter) -> None:
    if MISSING and not terminalreporter.config.stash.get(NOTED, False):
        terminalreporter.config.stash[NOTED] = True
        terminalreporter.write_line(f"NOTE: {SKIP_REASON}", yellow=True, bold=True)
