"""How a reply answers a yes/no question, read from how it starts.

Over 300 lines: three word lists (yes, no, don't know), a word or phrase a line.

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
    # murmurs and texting
    "mhm+",
    "mm+ hm+",
    "uh huh",
    "uh-huh",
    "yass+",
    "yas",
    "def",
    "deffo",
    "ok yes",
    # how often, how much: a yes with a measure
    "occasionally",
    "at times",
    "now and then",
    "now and again",
    "on and off",
    "every night",
    "every day",
    "every morning",
    "all the time",
    "constantly",
    "a fair bit",
    "quite a lot",
    "only when",
    "only if",
    "only after",
    "only sometimes",
    "that's right",
    "thats right",
    "that's correct",
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
    "definitely not",
    "absolutely not",
    "certainly not",
    "of course not",
    "no chance",
    "nothing like that",
    "nothing happens",
    "nothing happened",
    "not that i can tell",
    "not that i can remember",
    "not that i remember",
    "not that i'm aware of",
    "not that im aware of",
    "not as far as i can tell",
    "not anymore",
    "not any more",
    "no longer",
    "nop",
    "nay",
    # nothing new: no to a question about a change
    "same as always",
    "same as usual",
    "same as ever",
    "nothing's changed",
    "nothing has changed",
    "no change",
    "no changes",
    "it's the same",
    "it's about the same",
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
    # never looked: "no" would be a guess
    "(?:i\\s+)?(?:have\\s+)?never\\s+(?:really\\s+|even\\s+)?(?:been\\s+)?(?:checked|tested|looked|measured|tried|thought about it)",
    "(?:i\\s+)?(?:haven'?t|have\\s+not|'?ve\\s+not|not)\\s+(?:really\\s+|even\\s+)?(?:been\\s+)?(?:tried|checked|tested|looked|thought about it)",
    "(?:i\\s+)?(?:wouldn'?t|would\\s+not)\\s+know",
    "(?:i\\s+)?(?:couldn'?t|could\\s+not)\\s+(?:say|tell)",
    "(?:i'?d\\s+)?rather\\s+not(?:\\s+(?:try|say))?",
    "(?:i\\s+)?(?:haven'?t|have\\s+not)\\s+(?:got\\s+)?a\\s+clue",
    "not a clue",
    "can't recall",
    "don't recall",
)


def _alternatives(words) -> str:
    return "|".join(sorted((w.replace(" ", r"\s+") for w in words), key=len, reverse=True))


# A leading filler ("um", "well", "tried.", "honestly,") may come first.
# A leading filler ("um", "well", "oh wow", "tried it and", "honestly,") may come first.
_FILLER = (
    r"(?:(?:um+|erm+|er|uh+|hmm+|mm|well|ok|okay|so|honestly|tbh|lol|haha|oh+|ooh+|ow+|ouch|wow|ah+|aw+|gosh|"
    r"god|actually|right|(?:i\s+)?(?:just\s+)?(?:tried|did|tapped|checked)(?:\s+it)?(?:\s+and)?)[\s,.!:-]+)*"
)
_END = r"(?=$|[\s,.!?;:)\-])"
# What may follow an answer word and still belong to it: "yes definitely", "nah mate", "no no never".
_TAIL = r"(?:mate|love|luv|sir|doc|dear|lol|haha|tbh|honestly|really|to be honest|at all|i'?m afraid)"
UNKNOWN = re.compile(rf"^\W*{_FILLER}(?:{_alternatives(UNKNOWN_WORDS)}){_END}", re.IGNORECASE)
UNKNOWN_ANYWHERE = re.compile(
    r"\b(no idea|no clue|not sure|unsure|dunno|idk|don'?t know|do not know|can'?t tell|"
    r"can'?t say|hard to (say|tell)|not certain|wouldn'?t know|couldn'?t (say|tell)|"
    r"never (been )?(checked|tested)|haven'?t (tried|checked|tested)|rather not (try|say))\b",
    re.IGNORECASE,
)
WORDS = {"unknown": UNKNOWN_WORDS, "no": NO_WORDS, "yes": YES_WORDS}
STARTS = {
    value: re.compile(rf"^\W*{_FILLER}(?:{_alternatives(words)}){_END}", re.IGNORECASE)
    for value, words in WORDS.items()
}
MORE = {
    value: re.compile(rf"[\s,.!]*(?:{_alternatives(words)}|{_TAIL}){_END}", re.IGNORECASE)
    for value, words in WORDS.items()
}
# "I tried a few times, no", "tried both ankles, nothing", "it eases once I'm going, so no": the answer comes last.
TRAILING = re.compile(
    r"[,.;]\s*(?:so\s+|then\s+|i\s+guess\s+|i'?d\s+say\s+)?(?:(?P<no>no|nope|nah|nothing|not really)|"
    r"(?P<yes>yes|yeah|yep|yup)|(?P<unknown>not sure|no idea|dunno|idk))\W*$",
    re.IGNORECASE,
)
APART = re.compile(
    r"^\s*(?:$|[,.!?;:)\-]|and\b|but\b|though\b|although\b|thanks\b|thank\b|"
    # a new clause with its own subject: "no it's fine in bed", "yes my back aches"
    r"(?:it|it'?s|its|i|i'?m|im|i'?ve|my|she|he|they|that|that'?s|there|we|you)\b)",
    re.IGNORECASE,
)
# "at night? not that I can tell": a short echo of the question, then the answer.
ECHO_FIRST = re.compile(r"^[^?]{1,30}\?\s+(?=\S)")
ECHO_QUESTION = re.compile(r"\?\s*$")
BOTH_WAYS = re.compile(r"^[\s,]*(?:(?:and|or|but|sometimes)\s+)?", re.IGNORECASE)


class Answer(NamedTuple):
    value: str  # "yes", "no" or "unknown"
    apart: bool  # the answer word stands apart from what follows ("no, …", "yes" alone)


def answer(text: str) -> Optional[Answer]:
    """The yes/no/unknown a reply starts with, or None ("my back?" and other questions are None;
    so is a reply that says both, "sometimes yes sometimes no")."""
    text = text.replace("\u2019", "'").strip()
    first_clause = re.split(r"[,.;!?]", text, maxsplit=1)[0]
    if UNKNOWN_ANYWHERE.search(first_clause):  # "I have no idea", "well I'm not sure"
        return Answer("unknown", True)
    found = _leading(text)
    if found is None:
        echo = ECHO_FIRST.match(text)
        found = _leading(text[echo.end() :]) if echo else None
    if found is not None:
        return found or None
    last = TRAILING.search(text)
    if last:
        return Answer(next(name for name, word in last.groupdict().items() if word), True)
    if UNKNOWN_ANYWHERE.search(re.split(r"[,.;!?]", text.rstrip(" .!?"))[-1]):  # "…, so I couldn't say"
        return Answer("unknown", True)
    return None


def _leading(text: str) -> Optional[Answer | bool]:
    """The answer the text starts with; False when it gives both answers ("yes and no")."""
    for value, pattern in STARTS.items():
        match = pattern.match(text)
        if match:
            end = match.end()
            while more := MORE[value].match(text, end):  # "yes definitely", "nah mate, never"
                end = more.end()
            rest = text[end:]
            opposite = {"yes": "no", "no": "yes"}.get(value)
            if opposite and BOTH_WAYS.match(rest) and STARTS[opposite].match(BOTH_WAYS.sub("", rest, count=1)):
                other = STARTS[opposite].match(BOTH_WAYS.sub("", rest, count=1))
                if re.match(r"\s*(?:$|[,.!?;])", BOTH_WAYS.sub("", rest, count=1)[other.end() :]):
                    return False  # "yes and no", "sometimes yes sometimes no"
            return Answer(value, bool(APART.match(rest)))
    return None


def is_question(text: str) -> bool:
    """A reply that asks back ("at night?", "my back?") answers nothing."""
    return bool(ECHO_QUESTION.search(text)) and answer(text) is None
