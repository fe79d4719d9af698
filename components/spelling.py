"""Misspelt words, corrected against the vocabulary's words (rapidfuzz, Levenshtein distance).

"burnin" -> "burning", "tinglng" -> "tingling"; an English word ("known words", written by
scripts/build_spacy_pipeline.py from spaCy's lookup tables) is never "corrected".
"""

from typing import Dict, Iterable, Optional


class Speller:
    """Build once; `correct` is safe to call from several threads (a cache, filled idempotently)."""

    def __init__(self, known_words: Iterable[str], vocabulary: Iterable[str]) -> None:
        self._known_words = frozenset(known_words)
        self._vocabulary = sorted(vocabulary)
        self._vocabulary_set = frozenset(self._vocabulary)
        self._typo_cache: Dict[str, Optional[str]] = {}

    def correct(self, word: str) -> str:
        """Fix a misspelt word if it is close to a lexicon word and not an English word."""
        lower = word.lower()
        if len(lower) >= 5 and lower.endswith("in") and lower + "g" in self._vocabulary_set:
            return word + "g"  # "burnin", "tinglin", "achin": a dropped g, even if slang dictionaries know it
        if len(lower) < 5 or not lower.isalpha() or lower in self._known_words:
            return word
        if lower not in self._typo_cache:
            from rapidfuzz import process
            from rapidfuzz.distance import Levenshtein

            limit = 1 if len(lower) < 8 else 2
            best = process.extractOne(lower, self._vocabulary, scorer=Levenshtein.distance, score_cutoff=limit)
            self._typo_cache[lower] = best[0] if best else None
        return self._typo_cache[lower] or word
