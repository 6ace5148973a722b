"""Danish national job titles for the occupation bench (bench/taxonomy_suggest.py).

Case systems export titles in the style of the national title list: head noun first, the trade
after a comma ("Souschef, køkken"), one compound ("Sygehusdirektør"), trainees marked at the end
("Skov- og naturteknikerelev"). Two kinds of sets, each split into a tuning part (used while
the engine was tuned) and a held-out part (only measured):

- hand-written: bench/data/national_titles_tuning.csv and national_titles_handwritten.csv
  (held out), one expected occupation each, chosen from the ESCO data (its English preferred
  label) before any output was looked at;
- generated from ESCO: Danish preferred and alternative labels rewritten into that style
  ("operatør af trækpresse" → "Operatør, trækpresse"; "køkkenchef" → "Chef, køkken";
  "teknisk leder" → "Leder, teknisk"; a third of the one-word labels also as "…elev"), and the
  Danish labels of ISCO unit groups as titles (any occupation of the group is right). Which
  part an occupation (or ISCO group) belongs to is fixed by SHA-1 of its URI: 30 % tuning.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESCO_DIR = ROOT / "src/jobbro/taxonomy/data/esco"
DATA = ROOT / "bench/data"
TUNING_PERCENT = 30
# Connecting words that put the trade after the head in a label: the head comes first in a title.
CONNECTORS = (" med speciale i ", " inden for ", " af ", " til ", " på ", " i ", " for ", " - ")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Title:
    query: str
    right: frozenset[str]  # URIs any of which is a right answer
    kind: str


def _hash(*parts: str) -> int:
    return int(hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()[:12], 16)


def is_tuning(uri: str) -> bool:
    return _hash(uri, "national") % 100 < TUNING_PERCENT


def read_handwritten(name: str) -> list[Title]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return [
            Title(row["query"], frozenset({row["expected_uri"]}), "hand-written")
            for row in csv.DictReader(handle)
        ]


def _labels(raw: str) -> list[str]:
    return [label.strip() for label in raw.split("|") if label.strip()]


def _split_word(word: str, vocabulary: set[str]) -> tuple[str, str] | None:
    """("koekken", "chef") for "køkkenchef": the longest head that is a label word of its own,
    after a modifier that is one too (a linking s or e dropped)."""
    for cut in range(3, len(word) - 2):
        head, modifier = word[cut:], word[:cut]
        if head not in vocabulary:
            continue
        for stem in (modifier, modifier[:-1] if modifier[-1] in "se" else ""):
            if len(stem) >= 3 and stem in vocabulary:
                return stem, head
    return None


def national_style(label: str, vocabulary: set[str]) -> tuple[str, str] | None:
    """The label as a national title and the kind of rewrite, or None when none applies."""
    text = _SPACES.sub(" ", label.replace("—", "-").replace("(", "").replace(")", "")).strip()
    lower = text.lower()
    for connector in CONNECTORS:
        if connector in lower:
            head, _, trade = lower.partition(connector)
            if head and trade:
                return f"{head.capitalize()}, {trade}", "noun, trade (from a phrase)"
    words = lower.split()
    if len(words) == 2:
        return f"{words[1].capitalize()}, {words[0]}", "noun, qualifier (two words)"
    if len(words) == 1:
        parts = _split_word(words[0], vocabulary)
        if parts:
            return f"{parts[1].capitalize()}, {parts[0]}", "noun, trade (from a compound)"
    return None


def generated(tuning: bool) -> list[Title]:
    """The generated titles of one part (tuning or held out), in a fixed order."""
    with gzip.open(ESCO_DIR / "occupations.csv.gz", "rt", encoding="utf-8", newline="") as f:
        occupations = list(csv.DictReader(f))
    with gzip.open(ESCO_DIR / "isco_groups.csv.gz", "rt", encoding="utf-8", newline="") as f:
        groups = list(csv.DictReader(f))
    owners: dict[str, set[str]] = defaultdict(set)
    vocabulary: set[str] = set()
    for o in occupations:
        for label in [o["label_da"], *_labels(o["alt_labels_da"])]:
            owners[label.lower()].add(o["uri"])
            vocabulary.update(label.lower().split())
    titles: list[Title] = []
    seen: set[str] = set()
    for o in occupations:
        if is_tuning(o["uri"]) != tuning:
            continue
        for label in [o["label_da"], *_labels(o["alt_labels_da"])]:
            rewritten = national_style(label, vocabulary)
            right = frozenset(owners[label.lower()])
            if rewritten and rewritten[0].lower() not in seen:
                seen.add(rewritten[0].lower())
                titles.append(Title(rewritten[0], right, rewritten[1]))
            if " " not in label and _hash(label, "trainee") % 3 == 0:
                titles.append(Title(f"{label.capitalize()}elev", right, "trade + elev"))
    in_group: dict[str, set[str]] = defaultdict(set)
    for o in occupations:
        in_group[o["isco_code"]].add(o["uri"])
    for group in groups:
        code = group["code"]
        if (
            len(code) == 4
            and in_group[code]
            and group["label_da"]
            and is_tuning(group["uri"]) == tuning
        ):
            titles.append(
                Title(group["label_da"], frozenset(in_group[code]), "ISCO unit group label")
            )
    return titles
