from __future__ import annotations

from jobbro.case_imports.models import ImportKind

from ._base import ImportCommand


class Command(ImportCommand):
    help = "Import companies from a case system's export (docs/import.md)."
    kind = ImportKind.COMPANIES
    needs_user = True
