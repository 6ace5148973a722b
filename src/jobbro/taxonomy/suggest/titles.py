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

from .normalize import SEGMENT_WORDS, fold, normalise, normalise_text

# Words of Danish national titles and ESCO's word for the same thing (folded forms). A compound
# part is looked up too ("sygehusdirektoer" → "hospital direktoer").
SYNONYMS: dict[str, str] = {
    "sygehus": "hospital",
    "medicinal": "farmaceutisk",
}

# Heads that national titles and ESCO's labels name differently ("rengøringsmedarbejder" /
# "rengøringsassistent", "kranchauffør" / "kranfører"); tried only where the result is a label
# word.
HEAD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "medarbejder": ("assistent", "arbejder"),
    "assistent": ("medarbejder",),
    "arbejder": ("medarbejder",),
    "chauffoer": ("foerer",),
    "foerer": ("chauffoer",),
}
# Danish vocational programmes named by their field: a trainee ("Kontorelev",
# "Detailhandelselev") is trained for the field's occupation (folded forms, ESCO's words).
TRAINEE_TRADES: dict[str, str] = {
    "kontor": "kontorassistent",
    "handel": "butiksassistent",
    "detailhandel": "butiksassistent",
    "butik": "butiksassistent",
    "lager": "lagermedarbejder",
    "lager og logistik": "lagermedarbejder",
    "ejendomsservice": "ejendomsservicetekniker",
}
# How labels join a head to its trade: "kok i storkøkken", "chef inden for logistik".
LABEL_CONNECTORS = ("i", "inden for", "af", "til", "paa", "for", "med speciale i", "ved")
# A trade after the comma is at most this many words; longer it is text about the person.
MAX_QUALIFIER_WORDS = 8
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


def _said_in_one(head: str, qualifier: str) -> list[str]:
    """What a label may call "Chef, køkken": "køkkenchef", "kok i storkøkken", …"""
    forms = [f"{head} {connector} {qualifier}" for connector in LABEL_CONNECTORS]
    if " " not in head and " " not in qualifier:
        for name in (head, *HEAD_SYNONYMS.get(head, ())):
            forms += [qualifier + link + name for link in ("", "s", "e")]
    return forms


def _renamed_heads(text: str, vocabulary: Collection[str]) -> str:
    """Each word ending in a head of `HEAD_SYNONYMS` with the other name, if labels have it."""
    words = text.split()
    for i, word in enumerate(words):
        if word in vocabulary:
            continue
        for head, others in HEAD_SYNONYMS.items():
            if word.endswith(head):
                known = [w for o in others if (w := word.removesuffix(head) + o) in vocabulary]
                if known:
                    words[i] = known[0]
                    break
    return " ".join(words)


def title_variants(
    text: str, vocabulary: Collection[str], labels: Collection[str], language: str = "da"
) -> list[Variant]:
    """The normalised queries for one title and their weights, best form first. `vocabulary`
    holds the label words, `labels` the whole normalised labels."""
    parts = national_parts(text)
    forms: list[Variant] = []
    if parts is None:
        whole = normalise(text)
        forms.append((whole.text, 1.0))
        field = whole.text.removesuffix("s")  # "handelselev": the linking s stays behind
        if "apprentice" in whole.markers and field in TRAINEE_TRADES:
            forms.append((TRAINEE_TRADES[field], 1.0))
    else:
        head, qualifier = normalise_text(parts[0]), normalise_text(parts[1])
        forms.append((f"{qualifier} {head}".strip(), 1.0))
        forms.append((f"{head} {qualifier}".strip(), 1.0))
        forms.append((head, HEAD_WEIGHT))
        if language == "da" and head and qualifier:
            forms += [
                (form, 1.0)
                for form in _said_in_one(head, qualifier)
                if form in labels or form in vocabulary
            ]
    if language == "da":
        other_head = _renamed_heads(forms[0][0], vocabulary)
        if other_head != forms[0][0]:
            forms.append((other_head, 1.0))
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
