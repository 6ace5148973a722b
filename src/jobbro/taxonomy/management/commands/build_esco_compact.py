"""Rebuild the compact ESCO copy in data/esco/ from the official downloads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...esco import EscoError, build_compact
from ...reference import ESCO_DIR


class Command(BaseCommand):
    help = (
        "Write data/esco/*.csv.gz from esco-v1.1.1-classification-en-csv.zip, "
        "esco-v1.1.1-relations-csv.zip and occupations_da.csv in --source."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", type=Path, required=True, help="folder with the files")
        parser.add_argument("--target", type=Path, default=ESCO_DIR, help="output folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = build_compact(options["source"], options["target"])
        except EscoError as error:
            raise CommandError(str(error)) from error
        for name, count in counts.items():
            size = (options["target"] / name).stat().st_size
            self.stdout.write(f"{name}: {count} rows, {size / 1024:.0f} KiB")
