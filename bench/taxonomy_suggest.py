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
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from jobbro.taxonomy.suggest import Entry, SuggestIndex, concept_entries  # noqa: E402
from jobbro.taxonomy.suggest.normalize import normalise_text  # noqa: E402

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


def main() -> None:
    occupations = load()
    owners: dict[str, set[str]] = defaultdict(set)
    for o in occupations:
        for label in [o["label_da"], o["label_en"], *_split(o["alt_labels_da"])]:
            owners[normalise_text(label)].add(o["uri"])
        for label in _split(o["alt_labels_en"]):
            owners[normalise_text(label)].add(o["uri"])

    held_out: list[tuple[str, str, str]] = []  # (uri, label, language)
    entries: list[Entry] = []
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
        entries += concept_entries(o["uri"], [o["label_da"], o["label_en"]], kept)
    # A held-out label kept for the same occupation (twice in ESCO, or equal after
    # normalisation) would leak: drop those queries.
    kept_pairs = {(e.key, normalise_text(e.label)) for e in entries}
    held_out = [h for h in held_out if (h[0], normalise_text(h[1])) not in kept_pairs]

    start = time.perf_counter()
    index = SuggestIndex(entries)
    build_seconds = time.perf_counter() - start
    print("# Occupation suggestions: held-out evaluation\n")
    print(
        f"Index: {index.concept_count()} occupations, {len(index)} labels after holding out "
        f"{len(held_out)} alternative labels; built in {build_seconds:.2f} s.\n"
    )

    latencies: list[float] = []

    def ask(query: str) -> list[str]:
        t = time.perf_counter()
        hits = index.search(query, LIMIT, title_only=True)
        latencies.append(time.perf_counter() - t)
        return [h.key for h in hits]

    for language, name in (("da", "Danish"), ("en", "English")):
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for uri, label, lang in held_out:
            if lang != language:
                continue
            rng = random.Random(_hash(uri, label, "perturb"))
            right = owners[normalise_text(label)] | {uri}
            for kind, make in perturbations(label, language, rng).items():
                query = make()
                if not query:
                    continue
                keys = ask(query)
                row = counts[kind]
                row[0] += 1
                row[1] += bool(keys[:1]) and keys[0] in right
                row[2] += any(k in right for k in keys)
        print(f"## Held-out {name} alternative labels\n")
        print("| query | n | top-1 | top-10 |\n| --- | ---: | ---: | ---: |")
        for kind, (n, top1, top10) in counts.items():
            print(f"| {kind} | {n} | {top1 / n:.1%} | {top10 / n:.1%} |")
        print()

    with TITLES.open(encoding="utf-8", newline="") as handle:
        titles = list(csv.DictReader(handle))
    full = SuggestIndex(
        e
        for o in occupations
        for e in concept_entries(
            o["uri"],
            [o["label_da"], o["label_en"]],
            [*_split(o["alt_labels_da"]), *_split(o["alt_labels_en"])],
        )
    )
    for name, current in (("full index", full), ("index without the held-out labels", index)):
        titles_report(name, titles, current, occupations)
    ms = sorted(x * 1000 for x in latencies)
    print(
        f"\nQuery latency over {len(ms)} queries: median {statistics.median(ms):.1f} ms, "
        f"p95 {ms[int(len(ms) * 0.95)]:.1f} ms, max {ms[-1]:.1f} ms."
    )


def titles_report(
    name: str, titles: list[dict[str, str]], index: SuggestIndex, occupations: list[dict[str, str]]
) -> None:
    label = {o["uri"]: o["label_da"] or o["label_en"] for o in occupations}

    def ask(query: str) -> list[str]:
        return [h.key for h in index.search(query, LIMIT, title_only=True)]

    top1 = top10 = 0
    misses: list[str] = []
    for row in titles:
        keys = ask(row["query"])
        first = bool(keys) and keys[0] == row["expected_uri"]
        top1 += first
        top10 += row["expected_uri"] in keys
        if not first:
            rank = keys.index(row["expected_uri"]) + 1 if row["expected_uri"] in keys else None
            got = label[keys[0]] if keys else "–"
            misses.append(
                f"| {row['query']} | {row['expected_label_da']} ({row['expected_label_en']}) "
                f"| {got} | {rank or '> 10'} |"
            )
    n = len(titles)
    print(f"## Hand-written Danish job-centre titles, {name}\n")
    print(f"n = {n}: top-1 {top1 / n:.1%}, top-10 {top10 / n:.1%}.\n")
    print("Not first:\n\n| query | expected | first suggestion | rank of expected |")
    print("| --- | --- | --- | ---: |")
    print("\n".join(misses))
    print()


if __name__ == "__main__":
    main()
