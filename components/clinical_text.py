"""Read findings from a person's own words: rules, not statistics.

A blank English spaCy pipeline (built at install time), medspaCy's
TargetMatcher with the lexicon, and medspaCy's ConText for negation ("no
fever"), hedging ("might be"), hypotheticals ("if it gets red") and family
history ("my mum is diabetic"). Misspelt words are corrected against the
lexicon first. The result is a list of `Finding`s with canonical values: the
same answers whatever the intent classifier thinks of the message.

This module imports spaCy but not Rasa.
"""
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from . import lexicon
from .durations import parse_duration_weeks

KNOWN_WORDS = "known_words.txt"  # written by scripts/build_spacy_pipeline.py
DEFAULT_PIPELINE = Path(__file__).resolve().parent.parent / "build" / "spacy" / "en_heel_blank"

# ConText modifiers on top of medspaCy's defaults.
EXTRA_CONTEXT_RULES = [
    ("fine|ok|okay|alright|normal|good|unaffected", "NEGATED_EXISTENCE", "BACKWARD", 3),
    ("never|neither|nor|none", "NEGATED_EXISTENCE", "FORWARD", None),
    # "nothing's red", "nothing red or puffy": a short reach, so "nothing warms it up, my foot is
    # white" still reports the white foot
    ("nothing|nothings|nothin|nuthin", "NEGATED_EXISTENCE", "FORWARD", 3),
    ("no longer|not any more|not anymore", "NEGATED_EXISTENCE", "FORWARD", None),
    ("what if|in case|should i|would i", "HYPOTHETICAL", "FORWARD", None),
    ("mum|mom|mother|dad|father|brother|sister|grandma|grandmother|grandad|grandfather|granny|family|wife|husband|son|daughter",
     "FAMILY", "BIDIRECTIONAL", 4),
    ("used to|years ago|as a child|in the past|last year", "HISTORICAL", "BIDIRECTIONAL", 5),
    ("and|;|with|plus|also|apart from|except|just|only|instead|whereas", "NEGATED_EXISTENCE", "TERMINATE", None),
]
# Phrases that look like modifiers but are not (a token pattern each, as in the lexicon):
# "my wife says my foot looks pale" is about my foot, reported by my wife.
PSEUDO_CONTEXT_RULES = [
    ("mum|mom|mother|dad|father|brother|sister|grandma|grandmother|grandad|grandfather|granny|family|wife|husband|"
     "son|daughter|partner|friend|boyfriend|girlfriend ['s|has|had] says|said|thinks|thought|noticed|reckons|told|"
     "saw|spotted|pointed|asked|mentioned|worries|worried", "FAMILY"),
    ("according to my|the mum|mom|mother|dad|father|brother|sister|wife|husband|son|daughter|partner|family",
     "FAMILY"),
]
# A general question about a sign: a question word first, a question mark last, and nothing
# about the person ("Is a red, hot foot with a fever an emergency?"). "Is it normal that my toes
# are blue?" and "Is it bad that I wet myself?" report a sign and are read as such.
QUESTION = re.compile(r"^\W*(is|are|what|whats|what's|does|do|should|can|could|how|would|will|why|when|if)\b.*\?\W*$",
                      re.IGNORECASE | re.DOTALL)
FIRST_PERSON = re.compile(r"\b(i|i'm|im|i've|ive|i'd|me|my|mine|myself|we|our|us)\b", re.IGNORECASE)
# A leading "no," or "yes," answers the question; it must not negate what follows.
LEADING_ANSWER = re.compile(r"^\s*(no|nope|nah|yes|yeah|yep|yup)\s*[,!-]\s*", re.IGNORECASE)
INNER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])", re.IGNORECASE)
# Phones type curly apostrophes: "can’t" must read as "can't" (same length, so offsets hold).
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})

NUMBNESS_AREA_OF_LOCATION = {"under_heel": "inner_heel", "back_of_heel": "inner_heel"}


@dataclass(frozen=True)
class Finding:
    """One canonical finding read from the text (a Rasa entity)."""
    name: str
    value: object
    start: int
    end: int
    text: str


@dataclass
class _Mention:
    category: str
    value: object
    start: int  # token indices
    end: int
    char_start: int
    char_end: int
    text: str
    sent: int
    negated: bool
    discarded: bool  # hypothetical or about someone else
    historical: bool


