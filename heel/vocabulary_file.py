"""The vocabulary file (heel/vocabulary.yml) read, checked and expanded.

`parse` refuses a file it cannot read safely and names the entry: an unknown
word list in a grid, an unknown warning-sign feature or rule, an unknown
finding or value, a group without `says:`, a list defined twice, a phrase that
can never match, a malformed context cue.
"""
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from .phrases import VocabularyError, _merge, _names, _phrase, _tokens, check_phrase, expand_grid

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
                check_phrase(phrase, where)
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
