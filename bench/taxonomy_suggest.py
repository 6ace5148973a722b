"""Held-out evaluation of occupation suggestions (jobbro.taxonomy.suggest).

    .venv/bin/python bench/taxonomy_suggest.py

No database: reads the compact ESCO copy in src/jobbro/taxonomy/data/esco and uses the
Django-free engine directly, with the same entries the database adapter builds from ESCO. The
adapter also adds the job-centre titles of data/occupation_titles.csv; they are left out here
because some of them are among the hand-written titles below, which would then be tested on
what the index was given.

1. Held-out alternative labels. A deterministic 20 % of (occupation, alternative label) pairs,
   Danish and English, is removed from the index (SHA-1 of URI + label). Each held-out label is
   queried as is and with deterministic perturbations: one typo, hyphen dropped or added,
   inflected (Danish definite/plural, English plural), abbreviated, typed without æøå. A hit
   counts when the occupation returned carries that label in the full ESCO data (a few labels
   belong to several occupations; any of them is right).
2. Hand-written realistic Danish job-centre titles, bench/data/danish_titles.csv, with one
   expected occupation each, chosen from the ESCO data before looking at any output.
3. Danish national job titles as case systems export them (bench/national_titles.py): the
   held-out hand-written and generated sets, never used while tuning (their tuning halves are
   reported too, marked so), and how `link_title`'s confidence threshold splits them.

Every figure is given for the engine at main's commit (BASELINE_COMMIT, loaded from git into a
temporary package) and for this working tree, measured in the same run on the same machine.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import national_titles  # noqa: E402

from jobbro.taxonomy.suggest.engine import confidence  # noqa: E402
from jobbro.taxonomy.suggest.normalize import normalise_text  # noqa: E402

# The engine on main before the national-title work (issue 13, point 2).
BASELINE_COMMIT = "03d27f2"
BASELINE_FILES = ("__init__.py", "engine.py", "normalize.py")
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)

ESCO = ROOT / "src/jobbro/taxonomy/data/esco/occupations.csv.gz"
TITLES = ROOT / "bench/data/danish_titles.csv"
HOLD_OUT_PERCENT = 20
LIMIT = 10

ABBREVIATE = {
    "da": [
        ("medarbejder", "medarb."),
        ("assistent", "ass."),
        ("social- og sundheds", "sosu-"),
        ("certifikat", "cert."),
        ("chauffør", "chauf."),
        ("ingeniør", "ing."),
        ("administrativ", "adm."),
        ("medhjælper", "medhj."),
        ("pædagog", "pæd."),
    ],
    "en": [
        ("assistant", "asst"),
        ("manager", "mgr"),
        ("engineer", "eng"),
        ("technician", "tech"),
        ("developer", "dev"),
    ],
}
DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "aa"})


def _hash(*parts: str) -> int:
    return int(hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()[:12], 16)


def _split(raw: str) -> list[str]:
    return [label.strip() for label in raw.split("|") if label.strip()]


def typo(label: str, rng: random.Random) -> str | None:
    positions = [i for i, ch in enumerate(label) if ch.isalpha() and i > 0]
    if len(positions) < 4:
        return None
    i = rng.choice(positions[:-1])
    op = rng.choice(["delete", "substitute", "transpose", "insert"])
    letter = rng.choice("abcdefghijklmnoprstuvy")
    if op == "delete":
        return label[:i] + label[i + 1 :]
    if op == "substitute":
        return label[:i] + letter + label[i + 1 :]
    if op == "insert":
        return label[:i] + letter + label[i:]
    return label[:i] + label[i + 1] + label[i] + label[i + 2 :]


def hyphen(label: str, rng: random.Random) -> str | None:
    if "-" in label:
        return label.replace("- ", " ").replace("-", rng.choice(["", " "]))
    words = label.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 10:
        return None
    cut = rng.randint(4, len(word) - 4)
    words[longest] = word[:cut] + "-" + word[cut:]
    return " ".join(words)


def inflect(label: str, rng: random.Random, language: str) -> str | None:
    if not label[-1:].isalpha():
        return None
    if language == "en":
        return label + ("es" if label.endswith(("s", "x", "ch", "sh")) else "s")
    if label.endswith("er"):
        return label + rng.choice(["en", "e", "ne"])
    if label.endswith("e"):
        return label + rng.choice(["n", "r", "rne"])
    return label + rng.choice(["en", "er", "erne"])


def abbreviate(label: str, language: str) -> str | None:
    lower = label.lower()
    for long, short in ABBREVIATE[language]:
        if long in lower:
            return lower.replace(long, short, 1)
    return None


def no_danish_letters(label: str) -> str | None:
    folded = label.lower().translate(DANISH_LETTERS)
    return folded if folded != label.lower() else None


def perturbations(
    label: str, language: str, rng: random.Random
) -> dict[str, Callable[[], str | None]]:
    variants: dict[str, Callable[[], str | None]] = {
        "as is": lambda: label,
        "one typo": lambda: typo(label, rng),
        "hyphen dropped/added": lambda: hyphen(label, rng),
        "inflected": lambda: inflect(label, rng, language),
        "abbreviated": lambda: abbreviate(label, language),
    }
    if language == "da":
        variants["without æøå"] = lambda: no_danish_letters(label)
    return variants


def load() -> list[dict[str, str]]:
    with gzip.open(ESCO, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_baseline() -> ModuleType:
    """The suggestion engine as it is at BASELINE_COMMIT, imported from a temporary package."""
    package = Path(tempfile.mkdtemp(prefix="suggest_baseline_")) / "baseline_suggest"
    package.mkdir()
    for name in BASELINE_FILES:
        # Fixed arguments; git from PATH, as a developer runs it.
        command = ["git", "show", f"{BASELINE_COMMIT}:src/jobbro/taxonomy/suggest/{name}"]
        source = subprocess.run(  # noqa: S603
            command, cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
        (package / name).write_text(source, encoding="utf-8")
    sys.path.insert(0, str(package.parent))
    return importlib.import_module("baseline_suggest")


class Engine:
    """One engine (module) with its index over all of ESCO and its query timings."""

    def __init__(self, name: str, module: Any, occupations: list[dict[str, str]]) -> None:
        self.name = name
        self.module = module
        self.full = module.SuggestIndex(
            e
            for o in occupations
            for e in module.concept_entries(
                o["uri"],
                [o["label_da"], o["label_en"]],
                [*_split(o["alt_labels_da"]), *_split(o["alt_labels_en"])],
            )
        )

    def index_of(self, rows: Iterable[tuple[str, list[str], list[str]]]) -> Any:
        return self.module.SuggestIndex(
            e
            for uri, preferred, alt in rows
            for e in self.module.concept_entries(uri, preferred, alt)
        )


def _ms(latencies: list[float]) -> tuple[float, float]:
    ms = sorted(x * 1000 for x in latencies)
    return statistics.median(ms), ms[min(int(len(ms) * 0.95), len(ms) - 1)]


def _ratio(before: float, after: float) -> str:
    return f"{before / after:.1f}×" if after else "–"


def main() -> None:
    occupations = load()
    label_of = {o["uri"]: o["label_da"] or o["label_en"] for o in occupations}
    owners: dict[str, set[str]] = defaultdict(set)
    for o in occupations:
        for label in [o["label_da"], o["label_en"], *_split(o["alt_labels_da"])]:
            owners[normalise_text(label)].add(o["uri"])
        for label in _split(o["alt_labels_en"]):
            owners[normalise_text(label)].add(o["uri"])

    held_out: list[tuple[str, str, str]] = []  # (uri, label, language)
    kept_rows: list[tuple[str, list[str], list[str]]] = []
    for o in occupations:
        preferred = {normalise_text(o["label_da"]), normalise_text(o["label_en"])}
        kept: list[str] = []
        for language in ("da", "en"):
            for label in _split(o[f"alt_labels_{language}"]):
                text = normalise_text(label)
                if text and text not in preferred and _hash(o["uri"], label) % 100 < 20:
                    held_out.append((o["uri"], label, language))
                else:
                    kept.append(label)
        kept_rows.append((o["uri"], [o["label_da"], o["label_en"]], kept))
    # A held-out label kept for the same occupation (twice in ESCO, or equal after
    # normalisation) would leak: drop those queries.
    kept_pairs = {(uri, normalise_text(label)) for uri, _, alt in kept_rows for label in alt}
    held_out = [h for h in held_out if (h[0], normalise_text(h[1])) not in kept_pairs]

    engines = [
        Engine(f"main ({BASELINE_COMMIT})", load_baseline(), occupations),
        Engine("this branch", sys.modules["jobbro.taxonomy.suggest"], occupations),
    ]
    print("# Occupation suggestions: held-out evaluation\n")
    print(f"Machine: {_machine()}. Baseline: the engine at {BASELINE_COMMIT} (main), same run.\n")

    named_by: dict[str, set[str]] = defaultdict(set)  # a preferred label → its occupations
    for o in occupations:
        for language in ("da", "en"):
            named_by[normalise_text(o[f"label_{language}"])].add(o["uri"])
    national_report(engines, label_of, named_by)

    latency: dict[str, list[float]] = {e.name: [] for e in engines}
    indexes = {}
    for engine in engines:
        start = time.perf_counter()
        indexes[engine.name] = engine.index_of(kept_rows)
        seconds = time.perf_counter() - start
        print(
            f"{engine.name}: index of {len(indexes[engine.name])} labels after holding out "
            f"{len(held_out)} alternative labels, built in {seconds:.2f} s."
        )
    print()

    for language, name in (("da", "Danish"), ("en", "English")):
        counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        kinds: list[str] = []
        for uri, label, lang in held_out:
            if lang != language:
                continue
            right = owners[normalise_text(label)] | {uri}
            for engine in engines:
                rng = random.Random(_hash(uri, label, "perturb"))
                for kind, make in perturbations(label, language, rng).items():
                    query = make()
                    if not query:
                        continue
                    if kind not in kinds:
                        kinds.append(kind)
                    t = time.perf_counter()
                    hits = indexes[engine.name].search(query, LIMIT, title_only=True)
                    latency[engine.name].append(time.perf_counter() - t)
                    keys = [h.key for h in hits]
                    row = counts[(engine.name, kind)]
                    row[0] += 1
                    row[1] += bool(keys[:1]) and keys[0] in right
                    row[2] += any(k in right for k in keys)
        print(f"## Held-out {name} alternative labels (main → this branch)\n")
        print("| query | n | top-1 | top-10 |\n| --- | ---: | ---: | ---: |")
        for kind in kinds:
            before, after = (counts[(e.name, kind)] for e in engines)
            n = after[0]
            print(
                f"| {kind} | {n} | {before[1] / n:.1%} → {after[1] / n:.1%} "
                f"| {before[2] / n:.1%} → {after[2] / n:.1%} |"
            )
        print()

    with TITLES.open(encoding="utf-8", newline="") as handle:
        titles = list(csv.DictReader(handle))
    for engine in engines:
        titles_report(engine.name, titles, engine.full, label_of)
    for engine in engines:
        median, p95 = _ms(latency[engine.name])
        print(
            f"Query latency, {engine.name}, over {len(latency[engine.name])} alternative-label "
            f"queries: median {median:.2f} ms, p95 {p95:.2f} ms."
        )


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def evaluate(
    index: Any, titles: list[national_titles.Title]
) -> tuple[float, float, list[float], list[tuple[national_titles.Title, list[Any]]]]:
    """top-1 share, top-10 share, query seconds, and each title with its hits."""
    top1 = top10 = 0
    latencies: list[float] = []
    answers: list[tuple[national_titles.Title, list[Any]]] = []
    for title in titles:
        t = time.perf_counter()
        hits = index.search(title.query, LIMIT, title_only=True)
        latencies.append(time.perf_counter() - t)
        keys = [h.key for h in hits]
        top1 += bool(keys) and keys[0] in title.right
        top10 += any(k in title.right for k in keys)
        answers.append((title, hits))
    n = len(titles)
    return top1 / n, top10 / n, latencies, answers


def national_report(
    engines: list[Engine], label_of: dict[str, str], named_by: dict[str, set[str]]
) -> None:
    sets = {
        "hand-written, held out": national_titles.read_handwritten(
            "national_titles_handwritten.csv"
        ),
        "generated from ESCO, held out": national_titles.generated(tuning=False),
        "hand-written, tuning": national_titles.read_handwritten("national_titles_tuning.csv"),
        "generated from ESCO, tuning": national_titles.generated(tuning=True),
    }
    print("## Danish national job titles (main → this branch)\n")
    print(
        "| set | n | top-1 | top-10 | p95 query ms | p95 speed-up |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    results: dict[tuple[str, str], Any] = {}
    for set_name, titles in sets.items():
        for engine in engines:
            results[(set_name, engine.name)] = evaluate(engine.full, titles)
        before, after = (results[(set_name, e.name)] for e in engines)
        p95_before, p95_after = _ms(before[2])[1], _ms(after[2])[1]
        print(
            f"| {set_name} | {len(titles)} | {before[0]:.1%} → {after[0]:.1%} "
            f"| {before[1]:.1%} → {after[1]:.1%} | {p95_before:.2f} → {p95_after:.2f} "
            f"| {_ratio(p95_before, p95_after)} |"
        )
    print()
    generated = sets["generated from ESCO, held out"]
    by_kind: dict[str, list[national_titles.Title]] = defaultdict(list)
    for title in generated:
        by_kind[title.kind].append(title)
    print("Generated held-out titles by kind of rewrite (main → this branch):\n")
    print("| kind | n | top-1 | top-10 |\n| --- | ---: | ---: | ---: |")
    for kind, titles in by_kind.items():
        before, after = (evaluate(e.full, titles) for e in engines)
        print(
            f"| {kind} | {len(titles)} | {before[0]:.1%} → {after[0]:.1%} "
            f"| {before[1]:.1%} → {after[1]:.1%} |"
        )
    print()

    current = engines[-1].name
    answers = results[("hand-written, held out", current)][3]
    print("### Linking: `link_title` confidence on the hand-written held-out titles\n")
    print("| threshold | auto-linked | right among linked | right among queued (top-1) |")
    print("| ---: | ---: | ---: | ---: |")
    scored = [(confidence(hits), bool(hits) and hits[0].key in t.right) for t, hits in answers]
    for threshold in THRESHOLDS:
        linked = [right for sure, right in scored if sure >= threshold]
        queued = [right for sure, right in scored if sure < threshold]
        print(
            f"| {threshold} | {len(linked) / len(scored):.1%} "
            f"| {sum(linked) / max(len(linked), 1):.1%} | {sum(queued) / max(len(queued), 1):.1%} |"
        )
    print()
    # link_title also links, below the threshold, a title that is exactly one suggested
    # occupation's preferred label (whatever else carries the word as an alternative).
    print("With the exact-name rule, at the threshold 0.6 (what `link_title` does):\n")
    print("| set | n | auto-linked | right among linked | by the rule | right among those |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for set_name in ("hand-written, held out", "generated from ESCO, held out"):
        outcome = []  # (linked, right, by the rule)
        for title, hits in results[(set_name, current)][3]:
            if confidence(hits) >= 0.6:
                outcome.append((True, bool(hits) and hits[0].key in title.right, False))
                continue
            owners = named_by.get(normalise_text(title.query), set())
            named = [h for h in hits if h.key in owners]
            if len(named) == 1:
                outcome.append((True, named[0].key in title.right, True))
            else:
                outcome.append((False, False, False))
        linked = [right for is_linked, right, _ in outcome if is_linked]
        by_rule = [right for is_linked, right, rule in outcome if rule]
        print(
            f"| {set_name} | {len(outcome)} | {len(linked) / len(outcome):.1%} "
            f"| {sum(linked) / max(len(linked), 1):.1%} | {len(by_rule) / len(outcome):.1%} "
            f"| {sum(by_rule) / max(len(by_rule), 1):.1%} |"
        )
    print()
    print("### Hand-written held-out titles not first (this branch)\n")
    print("| query | expected | first suggestion | rank of expected |\n| --- | --- | --- | ---: |")
    for title, hits in answers:
        keys = [h.key for h in hits]
        if keys and keys[0] in title.right:
            continue
        rank = next((i + 1 for i, k in enumerate(keys) if k in title.right), None)
        expected = label_of[next(iter(title.right))]
        got = label_of[keys[0]] if keys else "–"
        print(f"| {title.query} | {expected} | {got} | {rank or '> 10'} |")
    print()


def titles_report(
    name: str, titles: list[dict[str, str]], index: Any, label_of: dict[str, str]
) -> None:
    top1 = top10 = 0
    misses: list[str] = []
    for row in titles:
        keys = [h.key for h in index.search(row["query"], LIMIT, title_only=True)]
        first = bool(keys) and keys[0] == row["expected_uri"]
        top1 += first
        top10 += row["expected_uri"] in keys
        if not first:
            rank = keys.index(row["expected_uri"]) + 1 if row["expected_uri"] in keys else None
            got = label_of[keys[0]] if keys else "–"
            misses.append(
                f"| {row['query']} | {row['expected_label_da']} ({row['expected_label_en']}) "
                f"| {got} | {rank or '> 10'} |"
            )
    n = len(titles)
    print(f"## Hand-written Danish job-centre titles (danish_titles.csv), {name}\n")
    print(f"n = {n}: top-1 {top1 / n:.1%}, top-10 {top10 / n:.1%}.\n")
    if misses:
        print("Not first:\n\n| query | expected | first suggestion | rank of expected |")
        print("| --- | --- | --- | ---: |")
        print("\n".join(misses))
    print()


if __name__ == "__main__":
    main()
