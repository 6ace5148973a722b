"""Grant the application's PostgreSQL role its rights (docs/operations.md, after `migrate`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from ...database_roles import RoleRefused, grant_application_role


class Command(BaseCommand):
    help = (
        "Run as the tables' owner after every migrate: lets ROLE read and write rows, only "
        "add to the access log, and own nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="the role the web processes and workers log in as")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                count = grant_application_role(options["role"])
        except RoleRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(self.style.SUCCESS(f"{options['role']}: {count} grants applied."))
