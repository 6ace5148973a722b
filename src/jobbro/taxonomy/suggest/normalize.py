"""Text normalisation shared by the index and the queries (plain Python, no Django).

Both sides go through the same steps, so a label and a query typed differently meet in one form:

1. lowercase, Unicode NFKC;
2. fold letters: æ → ae, ø → oe, å → aa (and ä/ö/ü the same way, other accents dropped), so a
   query typed on a keyboard without Danish letters ("toemrer", "chauffoer") meets the label;
3. punctuation and hyphens become spaces ("sosu-hjælper" → "sosu hjaelper");
4. abbreviations and synonyms from `ABBREVIATIONS` are expanded, as whole words or as the end
   of a compound (`SUFFIX_ABBREVIATIONS`: "truckcert" → "truckcertifikat");
5. markers that say how far someone is in a trade but not which trade ("svend", "lærling",
   "elev", "junior", …, see `MARKERS`) are dropped, also as the end of a compound
   ("tømrersvend" → "tømrer"), and reported so a caller can use them;
6. `split_segments` cuts "lagermedarbejder m. truckcert" at the connecting word into the title
   ("lagermedarbejder") and what the person has besides ("truckcert").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Whole-word abbreviations and synonyms of Danish and English job titles and certificates, in
# folded form (see `fold`). Kept short and common; each entry is what job centres and
# job ads write.
ABBREVIATIONS: dict[str, str] = {
    # Danish
    "sosu": "social og sundheds",
    "ssh": "social og sundhedshjaelper",
    "ssa": "social og sundhedsassistent",
    "hj": "hjaelper",
    "ass": "assistent",
    "medarb": "medarbejder",
    "medhj": "medhjaelper",
    "adm": "administrativ",
    "admin": "administrativ",
    "udd": "uddannelse",
    "ing": "ingenioer",
    "paed": "paedagog",
    "paedmedhj": "paedagogmedhjaelper",
    "chauf": "chauffoer",
    "kk": "koerekort",
    "koerek": "koerekort",
    "cert": "certifikat",
    "certif": "certifikat",
    "hk": "kontorassistent",
    "kontorass": "kontorassistent",
    "lastbilchauf": "lastbilchauffoer",
    "taxa": "taxi",
    # English
    "asst": "assistant",
    "mgr": "manager",
    "eng": "engineer",
    "engr": "engineer",
    "tech": "technician",
    "dev": "developer",
    "hgv": "heavy goods vehicle",
    "lgv": "heavy goods vehicle",
}

# Abbreviations that end a compound: "truckcert" → "truckcertifikat", "lagermedarb" →
# "lagermedarbejder". Longest first.
SUFFIX_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("medarb", "medarbejder"),
    ("certif", "certifikat"),
    ("chauf", "chauffoer"),
    ("cert", "certifikat"),
)

# Words that say the stage of training or seniority, not the occupation. Folded form.
MARKERS: dict[str, str] = {
    "svend": "journeyman",
    "laerling": "apprentice",
    "laerlinge": "apprentice",
    "elev": "apprentice",
    "elever": "apprentice",
    "apprentice": "apprentice",
    "trainee": "apprentice",
    "praktikant": "apprentice",
    "junior": "junior",
    "jr": "junior",
    "senior": "senior",
    "sr": "senior",
    "erfaren": "experienced",
    "experienced": "experienced",
    "faglaert": "skilled",
    "ufaglaert": "unskilled",
}
# Markers also recognised at the end of a compound ("tømrersvend", "elektrikerlærling").
SUFFIX_MARKERS: tuple[str, ...] = ("laerling", "svend", "elev")
_MIN_STEM = 3

# Words that join a title to what comes with it: "lagermedarbejder m. truckcert".
SEGMENT_WORDS = frozenset({"m", "med", "with", "w", "inkl", "incl", "including", "samt", "plus"})
_SEGMENT_PUNCTUATION = re.compile(r"[,;+()\[\]]|\bw/|\bm/|\s/\s")


def fold(text: str) -> str:
    """Lowercase, fold Danish and other accented letters to ASCII, keep only letters/digits."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_FOLD)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text).strip()


@dataclass(frozen=True)
class Normalised:
    text: str
    markers: tuple[str, ...]


def _expand(word: str, markers: list[str]) -> str:
    if word in MARKERS:
        markers.append(MARKERS[word])
        return ""
    if word in ABBREVIATIONS:
        return ABBREVIATIONS[word]
    for suffix in SUFFIX_MARKERS:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            markers.append(MARKERS[suffix])
            return _expand(word[: -len(suffix)], markers)
    for suffix, expansion in SUFFIX_ABBREVIATIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)] + expansion
    return word


def normalise(text: str) -> Normalised:
    """The text in the form the index holds, plus the markers removed from it."""
    markers: list[str] = []
    words = [_expand(word, markers) for word in fold(text).split()]
    return Normalised(" ".join(w for w in words if w), tuple(dict.fromkeys(markers)))


def normalise_text(text: str) -> str:
    return normalise(text).text


def split_segments(text: str) -> list[str]:
    """Cut free text at connecting words and punctuation; the first segment is the title."""
    segments: list[str] = []
    for part in _SEGMENT_PUNCTUATION.split(text.lower()):
        current: list[str] = []
        for raw in part.split():
            if raw.strip(".:") in SEGMENT_WORDS:
                if current:
                    segments.append(" ".join(current))
                current = []
            else:
                current.append(raw)
        if current:
            segments.append(" ".join(current))
    return [s for s in segments if fold(s)] or [text]


def one_edit_apart(a: str, b: str) -> bool:
    """Whether two words differ by at most one letter added, dropped, changed or swapped with
    its neighbour (Damerau–Levenshtein distance ≤ 1): "tømmrer", "tomrer", "englesk"."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        first, second = diffs[0], diffs[-1]
        return (
            len(diffs) == 2
            and second == first + 1
            and (a[first], a[second]) == (b[second], b[first])
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(shorter) and shorter[i] == longer[i]:
        i += 1
    return shorter[i:] == longer[i + 1 :]


_STEM_SUFFIXES = ("ernes", "erne", "ene", "ens", "ne", "en", "er", "et", "es", "e", "s")


def stem(word: str) -> str:
    """A light Danish/English stem for word matching: "tømrerne", "tømrere" → "toemr"."""
    changed = True
    while changed:
        changed = False
        for suffix in _STEM_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                changed = True
                break
    # "kokk" (from "kokken") meets "kok".
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouy":
        word = word[:-1]
    return word
