"""Who works the shared line, who reads it and who reads its report."""

from __future__ import annotations

from jobbro.organisations.models import Role

# Business consultants and the secretariat answer the line; managers follow it.
INTAKE_WORKERS = (Role.BUSINESS_CONSULTANT, Role.SECRETARIAT)
INTAKE_READERS = (*INTAKE_WORKERS, Role.MANAGER)
REPORT_READERS = (Role.MANAGER, Role.SECRETARIAT)
TARGET_EDITORS = (Role.SECRETARIAT,)
