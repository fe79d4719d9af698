"""The vocabulary file (heel/vocabulary.yml) read, checked and expanded.

`parse` refuses a file it cannot read safely and names the entry: an unknown
word list in a grid, an unknown warning-sign feature or rule, an unknown
finding or value, a group without `says:`, a list defined twice, a phrase that
can never match, a malformed context cue.
"""

from dataclasses import dataclass

from .phrases import VocabularyError, _merge, _names, _phrase, _tokens, check_phrase, expand_grid

Entry = tuple[str, str, object]

# Finding names the vocabulary may map words to, with their allowed values
# (None: any value). `warning_sign` values are checked against FEATURES.
CATEGORIES: dict[str, frozenset | None] = {
    "location": frozenset({"inner_heel", "under_heel", "back_of_heel", "sole_toes", "outer_edge", "whole_foot"}),
    "numbness": frozenset({None}),
    "pain": frozenset({None}),
    "ignore": frozenset({None}),
    "pain_character": frozenset({"burning", "electric", "sharp", "aching"}),
    "footwear": frozenset({"poor", "good"}),
    "warning_sign": None,
    **{
        name: frozenset({"yes", "no"})
        for name in (
            "first_step_pain",
            "night_symptoms",
            "tinel_sign",
            "worse_with_activity",
            "both_feet",
            "back_pain",
            "diabetes",
            "recent_injury",
            "training_increase",
            "flat_feet",
            "severe_pain",
            "little_toe_weakness",
        )
    },
}


@dataclass(frozen=True)
class Group:
    """One group of the file: a warning sign or a finding (one value of it)."""

    section: str  # warning_signs | findings
    name: str
    category: str
    value: object
    rules: tuple[str, ...]
    says: str
    grids: tuple[tuple, ...]
    phrases: tuple[str, ...]
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Cue:
    """One group of the `context` section: words around a mention that change what it means."""

    name: str
    means: str  # a key of MEANS
    reach: str  # a key of REACH
    scope: int | None  # tokens; None = to the end of the sentence or the next `ends` cue
    says: str
    signs: tuple[str, ...]  # ordinary causes: the warning-sign features they explain; () = all
    ends: tuple[str, ...]  # `reach: ends`: the meanings whose reach it stops
    grids: tuple[tuple, ...]
    phrases: tuple[str, ...]  # expanded from its grids and phrases


# What a context cue does to the mentions it reaches, as medspaCy ConText categories.
MEANS = {
    "denied": "NEGATED_EXISTENCE",  # "no fever", "my bladder is fine"
    "past": "HISTORICAL",  # "years ago", "it went away": not now
    "someone_else": "FAMILY",  # "my mum is diabetic"
    "asked_or_feared": "HYPOTHETICAL",  # "what if it goes red", "scared of getting an ulcer"
    "ordinary_cause": "ORDINARY_CAUSE",  # "numb bum from cycling": explained, for the signs it names
}
END = "END_"  # the category of an `ends` cue: END_ + the category it ends
# `previous`: backward to the start of its sentence and, when its sentence names nothing of its
# own, over the sentence before ("My feet go pale after a swim. That's normal for me.").
REACH = {"forward": "FORWARD", "backward": "BACKWARD", "both": "BIDIRECTIONAL", "previous": "BACKWARD"}
REACH |= {"message": "BIDIRECTIONAL", "ends": None, "not_a_cue": "PSEUDO"}  # message: see docs/vocabulary.md


@dataclass(frozen=True)
class Vocabulary:
    version: str
    words: dict[str, tuple[str, ...]]
    groups: tuple[Group, ...]
    entries: tuple[Entry, ...]
    cues: tuple[Cue, ...] = ()


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

    try:
        data = yaml.load(text, Loader=_yaml_loader())
    except yaml.YAMLError as e:
        raise VocabularyError(f"{source}: not valid YAML: {e}") from e
    except VocabularyError as e:
        raise VocabularyError(f"{source}: {e}") from e
    return _FileReader(source).read(data)


