"""Fuzzy label search: character n-gram TF-IDF with word matches and a preferred-label prior.

Plain Python, NumPy and SciPy; nothing from Django, nothing downloaded. An index holds labels
(preferred and alternative, any language) of concepts identified by a key; a query returns the
best concepts, each once, with the label that matched best.

Scoring, per label:
    cosine of character 3–5-gram TF-IDF vectors (binary term frequency, smoothed IDF) — robust
        to typos, inflections and compounds: grams are taken from the words padded with spaces
        and, for several words, from the words run together, so "lager medarbejder" meets
        "lagermedarbejder" and "buschauffør" shares most of its grams with "bus chauffør";
  + WORD_WEIGHT × cosine of TF-IDF vectors of lightly stemmed whole words — a whole word in
        common outranks a few shared grams;
  + PREFERRED_BONUS when the label is the concept's preferred label;
  + EXACT_BONUS when the normalised label equals the normalised query;
and per concept, its best label's score + PREFERRED_SIMILARITY_WEIGHT × the score of its
preferred label: when an alternative label is shared ("lagermedarbejder" is one for several
warehouse occupations), the concept whose own name is closest to the query comes first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .normalize import normalise_text, one_edit_apart, split_segments, stem
from .titles import national_parts, title_variants

NGRAM_SIZES = (3, 4, 5)
WORD_WEIGHT = 0.35
PREFERRED_BONUS = 0.04
EXACT_BONUS = 0.25
PREFERRED_SIMILARITY_WEIGHT = 0.2
# Shorter words are not respelled: one letter changes too much of them ("kok", "maler").
MIN_RESPELLED_LENGTH = 5
# When the best hit is a label written exactly or nearly (it scores at least STRONG_MATCH; an
# exact label scores about 1.9), hits under STRANGER_SHARE of its score share only letters
# with the query ("gæring af vin" for "montering af vinduer"): `without_strangers` drops them.
# Rows sorted per wanted hit before falling back to sorting all (see `_best_per_key`).
TOP_ROWS_PER_HIT = 40
STRONG_MATCH = 1.5
STRANGER_SHARE = 0.5
# What a query written exactly as a concept's preferred label scores (chars 1, words 1):
# `confidence` measures the best hit against it.
EXACT_SCORE = (1.0 + WORD_WEIGHT + PREFERRED_BONUS + EXACT_BONUS) * (
    1.0 + PREFERRED_SIMILARITY_WEIGHT
)


@dataclass(frozen=True)
class Entry:
    """One label of a concept."""

    key: str
    label: str
    preferred: bool = False


@dataclass(frozen=True)
class Hit:
    key: str
    label: str
    score: float


_ALPHABET = " 0123456789abcdefghijklmnopqrstuvwxyz"
_BASE = len(_ALPHABET) + 1  # 0 marks the gap between two texts
_SYMBOL = np.zeros(256, dtype=np.int64)
for _code, _char in enumerate(_ALPHABET, start=1):
    _SYMBOL[ord(_char)] = _code


def _unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and the inverse index (by sorting: NumPy's hash path is slower)."""
    order = np.argsort(values)
    ordered = values[order]
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    inverse = np.empty(len(values), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def _forms(text: str) -> list[str]:
    forms = [f" {text} "]
    if " " in text:
        forms.append(f" {text.replace(' ', '')} ")
    return forms


def char_ngram_pairs(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(row, gram code) pairs, each pair once, sorted by row then code.

    A gram of n symbols from the 37-letter normalised alphabet is the integer of its symbols in
    base 38, so grams of different lengths never collide and the work stays in NumPy (building
    the occupation index this way is several times faster than with Python sets).
    """
    forms: list[str] = []
    form_rows: list[int] = []
    for row, text in enumerate(texts):
        for form in _forms(text):
            forms.append(form)
            form_rows.append(row)
    if not forms:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    joined = "\0".join(forms) + "\0"
    symbols = _SYMBOL[np.frombuffer(joined.encode("ascii"), dtype=np.uint8)]
    lengths = np.fromiter((len(f) + 1 for f in forms), dtype=np.int64, count=len(forms))
    char_rows = np.repeat(np.asarray(form_rows, dtype=np.int64), lengths)
    rows: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for n in NGRAM_SIZES:
        width = len(symbols) - n + 1
        code = np.zeros(width, dtype=np.int64)
        valid = np.ones(width, dtype=bool)
        for k in range(n):
            window = symbols[k : k + width]
            code = code * _BASE + window
            valid &= window != 0
        rows.append(char_rows[:width][valid])
        codes.append(code[valid])
    top = _BASE ** max(NGRAM_SIZES)
    pairs = np.sort(np.concatenate(rows) * top + np.concatenate(codes))
    if len(pairs):
        keep = np.ones(len(pairs), dtype=bool)
        keep[1:] = pairs[1:] != pairs[:-1]
        pairs = pairs[keep]
    return pairs // top, pairs % top


def word_features(text: str) -> list[str]:
    return list(dict.fromkeys(stem(word) for word in text.split() if len(word) > 1))


class _Space:
    """One TF-IDF feature space: sorted feature codes, IDF and the L2-normalised matrix (CSC)."""

    def __init__(self, rows: np.ndarray, features: np.ndarray, n_rows: int) -> None:
        self.features, cols = _unique(features)
        df = np.bincount(cols, minlength=len(self.features)).astype(np.float64)
        self.idf = np.log((n_rows + 1) / (df + 1)) + 1.0
        self.max_idf = float(np.log(n_rows + 1) + 1.0)
        data = self.idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=data**2, minlength=n_rows))
        data = data / norms[rows]
        self.matrix = sparse.csc_matrix(
            (data, (rows, cols)), shape=(n_rows, max(len(self.features), 1)), dtype=np.float64
        )

    def scores(self, queries: Sequence[np.ndarray]) -> np.ndarray:
        """Cosine of each query (its feature codes) with every label, one column per query, in
        one product over the union of their features; unseen features count in a query's norm."""
        n_rows = self.matrix.shape[0]
        columns: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for features in queries:
            features = _unique(features)[0]
            if not len(self.features) or not len(features):
                columns.append(np.zeros(0, dtype=np.int64))
                weights.append(np.zeros(0))
                continue
            at = np.minimum(np.searchsorted(self.features, features), len(self.features) - 1)
            found = self.features[at] == features
            cols = at[found]
            idf = self.idf[cols]
            n_unknown = int((~found).sum())
            norm = np.sqrt(float(idf @ idf) + n_unknown * self.max_idf**2)
            columns.append(cols)
            weights.append(idf / norm if len(cols) else idf)
        union, inverse = _unique(np.concatenate([*columns, np.zeros(0, dtype=np.int64)]))
        if not len(union):
            return np.zeros((n_rows, len(queries)))
        query_matrix = np.zeros((len(union), len(queries)))
        start = 0
        for column, (cols, w) in enumerate(zip(columns, weights, strict=True)):
            query_matrix[inverse[start : start + len(cols)], column] = w
            start += len(cols)
        return np.asarray(self.matrix[:, union] @ query_matrix)


class _WordSpace(_Space):
    def __init__(self, texts: Sequence[str]) -> None:
        self.vocabulary: dict[str, int] = {}
        rows: list[int] = []
        ids: list[int] = []
        for row, text in enumerate(texts):
            for word in word_features(text):
                rows.append(row)
                ids.append(self.vocabulary.setdefault(word, len(self.vocabulary)))
        super().__init__(
            np.asarray(rows, dtype=np.int64), np.asarray(ids, dtype=np.int64), len(texts)
        )

    def query(self, texts: Sequence[str]) -> np.ndarray:
        queries: list[np.ndarray] = []
        for text in texts:
            ids = [self.vocabulary.get(w, -1) for w in word_features(text)]
            # Unknown words get distinct negative codes so they still count in the norm.
            codes = [i if i >= 0 else -1 - n for n, i in enumerate(ids)]
            queries.append(np.asarray(codes, dtype=np.int64))
        return self.scores(queries)


class SuggestIndex:
    """An immutable search index over concept labels."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        seen: dict[tuple[str, str], int] = {}
        keys: list[str] = []
        labels: list[str] = []
        texts: list[str] = []
        preferred: list[bool] = []
        for entry in entries:
            text = normalise_text(entry.label)
            if not text:
                continue
            row = seen.get((entry.key, text))
            if row is not None:
                # The same label twice (after normalisation): keep one, preferred if either is.
                if entry.preferred and not preferred[row]:
                    preferred[row] = True
                    labels[row] = entry.label
                continue
            seen[(entry.key, text)] = len(keys)
            keys.append(entry.key)
            labels.append(entry.label)
            texts.append(text)
            preferred.append(entry.preferred)
        self.keys = keys
        self.labels = labels
        self.texts = texts
        rows, grams = char_ngram_pairs(texts)
        self._chars = _Space(rows, grams, len(texts))
        self._words = _WordSpace(texts)
        self._preferred = np.asarray(preferred, dtype=bool)
        self._prior = self._preferred * PREFERRED_BONUS
        concept_ids: dict[str, int] = {}
        self._concept = np.fromiter(
            (concept_ids.setdefault(k, len(concept_ids)) for k in keys),
            dtype=np.int64,
            count=len(keys),
        )
        self._n_concepts = len(concept_ids)
        preferred_rows = np.flatnonzero(self._preferred)
        preferred_rows = preferred_rows[np.argsort(self._concept[preferred_rows], kind="stable")]
        concepts = self._concept[preferred_rows]
        first = np.ones(len(concepts), dtype=bool)
        first[1:] = concepts[1:] != concepts[:-1]
        self._preferred_rows = preferred_rows
        self._preferred_starts = np.flatnonzero(first)
        self._preferred_concepts = concepts[first]
        self._by_text: dict[str, list[int]] = {}
        for row, text in enumerate(texts):
            self._by_text.setdefault(text, []).append(row)

        self._spelling: _Spelling | None = None
        self.vocabulary = frozenset(word for text in texts for word in text.split())

    def __len__(self) -> int:
        return len(self.keys)

    def has_label(self, text: str) -> bool:
        """Whether the text, normalised, is exactly one of the labels."""
        return normalise_text(text) in self._by_text

    def respelled(self, text: str) -> str:
        """The normalised text with each word no label has replaced by the label word one edit
        away that most labels use ("tømmrer" → "toemrer"); words without one stay."""
        if self._spelling is None:
            self._spelling = _Spelling(self.texts)
        return " ".join(self._spelling.closest(word) for word in normalise_text(text).split())

    def concept_count(self) -> int:
        return len(set(self.keys))

    def label_scores(self, queries: Sequence[tuple[str, float]]) -> np.ndarray:
        """The score of every label for weighted normalised queries: per label, the best over the
        queries of weight × (char cosine + `WORD_WEIGHT` × word cosine, + `EXACT_BONUS` when the
        label is the query), + the preferred-label prior when it shares anything."""
        queries = [(text, weight) for text, weight in queries if text]
        if not queries:
            return np.zeros(len(self.keys))
        texts = [text for text, _ in queries]
        rows, grams = char_ngram_pairs(texts)
        starts = np.searchsorted(rows, np.arange(len(texts) + 1))
        each = self._chars.scores([grams[starts[i] : starts[i + 1]] for i in range(len(texts))])
        each += WORD_WEIGHT * self._words.query(texts)
        scores = each[:, 0] * queries[0][1]
        for column in range(1, len(queries)):
            np.maximum(scores, each[:, column] * queries[column][1], out=scores)
        scores += self._prior * (scores > 0)
        for column, (text, weight) in enumerate(queries):
            for row in self._by_text.get(text, ()):
                exact = weight * (each[row, column] + EXACT_BONUS) + self._prior[row]
                scores[row] = max(scores[row], exact)
        return scores

    def search(
        self, text: str, limit: int = 10, *, title_only: bool = False, language: str = "da"
    ) -> list[Hit]:
        """The best `limit` concepts for free text, each once with its best matching label.

        With `title_only`, only the title counts ("lagermedarbejder m. truckcert" →
        "lagermedarbejder"), searched in the forms of `titles.title_variants` (a national title
        "Souschef, køkken" also as "køkken souschef", Danish compounds split when `language` is
        "da"); otherwise every segment and the whole text are queried and each concept keeps its
        best score.
        """
        if title_only:
            title = text if national_parts(text) else split_segments(text)[0]
            queries = title_variants(title, self.vocabulary, self._by_text, language)
        else:
            whole = dict.fromkeys(normalise_text(q) for q in [text, *split_segments(text)])
            queries = [(query, 1.0) for query in whole]
        if limit <= 0:
            return []
        return self._best_per_key(self.label_scores(queries), limit)

    def _best_per_key(self, scores: np.ndarray, limit: int) -> list[Hit]:
        # Each concept's closeness: the best score of its preferred labels (grouped at build).
        closeness = np.zeros(self._n_concepts)
        if len(self._preferred_rows):
            closeness[self._preferred_concepts] = np.maximum.reduceat(
                scores[self._preferred_rows], self._preferred_starts
            )
        scores = scores + PREFERRED_SIMILARITY_WEIGHT * closeness[self._concept] * (scores > 0)
        positive = int(np.count_nonzero(scores > 0))
        if not positive:
            return []
        # Only the best rows are sorted: a concept has a few dozen labels at most, so
        # `TOP_ROWS_PER_HIT` rows per wanted hit hold the best concepts; if not, sort all.
        pool = min(positive, limit * TOP_ROWS_PER_HIT)
        while True:
            rows = np.argpartition(-scores, pool - 1)[:pool]
            rows = rows[scores[rows] > 0]
            # Best first; ties in index order, so results are deterministic.
            rows = rows[np.lexsort((rows, -scores[rows]))]
            hits = self._distinct(rows, scores, limit)
            if len(hits) == limit or pool >= positive:
                return hits
            pool = positive

    def _distinct(self, rows: np.ndarray, scores: np.ndarray, limit: int) -> list[Hit]:
        hits: list[Hit] = []
        taken: set[str] = set()
        for row in rows.tolist():
            key = self.keys[row]
            if key in taken:
                continue
            taken.add(key)
            hits.append(Hit(key, self.labels[row], round(float(scores[row]), 4)))
            if len(hits) == limit:
                break
        return hits


def without_strangers(hits: list[Hit]) -> list[Hit]:
    """The hits (best first) without the weak ones beside a strong one (`STRONG_MATCH`)."""
    if not hits or hits[0].score < STRONG_MATCH:
        return hits
    floor = hits[0].score * STRANGER_SHARE
    return [h for h in hits if h.score >= floor]


def confidence(hits: Sequence[Hit]) -> float:
    """How sure the best hit is, 0..1: half how close it comes to an exact label
    (`EXACT_SCORE`), half its lead over the second hit relative to its own score."""
    if not hits or hits[0].score <= 0:
        return 0.0
    best = hits[0].score
    second = hits[1].score if len(hits) > 1 else 0.0
    strength = min(best / EXACT_SCORE, 1.0)
    margin = max(best - second, 0.0) / best
    return round(0.5 * strength + 0.5 * margin, 4)


class _Spelling:
    """The label words, and each word with one letter dropped pointing to the words it came from:
    two words one edit apart share such a form (or one is the other's)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.frequency = Counter(word for text in texts for word in set(text.split()))
        self.dropped: dict[str, list[str]] = {}
        for word in self.frequency:
            if len(word) >= MIN_RESPELLED_LENGTH - 1:
                for form in _one_dropped(word):
                    self.dropped.setdefault(form, []).append(word)

    def closest(self, word: str) -> str:
        if len(word) < MIN_RESPELLED_LENGTH or word in self.frequency:
            return word
        near = set(self.dropped.get(word, ()))
        for form in _one_dropped(word):
            if form in self.frequency:
                near.add(form)
            near.update(self.dropped.get(form, ()))
        near = {w for w in near if one_edit_apart(w, word)}
        if not near:
            return word
        return min(near, key=lambda w: (-self.frequency[w], w))


def _one_dropped(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def concept_entries(
    key: str, preferred: Iterable[str], alternatives: Iterable[str] | str = ()
) -> list[Entry]:
    """Entries of one concept; alternatives may be a list or `|`-joined text as stored."""
    if isinstance(alternatives, str):
        alternatives = alternatives.split("|")
    entries = [Entry(key, label.strip(), True) for label in preferred if label.strip()]
    entries += [Entry(key, label.strip()) for label in alternatives if label.strip()]
    return entries
