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
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Dict, List, Optional

from heel import lexicon
from heel.lexicon import MEANS

from . import sentences as story
from . import sign_parts
from .durations import parse_duration_weeks
from .places import Mention, place_location, share_location
from .sentences import (
    APOSTROPHES,
    ECHO_WORDS,
    FIRST_PERSON,
    INNER_HYPHEN,
    LEADING_ANSWER,
    ONLY,
    QUESTION,
    shouted,
)
from .spelling import Speller

KNOWN_WORDS = "known_words.txt"  # written by scripts/build_spacy_pipeline.py
DEFAULT_PIPELINE = Path(__file__).resolve().parent.parent / "build" / "spacy" / "en_heel_blank"

# A warning sign the reader found but set aside (denied, past, someone else's, asked about,
# explained by an ordinary cause): not a finding, but what the second reader must not raise again.
DISMISSED_SIGN = "dismissed_sign"
NOW_WORDS = "now"  # the vocabulary's word list of "now", "still", "again"
ABOUT_ME = "about_me"  # the vocabulary's words for the writer's own body or trouble
SIGN_CATEGORIES = ("warning_sign", "recent_injury")  # read as the patient's when written by a carer


def _only_signs(features):
    """A ConText `on_modifies` check: the cue reaches only these warning-sign features."""
    features = frozenset(features)

    def modifies(target, modifier, span_between) -> bool:
        rule = getattr(target._, "target_rule", None)
        return target.label_ == "warning_sign" and (rule.metadata or {}).get("value") in features

    return modifies


@dataclass(frozen=True)
class Finding:
    """One canonical finding read from the text (a Rasa entity)."""

    name: str
    value: object
    start: int
    end: int
    text: str


