"""Warning signs (clinical reference, section 2): rules R1-R9 over features.

A *feature* is one thing a person reported as present ("fever", "wound"...).
Features accumulate over the conversation; a rule combines them with the
diabetes and injury findings. The most urgent matching rule wins.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Every feature the text reader and the screening buttons can report.
FEATURES = {
    "cold_pale_foot": "a cold, pale, white, blue or mottled foot",
    "saddle_numbness": "numbness between the legs or around the bottom",
    "bladder_bowel_loss": "new loss of bladder or bowel control",
    "red_hot_swollen": "a red, hot or swollen foot",
    "spreading_redness": "spreading redness",
    "fever": "a fever, shivering or feeling very unwell",
    "wound": "an open wound, ulcer or sore",
    "black_skin": "black or dead-looking skin",
    "colour_change": "a change of colour of the foot",
    "injury": "a recent injury (fall, landing or twist)",
    "cannot_bear_weight": "not being able to put weight on it or take 4 steps",
    "deformity": "a deformed foot or ankle",
    "heard_snap": "a snap heard at the time of injury",
    "foot_drop": "foot drop or quickly worsening weakness",
    # Not a symptom: "yes" to the screen, twice, without saying which sign (section 2a).
    "unclear_warning_sign": "a warning sign they could not name",
}


@dataclass(frozen=True)
class WarningSign:
    rule: str
    level: str
    condition: str
    summary: str
    test: Callable[[frozenset[str]], bool]


def _any(*names: str) -> Callable[[frozenset[str]], bool]:
    return lambda f: any(n in f for n in names)


_inflamed = _any("red_hot_swollen", "spreading_redness")
UNCLEAR_RULE = "2a"

# In the clinical reference's order, which is also most urgent first.
RULES = (
    WarningSign(
        "R1",
        "emergency_ambulance",
        "acute_limb_ischaemia",
        "a sudden cold, pale or discoloured foot can mean its blood supply is blocked",
        _any("cold_pale_foot"),
    ),
    # R2 asks for back or leg symptoms too: everyone here has leg (heel) symptoms.
    WarningSign(
        "R2",
        "emergency_ambulance",
        "cauda_equina_syndrome",
        "numbness around the bottom or new bladder or bowel problems can mean "
        "nerves at the base of the spine are being squeezed",
        _any("saddle_numbness", "bladder_bowel_loss"),
    ),
    WarningSign(
        "R3",
        "emergency",
        "cellulitis",
        "a red, hot, swollen foot with a fever can be a spreading skin infection",
        lambda f: _inflamed(f) and "fever" in f,
    ),
    WarningSign(
        "R4",
        "emergency",
        "diabetic_foot_infection",
        "with diabetes, a wound with fever, spreading redness or black skin can be a serious foot infection",
        lambda f: (
            "diabetes" in f
            and bool(f & {"wound", "black_skin", "colour_change"})
            and bool(f & {"fever", "spreading_redness", "black_skin"})
            and ("wound" in f or "fever" in f)
        ),
    ),
    WarningSign(
        "R5",
        "emergency",
        "fracture",
        "after an injury, not being able to bear weight, a deformity or a snap can mean a broken bone",
        lambda f: "injury" in f and bool(f & {"cannot_bear_weight", "deformity", "heard_snap"}),
    ),
    # Section 2a: "yes" to the screen and still unclear which sign after "Which one?".
    # Placed here so that any emergency_ambulance rule the words fit wins, and the
    # outcome is at least `emergency`.
    WarningSign(
        UNCLEAR_RULE,
        "emergency",
        "possible_warning_sign",
        "you said you have one of the warning signs but I couldn't tell which, so the advice is the cautious one",
        _any("unclear_warning_sign"),
    ),
    WarningSign(
        "R6",
        "consultation_24",
        "charcot_foot",
        "with diabetes, a red, hot, swollen foot needs checking within a day (keep your weight off it)",
        lambda f: "diabetes" in f and _inflamed(f) and "fever" not in f,
    ),
    WarningSign(
        "R7",
        "consultation_24",
        "diabetic_foot_ulcer",
        "with diabetes, a new wound, ulcer or colour change needs the foot team within a day",
        lambda f: "diabetes" in f and bool(f & {"wound", "colour_change", "black_skin"}) and "fever" not in f,
    ),
    WarningSign(
        "R8",
        "consultation_24",
        "cellulitis",
        "red, hot, swollen or spreading skin can be an infection that needs treatment today",
        lambda f: _inflamed(f) and "fever" not in f,
    ),
    WarningSign(
        "R9",
        "consultation_24",
        "foot_drop",
        "new foot drop or quickly worsening weakness needs checking today",
        _any("foot_drop"),
    ),
)


BY_RULE = {sign.rule: sign for sign in RULES}

# What a "yes" to the confirming question for a rule reports: its features, and
# the findings it names (diabetes, an injury). Section 2a: one confirming
# question, in plain words, when only the statistical reader saw the sign.
CONFIRMED = {
    "R1": ({"cold_pale_foot"}, {}),
    "R2": ({"saddle_numbness", "bladder_bowel_loss"}, {}),
    "R3": ({"red_hot_swollen", "fever"}, {}),
    "R4": ({"wound", "black_skin"}, {"diabetes": "yes"}),
    "R5": ({"injury", "cannot_bear_weight"}, {"recent_injury": "yes"}),
    "R6": ({"red_hot_swollen"}, {"diabetes": "yes"}),
    "R7": ({"wound", "colour_change"}, {"diabetes": "yes"}),
    "R8": ({"red_hot_swollen", "spreading_redness"}, {}),
    "R9": ({"foot_drop"}, {}),
}
CONFIRM_QUESTIONS = {
    "R1": "Just to be safe: has your foot or toes suddenly gone cold, pale, grey, blue or blotchy?",
    "R2": "Just to be safe: is there numbness between your legs or around your bottom, or new trouble "
    "controlling your bladder or bowels (leaking, accidents, or not being able to go)?",
    "R3": "Just to be safe: is your foot red, hot and swollen, and do you have a fever, shivers or feel very unwell?",
    "R4": "Just to be safe: do you have diabetes and a wound or sore on your foot with a fever, spreading "
    "redness or skin that has turned black?",
    "R5": "Just to be safe: did you hurt your foot or ankle (a fall, a twist, landing badly) and now can't put "
    "weight on it or take four steps, or does it look out of shape, or did you hear a snap?",
    "R6": "Just to be safe: do you have diabetes and a foot that is red, hot and swollen?",
    "R7": "Just to be safe: do you have diabetes and a new wound, ulcer, sore or change of colour on your foot?",
    "R8": "Just to be safe: is the skin of your foot red, hot and swollen, or is redness spreading?",
    "R9": "Just to be safe: has your foot started to drop or slap the ground, or do your toes catch because "
    "you can't lift them?",
}


def confirmed(rule: str) -> tuple:
    """(features, findings) that a "yes" to the rule's confirming question reports."""
    features, findings = CONFIRMED[rule]
    return set(features), dict(findings)


def features_with_context(
    features: Iterable[str], diabetes: str | None, recent_injury: str | None = None
) -> frozenset[str]:
    """Features plus the findings the rules combine them with."""
    out = set(features)
    # "I don't know" counts as yes here: doubt never guesses a warning sign down (section 2a).
    if diabetes in ("yes", "unknown"):
        out.add("diabetes")
    if recent_injury in ("yes", "unknown"):
        out.add("injury")
    return frozenset(out)


def match(features: Iterable[str], diabetes: str | None = None, recent_injury: str | None = None) -> WarningSign | None:
    """The most urgent warning sign these features show, or None."""
    f = features_with_context(features, diabetes, recent_injury)
    return next((rule for rule in RULES if rule.test(f)), None)


def missing_context(
    features: Iterable[str], diabetes: str | None = None, recent_injury: str | None = None
) -> str | None:
    """The unasked finding ("diabetes" or "recent_injury") that would turn these
    features into a warning sign, if any: ask it before anything else."""
    features = list(features)
    if diabetes is None and match(features, "yes", recent_injury):
        return "diabetes"
    if recent_injury is None and match(features, diabetes, "yes"):
        return "recent_injury"
    return None
