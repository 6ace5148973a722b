"""Time to read one free-search sentence (jobbro.searches.selectors.interpret).

    .venv/bin/python bench/free_text_reading.py

A test database in memory (SQLite) with the whole compact ESCO copy; the sentences are the
table of tests/searches/test_reading.py. Baseline, in the same run: what the search did before
the reader, one occupation suggestion and one skill suggestion for the whole sentence. The
suggestion indexes are built before timing (once per process in production too); each
sentence is read `ROUNDS` times and the median of its times kept.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobbro.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from jobbro.searches.selectors import interpret  # noqa: E402
from jobbro.taxonomy.selectors import suggest_occupations, suggest_skills  # noqa: E402
from tests.searches.test_reading import CASES, TODAY  # noqa: E402

ROUNDS = 5


def baseline(text: str) -> None:
    suggest_occupations(text, limit=1)
    suggest_skills(text, limit=10)


def reader(text: str) -> None:
    interpret(text, today=TODAY)


def timed(read: Callable[[str], None], texts: list[str]) -> list[float]:
    medians = []
    for text in texts:
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            read(text)
            times.append((time.perf_counter() - started) * 1000)
        medians.append(statistics.median(times))
    return medians


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    connection.creation.create_test_db(verbosity=0)
    call_command("load_taxonomy", stdout=StringIO())
    texts = [case.text for case in CASES]
    for text in texts:  # builds the indexes and the respelling table
        reader(text)
        baseline(text)
    before = timed(baseline, texts)
    after = timed(reader, texts)
    print(f"{len(texts)} sentences, median of {ROUNDS} reads each")
    for name, values in (("baseline (2 suggestions)", before), ("reader", after)):
        print(
            f"{name:26} p50 {percentile(values, 0.5):6.1f} ms  p95 {percentile(values, 0.95):6.1f}"
            f" ms  max {max(values):6.1f} ms"
        )
    ratios = [a / b for a, b in zip(after, before, strict=True)]
    print(f"reader / baseline, per sentence: p50 {percentile(ratios, 0.5):.1f} ×  p95 "
          f"{percentile(ratios, 0.95):.1f} ×")  # fmt: skip
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
