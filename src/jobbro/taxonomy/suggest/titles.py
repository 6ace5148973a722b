"""Job titles as case systems export them, rewritten into the forms the labels use (no Django).

Danish national job titles put the head noun first and the trade after a comma
("Souschef, køkken", "Specialarbejder, medicinal"), glue trade and head into one compound
("Sygehusdirektør") and mark trainees at the end ("Skov- og naturteknikerelev"). ESCO's labels
say "køkkenchef", "hospitalsdirektør", "skov- og naturtekniker". `title_variants` gives the
queries a title is searched as, each with a weight; the engine keeps each label's best score.

1. "Noun, qualifier" → "qualifier noun" (and the head noun alone, weaker);
2. Danish compounds no label has are split at the longest head that labels have, dropping a
   linking s or e ("sygehusdirektoer" → "sygehus direktoer", "lagerarbejder" is kept as a label
   word);
3. Danish words that ESCO says otherwise are added in ESCO's word (`SYNONYMS`);
4. trainee marks (elev, lærling, svend, …) are dropped by `normalise` already; the title is then
   the trade's own.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from .normalize import SEGMENT_WORDS, fold, normalise_text

# Words of Danish national titles and ESCO's word for the same thing (folded forms). A compound
# part is looked up too ("sygehusdirektoer" → "hospital direktoer").
SYNONYMS: dict[str, str] = {
    "sygehus": "hospital",
    "medicinal": "farmaceutisk",
}

# A trade after the comma is at most this many words; longer it is text about the person.
MAX_QUALIFIER_WORDS = 3
MIN_PART = 3
HEAD_WEIGHT = 0.85
SPLIT_WEIGHT = 0.97

Variant = tuple[str, float]


def national_parts(text: str) -> tuple[str, str] | None:
    """("souschef", "køkken") for "Souschef, køkken"; None when the text has no such comma."""
    head, sep, rest = text.partition(",")
    if not sep or not fold(head) or not fold(rest):
        return None
    words = fold(rest).split()
    if len(words) > MAX_QUALIFIER_WORDS or any(w in SEGMENT_WORDS for w in words):
        return None
    return head.strip(), rest.replace(",", " ").strip()


def split_compound(word: str, known: Callable[[str], bool]) -> list[str]:
    """The word as label words: itself when known, else a known head (the longest) after a known
    or again split modifier, with Danish linking letters s/e dropped; the word when no split."""
    if known(word) or len(word) < 2 * MIN_PART:
        return [word]
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[cut:]
        if not known(head):
            continue
        modifier = word[:cut]
        for stem in (modifier, modifier[:-1] if modifier[-1] in "se" else ""):
            if len(stem) >= MIN_PART and known(stem):
                return [stem, head]
        if len(modifier) >= 2 * MIN_PART:
            parts = split_compound(modifier, known)
            if len(parts) > 1:
                return [*parts, head]
    return [word]


def _synonyms(words: list[str]) -> list[str]:
    return [SYNONYMS.get(w, w) for w in words]


def title_variants(text: str, vocabulary: Collection[str], language: str = "da") -> list[Variant]:
    """The normalised queries for one title and their weights, best form first."""
    parts = national_parts(text)
    forms: list[Variant] = []
    if parts is None:
        forms.append((normalise_text(text), 1.0))
    else:
        head, qualifier = parts
        forms.append((normalise_text(f"{qualifier} {head}"), 1.0))
        forms.append((normalise_text(head), HEAD_WEIGHT))
    if language == "da":
        for form, weight in list(forms):
            words = form.split()
            split = [p for w in words for p in split_compound(w, vocabulary.__contains__)]
            renamed = _synonyms(split)
            if renamed != words:
                forms.append((" ".join(renamed), weight * SPLIT_WEIGHT))
    seen: dict[str, float] = {}
    for form, weight in forms:
        if form and weight > seen.get(form, 0.0):
            seen[form] = weight
    return list(seen.items())
