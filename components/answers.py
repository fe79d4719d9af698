"""How a reply answers a yes/no question, read from how it starts.

People answer "Does it wake you at night?" with far more than yes or no:
"yeah, can't get comfy in bed", "a bit, I suppose", "not that I've noticed",
"nope, back's fine", "Tried. Yes, it gives electric feeling", "dunno, I work
nights". The intent classifier reads the whole sentence and is easily pulled
elsewhere by what follows; the answer is in the first words. This module
reads it there, from word lists (yes, no, hedged yes, hedged no, don't know),
so any continuation works. No Rasa, no spaCy: plain regular expressions.

`answer(text)` gives "yes", "no", "unknown" or None, and whether the answer
word stands apart from what follows ("no, my back is fine" answers the
question; "no back pain" names a finding of its own).
"""

import re
from typing import NamedTuple, Optional

YES_WORDS = (
    "yes",
    "yess+",
    "yes please",
    "yeah",
    "yeh",
    "yea",
    "yep",
    "yup",
    "ya",
    "yah",
    "yh",
    "ye",
    "aye",
    "y",
    "oh yes",
    "ooh yes",
    "oh yeah",
    "definitely",
    "definately",
    "absolutely",
    "certainly",
    "of course",
    "for sure",
    "sure",
    "indeed",
    "correct",
    "true",
    "totally",
    "defo",
    "100%",
    "i do",
    "i am",
    "i have",
    "i did",
    "i think so",
    "i guess so",
    "i suppose so",
    "i believe so",
    "it does",
    "it is",
    "it has",
    "it did",
    "they do",
    "they are",
    "they have",
    "they did",
    "sometimes",
    "a bit",
    "a little",
    "a little bit",
    "slightly",
    "kind of",
    "kinda",
    "sort of",
    "sorta",
    "somewhat",
    "mostly",
    "often",
    "always",
    "usually",
    "every time",
    "loads",
    "lots",
    "a lot",
    "very",
    "very much",
    "quite a bit",
    "now that you mention it",
    "probably",
    "i'd say so",
    "seems so",
    "tried yes",
    "tried it yes",
    "affirmative",
)
NO_WORDS = (
    "no",
    "noo+",
    "nope",
    "nah",
    "naa+",
    "na",
    "n",
    "no way",
    "not really",
    "not at all",
    "not much",
    "not that i've noticed",
    "not that i have noticed",
    "not that i noticed",
    "not that i know of",
    "not as far as i know",
    "not to my knowledge",
    "i don't think so",
    "i dont think so",
    "don't think so",
    "dont think so",
    "i don't",
    "i dont",
    "i do not",
    "i haven't",
    "i havent",
    "i have not",
    "i'm not",
    "im not",
    "i am not",
    "i didn't",
    "i didnt",
    "it doesn't",
    "it doesnt",
    "it does not",
    "it isn't",
    "it isnt",
    "it's not",
    "its not",
    "it hasn't",
    "it hasnt",
    "they don't",
    "they dont",
    "they aren't",
    "they're not",
    "never",
    "none",
    "nothing",
    "neither",
    "hardly",
    "hardly ever",
    "rarely",
    "negative",
    "no no",
)
UNKNOWN_WORDS = (
    "not sure",
    "unsure",
    "no idea",
    "dunno",
    "donno",
    "idk",
    "i don't know",
    "i dont know",
    "don't know",
    "dont know",
    "i do not know",
    "can't say",
    "cant say",
    "can't tell",
    "cant tell",
    "hard to say",
    "hard to tell",
    "rather not say",
    "i'd rather not say",
    "haven't tried",
    "havent tried",
    "never tried",
    "not tried",
    "no clue",
    "who knows",
    "maybe",
    "possibly",
    "perhaps",
    "i'm not sure",
    "im not sure",
    "i am not sure",
    "not certain",
    "can't remember",
    "cant remember",
    "don't remember",
)


def _alternatives(words) -> str:
    return "|".join(sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True))


# A leading filler ("um", "well", "tried.", "honestly,") may come first.
_FILLER = r"(?:(?:um+|erm+|er|uh+|hmm+|well|ok|okay|so|honestly|tbh|lol|haha|tried(?:\s+it)?|i\s+tried)[\s,.!:-]+)*"
_END = r"(?=$|[\s,.!?;:)\-])"
UNKNOWN = re.compile(rf"^\W*{_FILLER}(?:{_alternatives(UNKNOWN_WORDS)}){_END}", re.IGNORECASE)
UNKNOWN_ANYWHERE = re.compile(
    r"\b(no idea|no clue|not sure|unsure|dunno|idk|don'?t know|do not know|can'?t tell|"
    r"can'?t say|hard to (say|tell)|not certain)\b",
    re.IGNORECASE,
)
NO = re.compile(rf"^\W*{_FILLER}(?:{_alternatives(NO_WORDS)}){_END}", re.IGNORECASE)
YES = re.compile(rf"^\W*{_FILLER}(?:{_alternatives(YES_WORDS)}){_END}", re.IGNORECASE)
# "I tried a few times, no", "tried both ankles, nothing": the answer comes last.
TRAILING = re.compile(
    r"[,.;]\s*(?:(?P<no>no|nope|nah|nothing|not really)|(?P<yes>yes|yeah|yep|yup)|"
    r"(?P<unknown>not sure|no idea|dunno|idk))\W*$",
    re.IGNORECASE,
)
APART = re.compile(r"^\s*(?:$|[,.!;:)\-]|and\b|but\b|though\b|although\b|thanks\b|thank\b)", re.IGNORECASE)
ECHO_QUESTION = re.compile(r"\?\s*$")


class Answer(NamedTuple):
    value: str  # "yes", "no" or "unknown"
    apart: bool  # the answer word stands apart from what follows ("no, …", "yes" alone)


def answer(text: str) -> Optional[Answer]:
    """The yes/no/unknown a reply starts with, or None ("my back?" and other questions are None)."""
    text = text.replace("\u2019", "'").strip()
    first_clause = re.split(r"[,.;!?]", text, maxsplit=1)[0]
    if UNKNOWN_ANYWHERE.search(first_clause):  # "I have no idea", "well I'm not sure"
        return Answer("unknown", True)
    for value, pattern in (("unknown", UNKNOWN), ("no", NO), ("yes", YES)):
        match = pattern.match(text)
        if match:
            return Answer(value, bool(APART.match(text[match.end() :])))
    last = TRAILING.search(text)
    if last:
        return Answer(next(name for name, word in last.groupdict().items() if word), True)
    return None


def is_question(text: str) -> bool:
    """A reply that asks back ("at night?", "my back?") answers nothing."""
    return bool(ECHO_QUESTION.search(text)) and answer(text) is None
