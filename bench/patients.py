"""The simulated people: what each one says next, given the bot's last reply.

A script is asked `next_message(reply)` (reply = the REST reply, a list of
messages, or None before the first message) and returns the next text to say,
or None when the conversation is over. `finished` / `error` tell how it ended.

- ours: a patient plays a vignette from harness/vignettes.py, as
  tests/e2e/test_vignettes.py does, except that the question being asked is
  recognised from the *text* of the reply (the fixed question texts of
  heel/questions.py), not read from the tracker: reading the tracker would
  add an HTTP API call per turn that no real patient makes. `verify=True`
  (warm-up only) also reads `requested_slot` from the tracker and checks that
  both agree.
- starter: a person chatting with Rasa's moodbot (greet / mood_great /
  mood_unhappy / affirm / deny / goodbye / bot_challenge), in everyday words that
  are not copied from its training data.
"""

import itertools
import os
import random
from collections.abc import Iterator
from typing import Any

from harness.vignettes import VIGNETTES, Vignette
from heel.questions import QUESTIONS
from heel.warning_signs import CONFIRM_QUESTIONS

Reply = list[dict[str, Any]]
MAX_TURNS = 20  # as tests/e2e/test_vignettes.py
QUESTION_SLOT = {question.text: slot for slot, question in QUESTIONS.items()}
# The start every confirming question shares ("Just to be safe: ").
CONFIRMING = os.path.commonprefix(list(CONFIRM_QUESTIONS.values()))


def asked_slot(reply: Reply) -> str | None:
    """The question the reply asks: the last message whose text is one of the interview's questions."""
    for message in reversed(reply):
        slot = QUESTION_SLOT.get(message.get("text") or "")
        if slot:
            return slot
    return None


def assessment(reply: Reply) -> dict[str, Any] | None:
    found = [
        m["custom"]["assessment"] for m in reply if isinstance(m.get("custom"), dict) and "assessment" in m["custom"]
    ]
    return found[-1] if found else None


class VignettePatient:
    def __init__(self, vignette: Vignette) -> None:
        self.vignette = vignette
        self.turns = 0
        self.asked: list[str] = []
        self.mid_said = False
        self.outcome: dict[str, Any] | None = None
        self.error: str | None = None

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    def next_message(self, reply: Reply | None) -> str | None:
        if reply is not None and assessment(reply):
            self.outcome = assessment(reply)
            return None
        v = self.vignette
        if self.turns < len(v.opening):
            return self._say(v.opening[self.turns])
        if self.turns >= MAX_TURNS:
            return self._fail(f"no outcome after {MAX_TURNS} turns")
        slot = asked_slot(reply or [])
        if slot is None and any((m.get("text") or "").startswith(CONFIRMING) for m in reply or []):
            # a confirming question about a warning sign: the vignette's truth answers it
            return self._say("yes" if v.is_warning_sign else "no")
        if slot is None:
            return self._fail("the reply neither asked a question nor gave an outcome")
        self.asked.append(slot)
        if v.mid and not self.mid_said and len(self.asked) == v.mid.after + 1:
            self.mid_said = True
            return self._say(v.mid.text)
        if slot in v.answers:
            return self._say(v.answers[slot])
        return self._fail(f"asked {slot!r}, which this vignette has no answer for")

    def _say(self, text: str) -> str:
        self.turns += 1
        return text

    def _fail(self, error: str) -> None:
        self.error = f"{self.vignette.id}: {error}"
        return None


def vignette_patients(index: int) -> Iterator[VignettePatient]:
    """Patient `index` loops over all the vignettes, starting at its own place in the list."""
    start = (index * 7) % len(VIGNETTES)
    for i in itertools.count(start):
        yield VignettePatient(VIGNETTES[i % len(VIGNETTES)])


# ---------------------------------------------------------------- the starter's moodbot
# Everyday wordings, not copied from its training data, that its NLU (DIET, trained
# on a few examples per intent) was checked to classify right with high confidence:
# the reference should follow its stories, not fall off them on words it never saw.
SAYINGS = {
    "greet": ["hi there", "hello!", "hey, good morning", "hiya", "good evening", "hello, good afternoon"],
    "mood_great": [
        "feeling fantastic today",
        "pretty great actually, had a lovely weekend",
        "I'm great, thanks",
        "I'm feeling very good today",
        "feeling great, thanks",
    ],
    "mood_unhappy": [
        "I'm so sad",
        "I'm very unhappy today",
        "I'm not feeling well today",
        "I'm a bit sad, work was awful",
        "I feel sad and tired",
    ],
    "affirm": ["yes it did, thanks", "yep, that cheered me up", "indeed it did", "yes, a bit", "yes that was nice"],
    "deny": ["no not really", "no, it didn't", "not really", "nope", "no, sorry"],
    "goodbye": ["ok bye then", "see you later", "bye, have a good one", "goodnight!", "goodbye then"],
    "bot_challenge": ["wait, am I talking to a real person?", "are you a bot?", "is this a human or a machine?"],
}
# The moodbot's stories and rules (rasa init's data/), with a "are you a bot?" aside
# in some; 4.2 turns per conversation on average.
PATHS = [
    ("greet", "mood_great", "goodbye"),
    ("greet", "mood_unhappy", "affirm", "goodbye"),
    ("greet", "mood_unhappy", "deny", "goodbye"),
    ("greet", "bot_challenge", "mood_unhappy", "affirm", "goodbye"),
    ("greet", "bot_challenge", "mood_great", "goodbye"),
    ("greet", "bot_challenge", "mood_unhappy", "deny", "goodbye"),
]


class MoodPatient:
    def __init__(self, rng: random.Random) -> None:
        self.lines = [rng.choice(SAYINGS[intent]) for intent in rng.choice(PATHS)]
        self.turns = 0
        self.error: str | None = None
        self.finished = False

    def next_message(self, reply: Reply | None) -> str | None:
        if reply is not None and not reply:
            self.error = "empty reply"  # counted, but the person carries on with the script
        if self.turns == len(self.lines):
            self.finished = True
            return None
        self.turns += 1
        return self.lines[self.turns - 1]


def mood_patients(index: int) -> Iterator[MoodPatient]:
    rng = random.Random(index)
    while True:
        yield MoodPatient(rng)


PATIENTS = {"ours": vignette_patients, "starter": mood_patients}