class ClinicalTextReader:
    """Turns a message into findings. Build once; `read` is thread-safe for reading."""

    def __init__(self, pipeline_path: Optional[str] = None) -> None:
        import spacy
        import medspacy  # noqa: F401  (registers the medspaCy factories)
        from medspacy.context import ConTextRule
        from medspacy.target_matcher import TargetRule

        path = Path(pipeline_path or DEFAULT_PIPELINE)
        if not (path / "meta.json").exists():
            raise FileNotFoundError(f"spaCy pipeline not found at {path}: run `make install`")
        self.nlp = spacy.load(path)
        matcher = self.nlp.add_pipe("medspacy_target_matcher")
        matcher.add([
            TargetRule(phrase, category, pattern=lexicon.phrase_to_pattern(phrase),
                       attributes=None, metadata={"value": value})
            for phrase, category, value in lexicon.ENTRIES
        ])
        context = self.nlp.add_pipe("medspacy_context", config={"prune_on_target_overlap": True})
        context.add([
            ConTextRule(literal, category, pattern=lexicon.phrase_to_pattern(literal), direction=direction,
                        max_scope=scope)
            for phrases, category, direction, scope in EXTRA_CONTEXT_RULES
            for literal in phrases.split("|")
        ] + [
            ConTextRule(phrase, category, pattern=lexicon.phrase_to_pattern(phrase), direction="PSEUDO")
            for phrase, category in PSEUDO_CONTEXT_RULES
        ])
        self._known_words = frozenset((path / KNOWN_WORDS).read_text(encoding="utf-8").split())
        self._vocabulary = sorted(lexicon.vocabulary())
        self._vocabulary_set = frozenset(self._vocabulary)
        self._typo_cache: Dict[str, Optional[str]] = {}

    # -- public -----------------------------------------------------------
    def read(self, text: str) -> List[Finding]:
        text = text.translate(APOSTROPHES)
        doc = self._parse(text)
        mentions = self._mentions(doc)
        findings = self._interpret(mentions, doc)
        named = {f.name for f in findings}
        findings += [Finding(name, value, 0, len(text), text)
                     for name, value in lexicon.whole_message(text) if name not in named]
        if "warning_sign" not in named and self._denies_warning_signs(text, mentions):
            findings.append(Finding("warning_sign", lexicon.NO_WARNING_SIGN, 0, len(text), text))
        weeks = parse_duration_weeks(text)
        if weeks is not None:
            findings.append(Finding("duration_weeks", weeks, 0, len(text), text))
        return findings

    @staticmethod
    def _denies_warning_signs(text: str, mentions: List["_Mention"]) -> bool:
        """Read as an answer to the warning-sign screen, does this message say
        "none of these"? ("no, though I'd worry if it went red"; "no fever, my
        bladder is fine"). Only when it reports no warning sign at all."""
        if lexicon.LEADING_DENIAL.match(text):
            return True
        return any(m.category == "warning_sign" and m.negated and not m.discarded for m in mentions)

    # -- steps ------------------------------------------------------------
    def _parse(self, text: str):
        from spacy.tokens import Doc

        cleaned = LEADING_ANSWER.sub(lambda m: m.group(1) + ". ", text, count=1)
        cleaned = INNER_HYPHEN.sub(" ", cleaned)
        tokens = self.nlp.tokenizer(cleaned)
        words = [self._correct(t.text) for t in tokens]
        doc = Doc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in tokens])
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    def _correct(self, word: str) -> str:
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
            best = process.extractOne(lower, self._vocabulary, scorer=Levenshtein.distance,
                                      score_cutoff=limit)
            self._typo_cache[lower] = best[0] if best else None
        return self._typo_cache[lower] or word

    def _mentions(self, doc) -> List[_Mention]:
        sentence_of = {}
        questions = []  # "Is a red, hot foot with a fever an emergency?" asks; it does not report
        for i, sent in enumerate(doc.sents):
            questions.append(bool(QUESTION.match(sent.text)) and not FIRST_PERSON.search(sent.text))
            for token in sent:
                sentence_of[token.i] = i
        out = []
        for ent in doc.ents:
            rule = ent._.target_rule
            out.append(_Mention(
                category=ent.label_, value=(rule.metadata or {}).get("value"),
                start=ent.start, end=ent.end, char_start=ent.start_char, char_end=ent.end_char,
                text=ent.text, sent=sentence_of[ent.start], negated=ent._.is_negated,
                discarded=ent._.is_hypothetical or ent._.is_family or questions[sentence_of[ent.start]],
                historical=ent._.is_historical,
            ))
        return out

    def _interpret(self, mentions: List[_Mention], doc) -> List[Finding]:
        present: Dict[str, Finding] = {}
        denied: Dict[str, Finding] = {}

        def add(name: str, value: object, m: _Mention, negated: bool = False) -> None:
            finding = Finding(name, value, m.char_start, m.char_end, m.text)
            (denied if negated else present)[name] = finding

        closest: Dict[str, int] = {}

        def place(name: str, value: object, m: _Mention, distance: int) -> None:
            """A place for pain or numbness: the one nearest its symptom word wins."""
            if distance < closest.get(name, distance + 1):
                closest[name] = distance
                add(name, value, m)

        live = [m for m in mentions if not m.discarded and m.category != "ignore"]
        numbness = [m for m in live if m.category == "numbness" and not m.negated]
        pains = [m for m in live if m.category in ("pain", "pain_character") and not m.negated]
        located = {}  # symptom mention -> the location mention placed on it
        for m in live:
            if m.category == "location":
                if m.negated:  # "not on the inside, under the heel"
                    continue
                symptom = self._place(m, numbness, pains, add, place)
                if symptom is not None:
                    located[id(symptom)] = m
            elif m.category == "numbness":
                if m.negated:
                    add("numbness_area", "none", m)
            elif m.category == "warning_sign":
                if not m.negated and not m.historical:
                    add(f"warning_sign:{m.value}", m.value, m)
            elif m.category == "pain":
                continue
            elif m.negated:
                if m.category in lexicon.NEGATED_VALUE:
                    add(m.category, lexicon.NEGATED_VALUE[m.category], m, negated=True)
            elif m.category == "pain_character":
                current = present.get("pain_character")
                order = lexicon.PAIN_CHARACTER_PRECEDENCE
                if current is None or order.index(m.value) < order.index(current.value):
                    add(m.category, m.value, m)
            elif m.category == "recent_injury":
                if not m.historical:  # "I broke it years ago" is not a recent injury
                    add(m.category, m.value, m)
                    add("warning_sign:injury", "injury", m)
            else:
                add(m.category, m.value, m)
        if "pain_location" not in present:
            self._share_location(live, pains, located, add)
        both = present.get("both_feet")
        if numbness and "numbness_area" not in present and both and both.value == "yes":
            add("numbness_area", "whole_foot", numbness[0])
        merged = {**denied, **present}
        return [
            Finding(name.split(":")[0], f.value, f.start, f.end, f.text) for name, f in merged.items()
        ]

    @staticmethod
    def _place(location: _Mention, numbness: List[_Mention], pains: List[_Mention], add,
               place) -> Optional[_Mention]:
        """A location belongs to the nearest numbness or pain word in its sentence
        (numbness wins a tie). Returns that word, or None for a bare location."""
        def distance(m: _Mention) -> int:
            return min(abs(m.start - location.end), abs(location.start - m.end))

        near = [(distance(m), 0 if m.category == "numbness" else 1, m)
                for m in numbness + pains if m.sent == location.sent]
        if not near:
            add("location", location.value, location)
            return None
        gap, kind, symptom = min(near, key=lambda x: (x[0], x[1]))
        if kind == 0:
            place("numbness_area", NUMBNESS_AREA_OF_LOCATION.get(location.value, location.value), location, gap)
        else:
            place("pain_location", location.value, location, gap)
        return symptom

    @staticmethod
    def _share_location(live: List[_Mention], pains: List[_Mention], located: Dict[int, _Mention], add) -> None:
        """"A numb patch on the inside of my heel and it burns": when a sentence
        names one place, and a pain word in it has no place of its own, the pain
        is where the numbness is."""
        for pain in pains:
            places = [m for m in live if m.category == "location" and m.sent == pain.sent and not m.negated]
            if id(pain) in located or len(places) != 1:
                continue
            place = places[0]
            if place in located.values():
                add("pain_location", place.value, place)
                return
