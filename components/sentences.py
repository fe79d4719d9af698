"""How a message is cut and cleaned before the reader looks for findings: questions,
echoes, leading answers, curly apostrophes, shouting, and what a sentence says of the one
before it (components/clinical_text.py)."""

import re

from heel.lexicon import MEANS

DENIED = MEANS["denied"]

# "Ulcer? Only a mouth ulcer.", "Cellulitis? I doubt it."
ONLY = re.compile(
    r"^\W*(?:only|just|not really|i doubt it|doubt it|i don'?t think so|don'?t think so|probably not|"
    r"hopefully not|thankfully not)\b",
    re.IGNORECASE,
)
ECHO_WORDS = 6  # "Foot drop?", "Bladder problems?": a short question echoing the words
# A general question about a sign: a question word first, a question mark last, and nothing
# about the person ("Is a red, hot foot with a fever an emergency?"). "Is it normal that my toes
# are blue?" and "Is it bad that I wet myself?" report a sign and are read as such.
QUESTION = re.compile(
    r"^\W*(?:(?:sorry|so|ok|okay|um|erm|hi|hey|hello|also|and|but|oh|quick question|just wondering)"
    r"\W+)*(is|are|what|whats|what's|does|do|should|can|could|how|would|will|why|when|if)\b.*\?\W*$",
    re.IGNORECASE | re.DOTALL,
)
FIRST_PERSON = re.compile(r"\b(i|i'm|im|i've|ive|i'd|me|my|mine|myself|we|our|us)\b", re.IGNORECASE)
# A leading "no," or "yes," answers the question; it must not negate what follows.
LEADING_ANSWER = re.compile(r"^\s*(no|nope|nah|yes|yeah|yep|yup)\s*[,!-]\s*", re.IGNORECASE)
INNER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])", re.IGNORECASE)
# Phones type curly apostrophes: "can’t" must read as "can't" (same length, so offsets hold).
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def shouted(text: str) -> bool:
    """Mostly capitals: the tokenizer splits "CANT" unlike "cant", so such text is read lower-cased
    (the same length: the findings' offsets hold)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


# Words that turn a resolution round ("it hasn't gone back to normal"), as the tokenizer splits them.
NEGATIONS = frozenset(
    {
        "not",
        "n't",
        "nt",
        "never",
        "no",
        "nothing",
        "hasnt",
        "hadnt",
        "havent",
        "isnt",
        "wasnt",
        "werent",
        "didnt",
        "doesnt",
        "dont",
        "wont",
        "cant",
        "aint",
    }
)


# What makes an ability partial: "I can lift it if I concentrate", "only a bit", "barely".
HEDGES = frozenset(
    {"if", "when", "only", "barely", "hardly", "slightly", "bit", "little", "struggle", "effort", "sometimes"}
)


def cues_by_reach(cues) -> tuple:
    """The names of the `previous` cues; `message` cue -> its signs; the denials said before the words."""
    return (
        frozenset(c.name for c in cues if c.reach == "previous"),
        {c.name: c.signs for c in cues if c.reach == "message"},
        frozenset(c.name for c in cues if c.means == "denied" and c.reach == "forward"),
    )


def _after_a_negation(doc, sentences, sentence_of, start) -> bool:
    return any(t.lower_ in NEGATIONS for t in doc[sentences[sentence_of[start]].start : start])


def said_of_the_whole_message(doc, sentences, sentence_of, message_cues) -> dict:
    """warning-sign feature -> the meanings `message` cues give it wherever it is named: "I can
    lift my toes fine" denies foot drop in any sentence. After a negation, or hedged ("I can lift
    my foot if I concentrate", "only a bit"), a cue is none."""
    out: dict = {}
    for mod in doc._.context_graph.modifiers:
        signs = message_cues.get((mod.rule.metadata or {}).get("cue"), ())
        start, end = mod.modifier_span
        hedged = any(t.lower_ in HEDGES for t in doc[end : sentences[sentence_of[start]].end])
        if signs and not hedged and not _after_a_negation(doc, sentences, sentence_of, start):
            for sign in signs:
                out.setdefault(sign, set()).add(mod.category)
    return out


def said_of_the_sentence_before(doc, sentences, sentence_of, previous_cues) -> dict:
    """sentence -> the meanings its `previous` cues give the sentence before it. Only a sentence
    that names nothing of its own speaks of the one before ("That was years ago.", "I do not have
    this."), and a cue after a negation is none ("It hasn't gone back to normal.")."""
    named = {sentence_of[ent.start] for ent in doc.ents}
    out: dict = {}
    for mod in doc._.context_graph.modifiers:
        start = mod.modifier_span[0]
        sent = sentence_of[start]
        if (mod.rule.metadata or {}).get("cue") not in previous_cues or sent in named or sent == 0:
            continue
        if mod.category != DENIED and _after_a_negation(doc, sentences, sentence_of, start):
            continue
        out.setdefault(sent, set()).add(mod.category)
    return out
