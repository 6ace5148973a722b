from __future__ import annotations

from jobbro.case_imports.models import ImportKind

from ._base import ImportCommand


class Command(ImportCommand):
    help = "Import job orders from a case system's export (docs/import.md)."
    kind = ImportKind.JOB_ORDERS
    needs_user = True
