"""The words people use for heel symptoms, mapped to findings.

The words themselves live in `heel/vocabulary.yml`, a data file a
clinician can read and sign off (docs/vocabulary.md). This module loads it
once, on first use, validates it, and expands it into `ENTRIES`: a list of
`(phrase, category, value)` that the reader (components/clinical_text.py)
turns into medspaCy target rules.

The token pattern language and the grids are `heel/phrases.py`; reading and
checking the file is `heel/vocabulary_file.py`.

Categories are finding (slot) names, `warning_sign` (value: a warning-sign
feature of heel/warning_signs.py), or the helper categories:
- `location`: where something is felt; attached to pain or numbness words by
  the reader, or given as a bare answer;
- `numbness`: numbness or tingling, whose area comes from a nearby location;
- `pain`: a generic pain word (helps attach locations to pain);
- `ignore`: a longer phrase that hides a shorter one ("this morning" is a
  time, not morning pain; "last night" is not night pain).

`WHOLE_MESSAGE` holds short answers that mean something only as a whole
message ("one", "the left one", "both"): the answer to "both feet or one?".
"""

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .phrases import VocabularyError, expand_grid, phrase_to_pattern, tokenize  # noqa: F401 (the module's API)
from .vocabulary_file import CATEGORIES, END, MEANS, REACH, Cue, Entry, Group, Vocabulary, parse  # noqa: F401 (the module's API)

VOCABULARY_FILE = Path(__file__).resolve().parent / "vocabulary.yml"

# Findings whose denial has a meaning of its own ("no numbness" -> "none").
NEGATED_VALUE: dict[str, str] = {
    "numbness": "none",
    "first_step_pain": "no",
    "night_symptoms": "no",
    "tinel_sign": "no",
    "worse_with_activity": "no",
    "both_feet": "no",
    "back_pain": "no",
    "diabetes": "no",
    "recent_injury": "no",
    "training_increase": "no",
    "flat_feet": "no",
    "severe_pain": "no",
}

# The `warning_sign` value of a message that denies warning signs and reports
# none ("no fever, my bladder is fine"; "no, nothing like that"): the answer
# "none of these" to the warning-sign screen. It is not a warning-sign feature.
NO_WARNING_SIGN = "none"
LEADING_DENIAL = re.compile(
    r"^\s*(?:no|nope|nah|none|nothing|neither|negative|not really|not at all)\b"
    r"(?!\s+(?:idea|clue|sure|i\s+don|one\s+told))",
    re.IGNORECASE,
)

# When one message names several pain characters, the nerve-type one tells most
# ("a sharp burning pain" is burning; "a deep ache that hurts when I squeeze it" is aching).
PAIN_CHARACTER_PRECEDENCE = ("electric", "burning", "sharp", "aching")

# Short answers that mean something only as the whole message (lower case,
# without punctuation): (regular expression, finding, value).
_ONE = (
    r"(?!right$)(?:(?:just|jus|only|onli)\s+)?(?:(?:the|d|da|my|one)\s+)?(?:one|left|right|single)"
    r"(?:\s+(?:one|foot|side|heel|leg))?(?:\s+only)?"
)
_BOTH = (
    r"(?:(?:yes|yeah|yep|yup|ya|yh)\s+)?(?:both(?:\s+(?:of\s+them|ones|sides|feet|heels|are|r|equally|yeah|yes))?|"
    r"(?:the\s+)?two(?:\s+(?:of\s+them|feet|heels))?|the pair of them|each foot|bilateral(?:ly)?)"
)
SHORT_ANSWER_WORDS = 8
WHOLE_MESSAGE: list[tuple["re.Pattern[str]", str, str]] = [
    (re.compile(rf"(?:(?:no|nope|nah|yes|yeah)\s+)?{_ONE}"), "both_feet", "no"),
    (re.compile(_BOTH), "both_feet", "yes"),
]


def whole_message(text: str) -> list[tuple[str, str]]:
    """Findings of a short answer that is meaningful only as the whole message, or as the
    first clause of a short one ("both, like I'm wearing socks"; "just the one, the left")."""
    found = []
    parts = [text] + (
        [re.split(r"[,.;:!?]|\s-\s", text, maxsplit=1)[0]] if len(text.split()) <= SHORT_ANSWER_WORDS else []
    )
    for part in parts:
        cleaned = " ".join(re.sub(r"[^\w\s]", " ", part.lower()).split())
        found = [(name, value) for pattern, name, value in WHOLE_MESSAGE if pattern.fullmatch(cleaned)]
        if found:
            break
    return found


@cache
def load(path: str | None = None) -> Vocabulary:
    """The vocabulary file, read, validated and expanded once."""
    path = Path(path or VOCABULARY_FILE)
    return parse(path.read_text(encoding="utf-8"), str(path.name))


def __getattr__(name: str):
    if name == "ENTRIES":  # every (phrase, category, value), loaded on first use
        return list(load().entries)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ContextRule = tuple[str, str, str | None, int | None, frozenset, "Cue"]


def context_rules(cues: Iterable[Cue]) -> list[ContextRule]:
    """(phrase, medspaCy category, direction, scope, categories that end it, cue) per ConText rule.

    medspaCy 1.3.1's TERMINATE direction ends every category's reach at once (and misses a cue
    with a `scope` altogether), so an `ends` cue is a one-word modifier of its own category,
    END_ + its name, named in the `terminated_by` of the meanings it ends. (Overlapping matches
    are pruned to one, so a word belongs to one `ends` cue only: `parse` checks it.)
    """
    cues = list(cues)
    out: list[ContextRule] = []
    for cue in cues:
        if cue.reach == "ends":
            out += [(p, END + cue.name, "BIDIRECTIONAL", 1, frozenset(), cue) for p in cue.phrases]
        else:
            ended_by = frozenset(END + c.name for c in cues if c.reach == "ends" and cue.means in c.ends)
            out += [(p, MEANS[cue.means], REACH[cue.reach], cue.scope, ended_by, cue) for p in cue.phrases]
    return out


def rules_of_signs(features: Iterable[str]) -> frozenset:
    """The rules R1..R9 these warning-sign features can switch on (the vocabulary's `rule:`)."""
    by_feature = {g.name: g.rules for g in load().groups if g.section == "warning_signs"}
    return frozenset(r for f in features for r in by_feature.get(f, ()))


def vocabulary(entries: Iterable[Entry] = None) -> set:
    """Every word the lexicon knows (for typo correction)."""
    words = set()
    for phrase, _, _ in load().entries if entries is None else entries:
        for token in phrase.split():
            words.update(w for w in token.strip("[]").split("|") if w.isalpha())
    return words


if __name__ == "__main__":  # python -m heel.lexicon [GROUP]: what each group expands to
    import sys

    vocab = load()
    for g in vocab.groups:
        if len(sys.argv) < 2 or g.name in sys.argv[1:]:
            print(
                f"# {g.section}.{g.name} = {g.value!r} ({', '.join(g.rules) or g.category}): {len(g.entries)} phrases"
            )
            print("\n".join(f"  {p}" for p, _, _ in g.entries))
    print(f"version {vocab.version}: {len(vocab.entries)} entries in {len(vocab.groups)} groups")
