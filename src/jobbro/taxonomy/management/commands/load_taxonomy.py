"""Load the taxonomy: reference lists and the compact ESCO copy, or an official ESCO download."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...esco import SUPPORTED_LANGUAGES, EscoError, import_official, load_compact
from ...models import Language, Occupation, Qualification, Skill
from ...reference import (
    ESCO_DIR,
    load_danish_skill_labels,
    load_languages,
    load_occupation_label_fixes,
    load_qualifications,
)
from ...suggest.index import clear_cache


class Command(BaseCommand):
    help = (
        "Load certificates, languages and the compact ESCO copy (idempotent). With --esco-dir, "
        "import an official ESCO CSV download in --language instead of the compact copy."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=ESCO_DIR, help="compact ESCO folder")
        parser.add_argument(
            "--esco-dir",
            type=Path,
            help="official ESCO CSV download: its folder, its zip, or a folder with its zips",
        )
        parser.add_argument(
            "--language",
            default="en",
            help=f"language of the files in --esco-dir ({', '.join(SUPPORTED_LANGUAGES)})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        load_qualifications(Qualification)
        load_languages(Language)
        try:
            if options["esco_dir"]:
                stats = import_official(options["esco_dir"], options["language"])
            else:
                stats = load_compact(options["dir"])
        except EscoError as error:
            raise CommandError(str(error)) from error
        danish = load_danish_skill_labels(Skill)
        load_occupation_label_fixes(Occupation)
        # Bulk writes send no signals; this process rebuilds its suggestion indexes at once.
        clear_cache()
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"{stats.summary()}; Jobbro's Danish labels on {danish} skills ({elapsed:.1f} s)"
        )
