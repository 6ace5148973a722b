"""The demo generators' tests: the world the generators before the tested one build."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from jobbro.core.demo.context import Demo
from jobbro.core.demo.occupations import TRADES
from jobbro.core.demo.seed import GENERATORS, new_demo
from tests.taxonomy.esco_subset import write_subset


def demo_before(generator: Callable[[Demo], None], tmp_path: Path, *, scale: float = 0.05) -> Demo:
    """Load a small ESCO subset and run every generator that comes before `generator`."""
    call_command(
        "load_taxonomy",
        "--dir",
        str(write_subset(tmp_path, [t.label_en for t in TRADES])),
        stdout=StringIO(),
    )
    demo = new_demo(scale=scale, seed_value=7)
    for earlier in GENERATORS[: GENERATORS.index(generator)]:
        earlier(demo)
    return demo
