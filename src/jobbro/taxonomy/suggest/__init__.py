"""Suggestions from free text: occupations for a title, skills and certificates for a phrase.

`normalize` and `engine` are plain Python + NumPy/SciPy and import nothing from Django;
`index` adapts them to the database (built per process, rebuilt when the taxonomy changes).
"""

from .engine import Entry, Hit, SuggestIndex, concept_entries
from .normalize import normalise, normalise_text

__all__ = ["Entry", "Hit", "SuggestIndex", "concept_entries", "normalise", "normalise_text"]
