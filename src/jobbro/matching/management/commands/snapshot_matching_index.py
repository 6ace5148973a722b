"""Write the search index as the host's snapshot (cron hourly, and at every deploy)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from ...holder import IndexHolder
from ...snapshots import snapshot_root


class Command(BaseCommand):
    help = (
        "Build the candidate search index from the database and write it to "
        "MATCHING_INDEX_DIR (default VAR_DIR/matching-index), where starting web processes "
        "map it instead of building. Run hourly and at deploy, on every web host."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        directory = IndexHolder().write_snapshot()
        self.stdout.write(
            f"Wrote {directory} in {time.monotonic() - started:.1f} s "
            f"(current snapshot under {snapshot_root()})."
        )