class ClinicalTextReader:
    """Turns a message into findings. Build once; `read` is thread-safe for reading."""

    def __init__(self, pipeline_path: Optional[str] = None) -> None:
        import medspacy  # noqa: F401  (registers the medspaCy factories)
        import spacy
        from medspacy.context import ConTextRule
        from medspacy.target_matcher import TargetRule

        path = Path(pipeline_path or DEFAULT_PIPELINE)
        if not (path / "meta.json").exists():
            raise FileNotFoundError(f"spaCy pipeline not found at {path}: run `make install`")
        self.nlp = spacy.load(path)
        matcher = self.nlp.add_pipe("medspacy_target_matcher")
        matcher.add(
            [
                TargetRule(
                    phrase,
                    category,
                    pattern=lexicon.phrase_to_pattern(phrase),
                    attributes=None,
                    metadata={"value": value},
                )
                for phrase, category, value in lexicon.ENTRIES
            ]
        )
        # Every cue is the vocabulary's (heel/vocabulary.yml, `context`): medspaCy's default
        # rules are written for clinical notes ("ruled out", "h/o") and are left out.
        context = self.nlp.add_pipe("medspacy_context", config={"rules": None, "prune_on_target_overlap": True})
        context.add(
            [
                ConTextRule(
                    phrase,
                    category,
                    pattern=lexicon.phrase_to_pattern(phrase),
                    direction=direction,
                    max_scope=scope,
                    terminated_by=set(ended_by),
                    on_modifies=_only_signs(cue.signs) if cue.signs else None,
                    metadata={"cue": cue.name},
                )
                for phrase, category, direction, scope, ended_by, cue in lexicon.context_rules(lexicon.load().cues)
            ]
        )
        self._about_me = re.compile(
            r"\b(?:"
            + "|".join(re.escape(w) for w in sorted(lexicon.load().words.get(ABOUT_ME, ()), key=len, reverse=True))
            + r")\b",
            re.IGNORECASE,
        )
        self._previous_cues, self._message_cues, self._denials_before = story.cues_by_reach(lexicon.load().cues)
        self._now_words = frozenset(w for w in lexicon.load().words.get(NOW_WORDS, ()) if " " not in w)
        self._speller = Speller((path / KNOWN_WORDS).read_text(encoding="utf-8").split(), lexicon.vocabulary())

    # -- public -----------------------------------------------------------
    def read(self, text: str, today: Optional[date] = None) -> List[Finding]:
        """The findings in `text`; a day named rather than counted ("since Boxing Day") is
        read against `today`, the day the message is written (default: the local date)."""
        text = text.translate(APOSTROPHES)
        if shouted(text):  # "FELL DOWN THE STEPS CANT WALK ON IT": read as it would be said
            text = text.lower()
        doc = self._parse(text)
        mentions = self._mentions(doc)
        findings = self._interpret(mentions, doc)
        named = {f.name for f in findings}
        findings += [
            Finding(name, value, 0, len(text), text) for name, value in lexicon.whole_message(text) if name not in named
        ]
        if "warning_sign" not in named and self._denies_warning_signs(text, mentions):
            findings.append(Finding("warning_sign", lexicon.NO_WARNING_SIGN, 0, len(text), text))
        weeks = parse_duration_weeks(text, today)
        if weeks is not None:
            findings.append(Finding("duration_weeks", weeks, 0, len(text), text))
        return findings

    @staticmethod
    def _denies_warning_signs(text: str, mentions: List["Mention"]) -> bool:
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
        words = [self._speller.correct(t.text) for t in tokens]
        doc = Doc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in tokens])
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    def _mentions(self, doc) -> List[Mention]:
        sentence_of = {}
        questions = []  # "Is a red, hot foot with a fever an emergency?" asks; it does not report
        sentences = list(doc.sents)
        echoed = []  # "Foot drop? No, I can walk fine": the words echoed as a question, then denied
        for i, sent in enumerate(sentences):
            questions.append(bool(QUESTION.match(sent.text)) and not FIRST_PERSON.search(sent.text))
            following = sentences[i + 1].text if i + 1 < len(sentences) else ""
            echoed.append(
                sent.text.rstrip().endswith("?")
                and len(sent) <= ECHO_WORDS
                and bool(lexicon.LEADING_DENIAL.match(following) or ONLY.match(following))
            )
            for token in sent:
                sentence_of[token.i] = i
        # A warning sign of someone else's is set aside only when the message also speaks of the
        # writer's own ("...that's why I'm asking about mine"): "My husband's foot has gone white" and
        # "typing this for my gran: her heel..." are a carer's words about the patient.
        about_me = bool(self._about_me.search(doc.text))
        # A carer's report: warning signs in it, none of the writer's own. Then "Dad is diabetic and has a
        # sore on his heel" is the patient's diabetes and sore; without signs, "my mum is diabetic" is hers.
        carer = any(ent.label_ in SIGN_CATEGORIES for ent in doc.ents)
        out = []
        said_before = story.said_of_the_sentence_before(doc, sentences, sentence_of, self._previous_cues)
        said_of_sign = story.said_of_the_whole_message(doc, sentences, sentence_of, self._message_cues)
        for ent in doc.ents:
            rule = ent._.target_rule
            sent = sentence_of[ent.start]
            # A cue with a `scope` reaches a window of words, which medspaCy lets cross sentences:
            # "My dad is 80. His foot has gone white" is about the foot, so only cues of the sentence count.
            mods = [mod for mod in ent._.modifiers if sentence_of[mod.modifier_span[0]] == sent]
            means = {mod.category for mod in mods}
            means |= said_before.get(sent + 1, set()) | said_of_sign.get((rule.metadata or {}).get("value"), set())
            # "my foot is still white": words of the mention itself that say it is there now
            ongoing = any(token.lower_ in self._now_words for token in ent)
            out.append(
                Mention(
                    category=ent.label_,
                    value=(rule.metadata or {}).get("value"),
                    start=ent.start,
                    end=ent.end,
                    char_start=ent.start_char,
                    char_end=ent.end_char,
                    text=ent.text,
                    sent=sent,
                    negated=MEANS["denied"] in means or echoed[sent],
                    discarded=(
                        MEANS["asked_or_feared"] in means
                        or questions[sent]
                        or (MEANS["someone_else"] in means and not (carer and not about_me))
                    ),
                    historical=MEANS["past"] in means and not ongoing,
                    explained=MEANS["ordinary_cause"] in means and not ongoing,
                    denied_by=frozenset(
                        (mod.rule.metadata or {}).get("cue") for mod in mods if mod.category == MEANS["denied"]
                    ),
                )
            )
        return out

    def _interpret(self, mentions: List[Mention], doc) -> List[Finding]:
        present: Dict[str, Finding] = {}
        denied: Dict[str, Finding] = {}

        def add(name: str, value: object, m: Mention, negated: bool = False) -> None:
            finding = Finding(name, value, m.char_start, m.char_end, m.text)
            (denied if negated else present)[name] = finding

        closest: Dict[str, int] = {}

        def place(name: str, value: object, m: Mention, distance: int) -> None:
            """A place for pain or numbness: the one nearest its symptom word wins."""
            if distance < closest.get(name, distance + 1):
                closest[name] = distance
                add(name, value, m)

        # "a bit red where the shoe rubs, but not hot or swollen": a red mark, not an inflamed foot
        if sign_parts.one_part_only(mentions, self._denials_before, doc.text):
            mentions = [replace(m, explained=True) if m.value == sign_parts.SIGN else m for m in mentions]
        live = [m for m in mentions if not m.discarded and m.category != "ignore"]
        for m in mentions:  # read and set aside: the second reader must not raise them again
            if m.category in ("warning_sign", "recent_injury") and (
                m.discarded or m.negated or m.historical or m.explained
            ):
                add(f"{DISMISSED_SIGN}:{m.value}", m.value if m.category == "warning_sign" else "injury", m)
        numbness = [m for m in live if m.category == "numbness" and not m.negated]
        pains = [m for m in live if m.category in ("pain", "pain_character") and not m.negated]
        located = {}  # symptom mention -> the location mention placed on it
        for m in live:
            if m.category == "location":
                if m.negated:  # "not on the inside, under the heel"
                    continue
                symptom = place_location(m, numbness, pains, add, place)
                if symptom is not None:
                    located[id(symptom)] = m
            else:
                self._read_mention(m, present, add)
        if "pain_location" not in present:
            share_location(live, pains, located, add)
        both = present.get("both_feet")
        if numbness and "numbness_area" not in present and both and both.value == "yes":
            add("numbness_area", "whole_foot", numbness[0])
        for name in [n for n in present if n.startswith(DISMISSED_SIGN)]:
            if "warning_sign:" + present[name].value in present:  # said twice, once as a sign
                del present[name]
        merged = {**denied, **present}
        return [Finding(name.split(":")[0], f.value, f.start, f.end, f.text) for name, f in merged.items()]

    @staticmethod
    def _read_mention(m: Mention, present: Dict[str, Finding], add) -> None:
        """What one mention that is not a place adds."""
        if m.category == "numbness":
            if m.negated:
                add("numbness_area", "none", m)
        elif m.category == "warning_sign":
            if not (m.negated or m.historical or m.explained):
                add(f"warning_sign:{m.value}", m.value, m)
        elif m.category == "pain":
            return
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