class _FileReader:
    """Reads one parsed file; every error names the file and the entry."""

    def __init__(self, source: str) -> None:
        from heel.warning_signs import FEATURES, RULES

        self.source, self.features, self.rule_names = source, FEATURES, {r.rule for r in RULES}
        self.words: dict[str, tuple[str, ...]] = {}
        self.groups: list[Group] = []

    def fail(self, message: str):
        raise VocabularyError(f"{self.source}: {message}")

    def read(self, data: object) -> Vocabulary:
        if not isinstance(data, dict):
            self.fail("must be a mapping with version, words, warning_signs and findings")
        unknown = set(data) - {"version", "words", "warning_signs", "findings", "context"}
        if unknown or "version" not in data:
            self.fail(f"unknown top-level keys {sorted(unknown)}" if unknown else "no version")
        self.read_words(data.get("words") or {})
        self.read_warning_signs(data.get("warning_signs") or {})
        self.read_findings(data.get("findings") or {})
        cues = tuple(self.cue(str(name), spec) for name, spec in (data.get("context") or {}).items())
        self.check_ends(cues)
        entries = tuple(e for g in self.groups for e in g.entries)
        return Vocabulary(str(data["version"]), self.words, tuple(self.groups), entries, cues)

    def read_words(self, lists: dict) -> None:
        for name, items in lists.items():
            if not isinstance(items, list) or not items:
                self.fail(f"word list {name!r} must be a non-empty list")
            for item in items:
                if not isinstance(item, (str, int, float)) or not str(item).strip() or set(str(item)) & set("[]|*"):
                    self.fail(f"word list {name!r}: bad item {item!r} (plain words only)")
            self.words[str(name)] = tuple(dict.fromkeys(str(i).strip() for i in items))

    def read_warning_signs(self, section: dict) -> None:
        for feature, spec in section.items():
            if not isinstance(spec, dict):
                self.fail(f"warning_signs.{feature}: must be a mapping")
            if feature not in self.features:
                self.fail(f"warning_signs.{feature}: unknown warning-sign feature (see heel/warning_signs.py)")
            rules = spec.get("rules", [spec.get("rule")] if "rule" in spec else [])
            rules = [rules] if isinstance(rules, str) else list(rules)
            if not rules or set(rules) - self.rule_names:
                self.fail(
                    f"warning_signs.{feature}: `rule:` must name rules among {sorted(self.rule_names)}, got {rules}"
                )
            self.group(
                "warning_signs", feature, spec, spec.get("category", "warning_sign"), spec.get("value", feature), rules
            )

    def read_findings(self, section: dict) -> None:
        for finding, spec in section.items():
            if not isinstance(spec, dict):
                self.fail(f"findings.{finding}: must be a mapping")
            category = spec.get("category", finding)
            if "values" not in spec:
                self.group(
                    "findings", finding, {k: v for k, v in spec.items() if k != "category"}, category, spec.get("value")
                )
                continue
            if not isinstance(spec["values"], dict):
                self.fail(f"findings.{finding}: `values:` maps each value to its grids and phrases")
            for value, sub in spec["values"].items():
                self.group("findings", finding, sub, category, value, says=spec.get("says"))

    def grid(self, where: str, grid: object) -> list[str]:
        """The phrases of one grid, checked."""
        if not isinstance(grid, list) or not grid:
            self.fail(f"{where}: a grid must be a list of word-list names, got {grid!r}")
        shown = ", ".join(f"[{s[0]}]" if isinstance(s, list) and s else str(s) for s in grid)
        optional_slots = []
        for slot in grid:
            try:
                names, optional = _names(slot)
            except VocabularyError as e:
                self.fail(f"{where}: grid [{shown}]: {e}")
            unknown = [n for n in names if n not in self.words]
            if unknown:
                self.fail(f"{where}: grid [{shown}]: unknown word list {unknown[0]!r}")
            optional_slots.append(optional)
        if all(optional_slots):
            self.fail(f"{where}: grid [{shown}]: every list is optional")
        return expand_grid(grid, self.words)

    def expand(self, where: str, spec: dict) -> tuple[tuple[tuple, ...], tuple[str, ...], list[str]]:
        """A group's grids (checked), its own phrases (checked) and every phrase they expand to."""
        grids, entries = [], []
        for grid in spec.get("grids") or []:
            entries += self.grid(where, grid)
            grids.append(tuple(s if isinstance(s, str) else list(s) for s in grid))
        phrases = tuple(str(p) for p in spec.get("phrases") or [])
        for phrase in phrases:
            try:
                check_phrase(phrase, where)
            except VocabularyError as e:
                self.fail(str(e))
        if not entries and not phrases:
            self.fail(f"{where}: no grids and no phrases")
        return tuple(grids), phrases, entries + list(phrases)

    def group(self, section: str, name: str, spec: dict, category: str, value: object, rules=(), says=None) -> None:
        where = f"{section}.{name}" + (f" (value {value!r})" if section == "findings" else "")
        if not isinstance(spec, dict):
            self.fail(f"{where}: must be a mapping")
        allowed = {"says", "grids", "phrases", "note", "rule", "rules", "category", "value", "values"}
        if set(spec) - allowed:
            self.fail(f"{where}: unknown keys {sorted(set(spec) - allowed)}")
        if category not in CATEGORIES:
            self.fail(f"{where}: unknown category {category!r}")
        known = CATEGORIES[category]
        if category == "warning_sign" and value not in self.features:
            self.fail(f"{where}: unknown warning-sign feature {value!r} (see heel/warning_signs.py)")
        if known is not None and value not in known:
            self.fail(f"{where}: unknown value {value!r} for {category} (one of {sorted(map(str, known))})")
        says = spec.get("says", says)
        if not says:
            self.fail(f"{where}: needs `says:`, a plain-English description")
        grids, phrases, entries = self.expand(where, spec)
        # Fewer, wider patterns match the same words faster.
        merged = [(_phrase(p), category, value) for p in _merge(_tokens(e) for e in entries)]
        self.groups.append(
            Group(section, name, category, value, tuple(rules), str(says), grids, phrases, tuple(merged))
        )

    def cue(self, name: str, spec: dict) -> Cue:
        where = f"context.{name}"
        if not isinstance(spec, dict):
            self.fail(f"{where}: must be a mapping")
        allowed = {"says", "means", "reach", "scope", "signs", "ends", "grids", "phrases", "note"}
        if set(spec) - allowed:
            self.fail(f"{where}: unknown keys {sorted(set(spec) - allowed)}")
        reach, means, ends = spec.get("reach"), spec.get("means"), tuple(spec.get("ends") or ())
        if reach not in REACH:
            self.fail(f"{where}: `reach:` must be one of {sorted(REACH)}, got {reach!r}")
        if reach == "ends" and (means is not None or not ends or set(ends) - set(MEANS)):
            self.fail(f"{where}: an `ends` cue names the meanings it ends (`ends:` among {sorted(MEANS)})")
        if reach != "ends" and (means not in MEANS or ends):
            self.fail(f"{where}: `means:` must be one of {sorted(MEANS)}, got {means!r}")
        scope = spec.get("scope")
        if reach in ("previous", "message") and scope is not None:
            self.fail(f"{where}: a `{reach}` cue reaches beyond its sentence: no `scope:`")
        if scope is not None and (not isinstance(scope, int) or scope < 1):
            self.fail(f"{where}: `scope:` is a number of words (1 or more), got {scope!r}")
        signs = tuple(spec.get("signs") or ())
        if set(signs) - set(self.features) or (signs and means != "ordinary_cause" and reach != "message"):
            self.fail(f"{where}: `signs:` names warning-sign features, for an ordinary cause or a `message` cue")
        if (means == "ordinary_cause" or reach == "message") and not signs:
            self.fail(f"{where}: an ordinary cause or a `message` cue names the warning signs it is about (`signs:`)")
        if not spec.get("says"):
            self.fail(f"{where}: needs `says:`, a plain-English description")
        grids, _, phrases = self.expand(where, spec)
        return Cue(
            name, means or "", reach, scope, str(spec["says"]), signs, ends, grids, tuple(dict.fromkeys(phrases))
        )

    def check_ends(self, cues: tuple[Cue, ...]) -> None:
        """A word belongs to one `ends` cue: overlapping matches are pruned to one."""
        ending_words: dict[str, str] = {}
        for c in cues:
            for phrase in c.phrases if c.reach == "ends" else ():
                for word in phrase.split()[0].strip("[]").split("|"):
                    if ending_words.setdefault(word, c.name) != c.name:
                        self.fail(
                            f"context.{c.name}: {word!r} also ends context.{ending_words[word]}'s meanings: "
                            f"a word belongs to one `ends` cue (list every meaning it ends there)"
                        )
