"""The words people use for heel symptoms, mapped to findings.

The words themselves live in `heel/vocabulary.yml`, a data file a
clinician can read and sign off (docs/vocabulary.md). This module loads it
once, on first use, validates it, and expands it into `ENTRIES`: a list of
`(phrase, category, value)` that the reader (components/clinical_text.py)
turns into medspaCy target rules.

A phrase is a tiny token pattern: tokens separated by spaces, `a|b` for
alternatives *of one token*, `[x]` for an optional token, `*` for any one
optional token. `phrase_to_pattern` compiles it to a spaCy Matcher pattern on
the lower-cased text. Alternatives never span several tokens: "wrong
shape|odd angle" means "wrong" then "shape|odd" then "angle"; write two
phrases instead. Phrases are written by hand only for what fits no grid.

A grid is a list of word-list names, e.g. `[body, change, colour]`: every
word of the first list, followed by every word of the second, and so on
(`[name]` makes a list optional, `a+b` joins two lists). Word-list items are plain words or short
phrases ("can't", "between my legs"); the loader tokenises them as spaCy does
("can't" -> "ca n't", also matching the texted "cant"), merges the one-token
items of a list into one `a|b|c` token and writes one phrase per multi-token
item, so a grid cell of several words is expanded correctly.

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
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

VOCABULARY_FILE = Path(__file__).resolve().parent / "vocabulary.yml"

Entry = Tuple[str, str, object]

# Finding names the vocabulary may map words to, with their allowed values
# (None: any value). `warning_sign` values are checked against FEATURES.
CATEGORIES: Dict[str, Optional[frozenset]] = {
    "location": frozenset({"inner_heel", "under_heel", "back_of_heel", "sole_toes", "outer_edge", "whole_foot"}),
    "numbness": frozenset({None}), "pain": frozenset({None}), "ignore": frozenset({None}),
    "pain_character": frozenset({"burning", "electric", "sharp", "aching"}),
    "footwear": frozenset({"poor", "good"}),
    "warning_sign": None,
    **{name: frozenset({"yes", "no"}) for name in (
        "first_step_pain", "night_symptoms", "tinel_sign", "worse_with_activity", "both_feet", "back_pain",
        "diabetes", "recent_injury", "training_increase", "flat_feet", "severe_pain", "little_toe_weakness")},
}

# Findings whose denial has a meaning of its own ("no numbness" -> "none").
NEGATED_VALUE: Dict[str, str] = {
    "numbness": "none",
    "first_step_pain": "no", "night_symptoms": "no", "tinel_sign": "no",
    "worse_with_activity": "no", "both_feet": "no", "back_pain": "no", "diabetes": "no",
    "recent_injury": "no", "training_increase": "no", "flat_feet": "no", "severe_pain": "no",
}

# The `warning_sign` value of a message that denies warning signs and reports
# none ("no fever, my bladder is fine"; "no, nothing like that"): the answer
# "none of these" to the warning-sign screen. It is not a warning-sign feature.
NO_WARNING_SIGN = "none"
LEADING_DENIAL = re.compile(
    r"^\s*(?:no|nope|nah|none|nothing|neither|negative|not really|not at all)\b"
    r"(?!\s+(?:idea|clue|sure|i\s+don|one\s+told))", re.IGNORECASE)

# When one message names several pain characters, the nerve-type one tells most
# ("a sharp burning pain" is burning; "a deep ache that hurts when I squeeze it" is aching).
PAIN_CHARACTER_PRECEDENCE = ("electric", "burning", "sharp", "aching")

# Short answers that mean something only as the whole message (lower case,
# without punctuation): (regular expression, finding, value).
_ONE = (r"(?!right$)(?:(?:just|only)\s+)?(?:(?:the|my|one)\s+)?(?:one|left|right|single)"
        r"(?:\s+(?:one|foot|side|heel|leg))?(?:\s+only)?")
_BOTH = r"(?:(?:yes|yeah|yep|yup|ya|yh)\s+)?(?:both|both of them|both ones|both sides|the two of them|the pair of them|each foot)"
WHOLE_MESSAGE: List[Tuple["re.Pattern[str]", str, str]] = [
    (re.compile(rf"(?:(?:no|nope|nah|yes|yeah)\s+)?{_ONE}"), "both_feet", "no"),
    (re.compile(_BOTH), "both_feet", "yes"),
]


def whole_message(text: str) -> List[Tuple[str, str]]:
    """Findings of a short answer that is meaningful only as the whole message."""
    cleaned = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    return [(name, value) for pattern, name, value in WHOLE_MESSAGE if pattern.fullmatch(cleaned)]


def phrase_to_pattern(phrase: str) -> List[dict]:
    """Compile the mini-language to a spaCy Matcher pattern on LOWER."""
    pattern = []
    for token in phrase.split():
        optional = token.startswith("[") and token.endswith("]")
        token = token.strip("[]")
        spec: dict = {} if token == "*" else {"LOWER": {"IN": token.split("|")}}
        if optional or token == "*":
            spec["OP"] = "?"
        pattern.append(spec)
    return pattern


# -- the vocabulary file ------------------------------------------------------
class VocabularyError(ValueError):
    """The vocabulary file is malformed; the message names the entry."""


@dataclass(frozen=True)
class Group:
    """One group of the file: a warning sign or a finding (one value of it)."""
    section: str  # warning_signs | findings
    name: str
    category: str
    value: object
    rules: Tuple[str, ...]
    says: str
    grids: Tuple[tuple, ...]
    phrases: Tuple[str, ...]
    entries: Tuple[Entry, ...]


@dataclass(frozen=True)
class Cue:
    """One group of the `context` section: words around a mention that change what it means."""
    name: str
    means: str  # a key of MEANS
    reach: str  # a key of REACH
    scope: Optional[int]  # tokens; None = to the end of the sentence or the next `ends` cue
    says: str
    signs: Tuple[str, ...]  # ordinary causes: the warning-sign features they explain; () = all
    ends: Tuple[str, ...]  # `reach: ends`: the meanings whose reach it stops
    grids: Tuple[tuple, ...]
    phrases: Tuple[str, ...]  # expanded from its grids and phrases


# What a context cue does to the mentions it reaches, as medspaCy ConText categories.
MEANS = {
    "denied": "NEGATED_EXISTENCE",  # "no fever", "my bladder is fine"
    "past": "HISTORICAL",  # "years ago", "it went away": not now
    "someone_else": "FAMILY",  # "my mum is diabetic"
    "asked_or_feared": "HYPOTHETICAL",  # "what if it goes red", "scared of getting an ulcer"
    "ordinary_cause": "ORDINARY_CAUSE",  # "numb bum from cycling": explained, for the signs it names
}
END = "END_"  # the category of an `ends` cue: END_ + the category it ends
REACH = {"forward": "FORWARD", "backward": "BACKWARD", "both": "BIDIRECTIONAL", "ends": None,
         "not_a_cue": "PSEUDO"}


@dataclass(frozen=True)
class Vocabulary:
    version: str
    words: Dict[str, Tuple[str, ...]]
    groups: Tuple[Group, ...]
    entries: Tuple[Entry, ...]
    cues: Tuple[Cue, ...] = ()


_CLITICS = ("n't", "'s", "'ve", "'m", "'re", "'ll", "'d")
# Spellings of one word: "can't" is also "cant" and "can not" (spaCy splits "cant" into ca + nt,
# "cannot" into can + not), "I've" is also "ive", "I'm" also "im".
_TEXTED = {"n't": "n't|nt|not", "not": "not|n't|nt", "'ve": "'ve|ve", "'m": "'m|m"}
_PUNCT = ".,!?;:()\"&+/"


def tokenize(item: str) -> List[str]:
    """Tokens of a word-list item, as the reader's spaCy tokenizer splits them
    ("can't" -> ca n't, "cannot" -> can not, "foot's" -> foot 's)."""
    tokens = []
    for word in re.sub(r"(?<=[a-z])-(?=[a-z])", " ", item.lower().replace("\u2019", "'")).split():
        tail = []
        while len(word) > 1 and word[-1] in _PUNCT:
            tail.insert(0, word[-1])
            word = word[:-1]
        if word == "cannot":
            tokens += ["can", "not"]
        else:
            clitic = next((c for c in _CLITICS if word.endswith(c) and len(word) > len(c)), None)
            tokens += [word[:-len(clitic)], clitic] if clitic else [word]
        tokens += tail
    return tokens


Token = Tuple[Tuple[str, ...], bool]  # a pattern token: its alternatives, and whether it is optional


def _tokens(phrase: str) -> List[Token]:
    out = []
    for token in phrase.split():
        optional = token == "*" or (token.startswith("[") and token.endswith("]"))
        out.append((tuple(token.strip("[]").split("|")), optional))
    return out


def _phrase(tokens: Iterable[Token]) -> str:
    return " ".join(f"[{'|'.join(a)}]" if o and a != ("*",) else "|".join(a) for a, o in tokens)


def _merge(patterns: Iterable[Iterable[Token]]) -> List[Tuple[Token, ...]]:
    """The same phrases in as few patterns as possible, exactly: two patterns of
    the same length that differ in one position only become one, with the
    alternatives of both there (optional if either was)."""
    patterns = list(dict.fromkeys(tuple(p) for p in patterns))
    changed = True
    while changed:
        changed = False
        for i in range(max((len(p) for p in patterns), default=0)):
            merged: Dict[tuple, Tuple[Token, ...]] = {}
            for n, p in enumerate(patterns):
                if i >= len(p) or p[i][0] == ("*",):
                    merged[("as is", n)] = p
                    continue
                key = (len(p), tuple((frozenset(a), o) if j != i else None for j, (a, o) in enumerate(p)))
                if key in merged:
                    q = merged[key]
                    alternatives = q[i][0] + tuple(a for a in p[i][0] if a not in q[i][0])
                    merged[key] = q[:i] + ((alternatives, q[i][1] or p[i][1]),) + q[i + 1:]
                    changed = True
                else:
                    merged[key] = p
            patterns = list(merged.values())
    return patterns


def _slot(items: Tuple[str, ...], optional: bool) -> List[List[Token]]:
    """The variants (token lists) a grid slot can take."""
    variants = []
    for pattern in _merge([[((t,), False) for t in tokenize(item)] for item in items]):
        variants.append([(tuple(dict.fromkeys(x for a in alts for x in _TEXTED.get(a, a).split("|"))), False)
                         for alts, _ in pattern])
    if optional:
        singles = [v for v in variants if len(v) == 1]
        if singles:
            singles[0][0] = (singles[0][0][0], True)
        else:
            variants.append([])
    return variants


def _names(slot) -> Tuple[List[str], bool]:
    """A grid slot's word-list names and whether it is optional: `a`, `a+b`, `[a]`."""
    optional = isinstance(slot, list)
    if optional and len(slot) != 1:
        raise VocabularyError(f"an optional slot is one name in brackets, got {slot!r}")
    name = str(slot[0] if optional else slot)
    return [n.strip() for n in name.split("+")], optional


def expand_grid(grid: Iterable, words: Dict[str, Tuple[str, ...]]) -> List[str]:
    """The phrases of a grid: one per combination of its slots' variants, merged."""
    slots = []
    for slot in grid:
        names, optional = _names(slot)
        slots.append(_slot(tuple(dict.fromkeys(w for n in names for w in words[n])), optional))
    combinations = [[t for variant in combination for t in variant] for combination in itertools.product(*slots)]
    return [_phrase(p) for p in _merge(c for c in combinations if c and not all(o for _, o in c))]


def _check_phrase(phrase: str, where: str) -> None:
    tokens = phrase.split()
    if not tokens or all(t.startswith("[") or t == "*" for t in tokens):
        raise VocabularyError(f"{where}: phrase {phrase!r} has no required word")
    for token in tokens:
        bare = token[1:-1] if token.startswith("[") and token.endswith("]") else token
        if not bare or "[" in bare or "]" in bare or "" in bare.split("|"):
            raise VocabularyError(f"{where}: phrase {phrase!r}: malformed token {token!r}")
        for word in bare.split("|"):
            if ("'" in word and not word.startswith("'") and word != "n't") or word.lower() != word:
                raise VocabularyError(f"{where}: phrase {phrase!r}: {word!r} never matches a spaCy token "
                                      f"(lower case; split clitics: ca n't, foot 's)")


def _yaml_loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """YAML without yes/no/on/off booleans: "on", "no" and "yes" are words here."""

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
        twice = sorted({str(k) for k in keys if keys.count(k) > 1})
        if twice:
            raise VocabularyError(f"line {node.start_mark.line + 1}: defined twice: {', '.join(twice)}")
        return loader.construct_mapping(node, deep)

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def parse(text: str, source: str = "vocabulary") -> Vocabulary:
    """Validate and expand the vocabulary file's text."""
    import yaml

    from heel.warning_signs import FEATURES, RULES

    try:
        data = yaml.load(text, Loader=_yaml_loader())
    except yaml.YAMLError as e:
        raise VocabularyError(f"{source}: not valid YAML: {e}") from e
    except VocabularyError as e:
        raise VocabularyError(f"{source}: {e}") from e

    def fail(message: str):
        raise VocabularyError(f"{source}: {message}")

    if not isinstance(data, dict):
        fail("must be a mapping with version, words, warning_signs and findings")
    unknown = set(data) - {"version", "words", "warning_signs", "findings", "context"}
    if unknown or "version" not in data:
        fail(f"unknown top-level keys {sorted(unknown)}" if unknown else "no version")
    words: Dict[str, Tuple[str, ...]] = {}
    for name, items in (data.get("words") or {}).items():
        if not isinstance(items, list) or not items:
            fail(f"word list {name!r} must be a non-empty list")
        for item in items:
            if not isinstance(item, (str, int, float)) or not str(item).strip() or set(str(item)) & set("[]|*"):
                fail(f"word list {name!r}: bad item {item!r} (plain words only)")
        words[str(name)] = tuple(dict.fromkeys(str(i).strip() for i in items))
    rule_names = {r.rule for r in RULES}
    groups: List[Group] = []

    def expand(where: str, spec: dict) -> Tuple[Tuple[tuple, ...], Tuple[str, ...], List[str]]:
        """A group's grids (checked), its own phrases (checked) and every phrase they expand to."""
        grids, entries = [], []
        for grid in spec.get("grids") or []:
            if not isinstance(grid, list) or not grid:
                fail(f"{where}: a grid must be a list of word-list names, got {grid!r}")
            shown = ", ".join(f"[{s[0]}]" if isinstance(s, list) and s else str(s) for s in grid)
            slots = []
            for slot in grid:
                try:
                    names, optional = _names(slot)
                except VocabularyError as e:
                    fail(f"{where}: grid [{shown}]: {e}")
                for list_name in names:
                    if list_name not in words:
                        fail(f"{where}: grid [{shown}]: unknown word list {list_name!r}")
                slots.append(optional)
            if all(slots):
                fail(f"{where}: grid [{shown}]: every list is optional")
            grids.append(tuple(s if isinstance(s, str) else list(s) for s in grid))
            entries += expand_grid(grid, words)
        phrases = tuple(str(p) for p in spec.get("phrases") or [])
        for phrase in phrases:
            try:
                _check_phrase(phrase, where)
            except VocabularyError as e:
                fail(str(e))
        if not entries and not phrases:
            fail(f"{where}: no grids and no phrases")
        return tuple(grids), phrases, entries + list(phrases)

    def group(section: str, name: str, spec: dict, category: str, value: object, rules=(), says=None) -> None:
        where = f"{section}.{name}" + (f" (value {value!r})" if section == "findings" else "")
        if not isinstance(spec, dict):
            fail(f"{where}: must be a mapping")
        allowed = {"says", "grids", "phrases", "note", "rule", "rules", "category", "value", "values"}
        if set(spec) - allowed:
            fail(f"{where}: unknown keys {sorted(set(spec) - allowed)}")
        if category not in CATEGORIES:
            fail(f"{where}: unknown category {category!r}")
        known = CATEGORIES[category]
        if category == "warning_sign" and value not in FEATURES:
            fail(f"{where}: unknown warning-sign feature {value!r} (see heel/warning_signs.py)")
        if known is not None and value not in known:
            fail(f"{where}: unknown value {value!r} for {category} (one of {sorted(map(str, known))})")
        says = spec.get("says", says)
        if not says:
            fail(f"{where}: needs `says:`, a plain-English description")
        grids, phrases, entries = expand(where, spec)
        # Fewer, wider patterns match the same words faster.
        entries = [(_phrase(p), category, value) for p in _merge(_tokens(e) for e in entries)]
        groups.append(Group(section, name, category, value, tuple(rules), str(says), grids, phrases,
                            tuple(entries)))

    def cue(name: str, spec: dict) -> Cue:
        where = f"context.{name}"
        if not isinstance(spec, dict):
            fail(f"{where}: must be a mapping")
        allowed = {"says", "means", "reach", "scope", "signs", "ends", "grids", "phrases", "note"}
        if set(spec) - allowed:
            fail(f"{where}: unknown keys {sorted(set(spec) - allowed)}")
        reach = spec.get("reach")
        if reach not in REACH:
            fail(f"{where}: `reach:` must be one of {sorted(REACH)}, got {reach!r}")
        means = spec.get("means")
        ends = tuple(spec.get("ends") or ())
        if reach == "ends":
            if means is not None or not ends or set(ends) - set(MEANS):
                fail(f"{where}: an `ends` cue names the meanings it ends (`ends:` among {sorted(MEANS)})")
        elif means not in MEANS or ends:
            fail(f"{where}: `means:` must be one of {sorted(MEANS)}, got {means!r}")
        scope = spec.get("scope")
        if scope is not None and (not isinstance(scope, int) or scope < 1):
            fail(f"{where}: `scope:` is a number of words (1 or more), got {scope!r}")
        signs = tuple(spec.get("signs") or ())
        if set(signs) - set(FEATURES) or (signs and means != "ordinary_cause"):
            fail(f"{where}: `signs:` names warning-sign features, and only for an ordinary cause")
        if means == "ordinary_cause" and not signs:
            fail(f"{where}: an ordinary cause names the warning signs it explains (`signs:`)")
        if not spec.get("says"):
            fail(f"{where}: needs `says:`, a plain-English description")
        grids, _, phrases = expand(where, spec)
        return Cue(name, means or "", reach, scope, str(spec["says"]), signs, ends, grids,
                   tuple(dict.fromkeys(phrases)))


    for feature, spec in (data.get("warning_signs") or {}).items():
        if not isinstance(spec, dict):
            fail(f"warning_signs.{feature}: must be a mapping")
        if feature not in FEATURES:
            fail(f"warning_signs.{feature}: unknown warning-sign feature (see heel/warning_signs.py)")
        rules = spec.get("rules", [spec.get("rule")] if "rule" in spec else [])
        rules = [rules] if isinstance(rules, str) else list(rules)
        if not rules or set(rules) - rule_names:
            fail(f"warning_signs.{feature}: `rule:` must name rules among {sorted(rule_names)}, got {rules}")
        group("warning_signs", feature, spec, spec.get("category", "warning_sign"), spec.get("value", feature),
              rules)
    for finding, spec in (data.get("findings") or {}).items():
        if not isinstance(spec, dict):
            fail(f"findings.{finding}: must be a mapping")
        category = spec.get("category", finding)
        if "values" in spec:
            if not isinstance(spec["values"], dict):
                fail(f"findings.{finding}: `values:` maps each value to its grids and phrases")
            for value, sub in spec["values"].items():
                group("findings", finding, sub, category, value, says=spec.get("says"))
        else:
            group("findings", finding, {k: v for k, v in spec.items() if k != "category"}, category,
                  spec.get("value"))
    entries = tuple(e for g in groups for e in g.entries)
    cues = tuple(cue(str(name), spec) for name, spec in (data.get("context") or {}).items())
    ending_words: Dict[str, str] = {}
    for c in cues:
        for phrase in (c.phrases if c.reach == "ends" else ()):
            for word in phrase.split()[0].strip("[]").split("|"):
                if ending_words.setdefault(word, c.name) != c.name:
                    fail(f"context.{c.name}: {word!r} also ends context.{ending_words[word]}'s meanings: "
                         f"a word belongs to one `ends` cue (list every meaning it ends there)")
    return Vocabulary(str(data["version"]), words, tuple(groups), entries, cues)


@lru_cache(maxsize=None)
def load(path: Optional[str] = None) -> Vocabulary:
    """The vocabulary file, read, validated and expanded once."""
    path = Path(path or VOCABULARY_FILE)
    return parse(path.read_text(encoding="utf-8"), str(path.name))


def __getattr__(name: str):
    if name == "ENTRIES":  # every (phrase, category, value), loaded on first use
        return list(load().entries)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ContextRule = Tuple[str, str, Optional[str], Optional[int], frozenset, "Cue"]


def context_rules(cues: Iterable[Cue]) -> List[ContextRule]:
    """(phrase, medspaCy category, direction, scope, categories that end it, cue) per ConText rule.

    medspaCy 1.3.1's TERMINATE direction ends every category's reach at once (and misses a cue
    with a `scope` altogether), so an `ends` cue is a one-word modifier of its own category,
    END_ + its name, named in the `terminated_by` of the meanings it ends. (Overlapping matches
    are pruned to one, so a word belongs to one `ends` cue only: `parse` checks it.)
    """
    cues = list(cues)
    out: List[ContextRule] = []
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
    for phrase, _, _ in (load().entries if entries is None else entries):
        for token in phrase.split():
            words.update(w for w in token.strip("[]").split("|") if w.isalpha())
    return words


if __name__ == "__main__":  # python -m heel.lexicon [GROUP]: what each group expands to
    import sys

    vocab = load()
    for g in vocab.groups:
        if len(sys.argv) < 2 or g.name in sys.argv[1:]:
            print(f"# {g.section}.{g.name} = {g.value!r} ({', '.join(g.rules) or g.category}): "
                  f"{len(g.entries)} phrases")
            print("\n".join(f"  {p}" for p, _, _ in g.entries))
    print(f"version {vocab.version}: {len(vocab.entries)} entries in {len(vocab.groups)} groups")
