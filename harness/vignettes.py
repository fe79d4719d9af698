"""Patient vignettes for the end-to-end triage evaluation.

Over 300 lines: one table of test cases, a patient story per entry.

Each vignette is a short patient story told in the person's own informal words
(typos, negations, "I don't know", everything in one message...). Because the
assistant asks only what it still needs, a vignette is a *script of answers
keyed by the question asked*: the `opening` messages are said first, then each
question (the tracker's `requested_slot`) is answered from `answers`. A `mid`
message is said instead of the answer to question number `after + 1` (the
"warning sign revealed mid-interview" cases).

The gold level and condition come from ../../../shared/clinical-reference.md
applied to the story (`rule` names the rule that applies), never from running
the assistant. `reveals` says which message first makes a warning sign
complete, so the test can check it is acted on in that very turn:
"opening:<i>", "mid" or "answer:<slot>".
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mid:
    after: int  # said in place of the answer to question number after + 1
    text: str


@dataclass(frozen=True)
class Vignette:
    id: str
    gold_level: str
    gold_condition: str
    rule: str  # the clinical-reference rule that gives the gold label (R1-R9, D1-D8)
    opening: tuple[str, ...]
    answers: dict[str, str] = field(default_factory=dict)
    mid: Mid | None = None
    reveals: str | None = None  # warning signs only: the message that completes the sign

    @property
    def is_warning_sign(self) -> bool:
        return self.rule.startswith("R")


def V(id, level, condition, rule, opening, answers=None, mid=None, reveals=None) -> Vignette:
    opening = (opening,) if isinstance(opening, str) else tuple(opening)
    return Vignette(id, level, condition, rule, opening, dict(answers or {}), mid, reveals)


AMBULANCE, EMERGENCY, URGENT, GP, HOME = (
    "emergency_ambulance",
    "emergency",
    "consultation_24",
    "consultation",
    "self_care",
)

VIGNETTES = [
    # ---------------------------------------------------------------- R1 acute limb ischaemia
    V(
        "r1-foot-gone-white-in-opening",
        AMBULANCE,
        "acute_limb_ischaemia",
        "R1",
        "my foot's gone white and it's freezing cold, came on about an hour ago and it really hurts",
        reveals="opening:0",
    ),
    V(
        "r1-blue-mottled-toes-at-screen",
        AMBULANCE,
        "acute_limb_ischaemia",
        "R1",
        "hi",
        {"red_flags": "my toes have gone blue and sort of mottled and they feel numb"},
        reveals="answer:red_flags",
    ),
    V(
        "r1-pale-cold-mid-interview",
        AMBULANCE,
        "acute_limb_ischaemia",
        "R1",
        "I've had a burning pain in my heal for a few weeks",
        {
            "red_flags": "no none of those",
            "both_feet": "just my left foot",
            "back_pain": "no",
            "numbness_area": "no numbness",
            "pain_location": "inside of my heel",
            "duration_weeks": "3 weeks",
            "diabetes": "no",
        },
        mid=Mid(2, "hang on, my foot has suddenly gone really pale and cold"),
        reveals="mid",
    ),
    # ---------------------------------------------------------------- R2 cauda equina syndrome
    V(
        "r2-saddle-numbness-in-opening",
        AMBULANCE,
        "cauda_equina_syndrome",
        "R2",
        "bad back pain going down my leg into my heel and now I've got numbness around my bum and between my legs",
        reveals="opening:0",
    ),
    V(
        "r2-wet-myself-at-screen",
        AMBULANCE,
        "cauda_equina_syndrome",
        "R2",
        "hello",
        {"red_flags": "I've wet myself twice today which has never happened before, and my back is killing me"},
        reveals="answer:red_flags",
    ),
    V(
        "r2-numb-bum-mid-interview",
        AMBULANCE,
        "cauda_equina_syndrome",
        "R2",
        "sciatica for the past month, it goes from my lower back right down to my heel",
        {
            "red_flags": "no",
            "pain_character": "shooting",
            "both_feet": "just the right leg",
            "numbness_area": "no",
            "back_pain": "yes",
            "diabetes": "no",
        },
        mid=Mid(1, "oh I should say, since yesterday it's gone numb around my bottom"),
        reveals="mid",
    ),
    # ---------------------------------------------------------------- R3 cellulitis with fever
    V(
        "r3-red-hot-spreading-fever-in-opening",
        EMERGENCY,
        "cellulitis",
        "R3",
        "my heel is red, hot and swollen and the redness is spreading up my ankle. "
        "I've got a temperature of 38.5 and I'm shivering",
        reveals="opening:0",
    ),
    V(
        "r3-swolen-shivery-typos-at-screen",
        EMERGENCY,
        "cellulitis",
        "R3",
        "hi there",
        {"red_flags": "yes my foots red and swolen and hot and I feel really unwell, all shivery"},
        reveals="answer:red_flags",
    ),
    # ---------------------------------------------------------------- R4 diabetic foot infection
    V(
        "r4-diabetic-oozing-ulcer-fever-in-opening",
        EMERGENCY,
        "diabetic_foot_infection",
        "R4",
        "I'm type 2 diabetic and there's an ulcer on my heel that's oozing, and I've had a fever since last night",
        reveals="opening:0",
    ),
    V(
        "r4-black-sore-then-diabetes-question",
        EMERGENCY,
        "diabetic_foot_infection",
        "R4",
        "there's a sore on the bottom of my heel and the skin round it has gone black",
        {"red_flags": "the black skin round the sore, that's all", "diabetes": "yes, type 1"},
        reveals="answer:diabetes",
    ),
    # ---------------------------------------------------------------- R5 fracture
    V(
        "r5-landed-crack-no-weight-in-opening",
        EMERGENCY,
        "fracture",
        "R5",
        "I jumped off a wall yesterday and landed on my heel, heard a crack and I can't put any weight on it",
        reveals="opening:0",
    ),
    V(
        "r5-fell-downstairs-cant-walk-at-screen",
        EMERGENCY,
        "fracture",
        "R5",
        "hi",
        {"red_flags": "I fell down the stairs last night and now I cant walk on it at all"},
        reveals="answer:red_flags",
    ),
    V(
        "r5-cant-weight-bear-mid-interview",
        EMERGENCY,
        "fracture",
        "R5",
        "I slipped off the kerb on Saturday and my heel's been hurting ever since",
        {
            "red_flags": "no, none",
            "pain_character": "aching",
            "numbness_area": "no",
            "both_feet": "one",
            "back_pain": "no",
            "training_increase": "no",
            "pain_location": "under my heel",
            "first_step_pain": "no",
            "duration_weeks": "since Saturday, so 4 days",
            "diabetes": "no",
        },
        mid=Mid(1, "actually it's got worse, I can't put any weight on it now, I'm hopping everywhere"),
        reveals="mid",
    ),
    # ---------------------------------------------------------------- R6 Charcot foot
    V(
        "r6-diabetic-hot-swollen-no-fever-in-opening",
        URGENT,
        "charcot_foot",
        "R6",
        "I'm diabetic and my foot has been hot and swollen and a bit red for a few days. "
        "No fever and no cuts or wounds",
        reveals="opening:0",
    ),
    V(
        "r6-diabetes-first-then-red-hot-foot",
        URGENT,
        "charcot_foot",
        "R6",
        [
            "hi, I'm a type 1 diabetic",
            "my right foot has swelled up, it's red and feels hot, but I feel fine in myself, no temperature",
        ],
        {"diabetes": "yes"},
        reveals="opening:1",
    ),
    # ---------------------------------------------------------------- R7 diabetic foot ulcer
    V(
        "r7-diabetic-open-sore-denied-fever-in-opening",
        URGENT,
        "diabetic_foot_ulcer",
        "R7",
        "I have diabetes and I've noticed a small open sore on my heel. It's not hot or red and I haven't got a fever",
        reveals="opening:0",
    ),
    V(
        "r7-purple-blister-then-diabetes-question",
        URGENT,
        "diabetic_foot_ulcer",
        "R7",
        "hello",
        {
            "red_flags": "there's a blister on my heel that's turned a dark purple colour",
            "diabetes": "yeah I'm on metformin",
        },
        reveals="answer:diabetes",
    ),
    # ---------------------------------------------------------------- R8 cellulitis without fever
    V(
        "r8-red-hot-spreading-no-fever-in-opening",
        URGENT,
        "cellulitis",
        "R8",
        "The skin on my heel is red and hot and the red patch is spreading, but I don't have a fever "
        "and I'm not diabetic",
        reveals="opening:0",
    ),
    V(
        "r8-red-warm-no-temperature-at-screen",
        URGENT,
        "cellulitis",
        "R8",
        "hi",
        {
            "red_flags": "my heel's gone red and warm to the touch but I feel fine otherwise, no temperature",
            "diabetes": "no",
        },
        reveals="answer:red_flags",
    ),
    V(
        "r8-mum-is-diabetic-not-me",
        URGENT,
        "cellulitis",
        "R8",
        "my foot is red, hot and swollen. No fever. My mum's diabetic, not me",
        {"diabetes": "no"},
        reveals="opening:0",
    ),
    # ---------------------------------------------------------------- R9 foot drop
    V(
        "r9-foot-slaps-in-opening",
        URGENT,
        "foot_drop",
        "R9",
        "over the last week my foot has started slapping the ground when I walk and I can't lift my toes up properly",
        reveals="opening:0",
    ),
    V(
        "r9-foot-dragging-mid-interview",
        URGENT,
        "foot_drop",
        "R9",
        "I've got a trapped nerve in my back, the pain goes down my leg into my heel",
        {
            "red_flags": "nope",
            "pain_character": "shooting",
            "numbness_area": "no",
            "both_feet": "one",
            "back_pain": "yes",
            "diabetes": "no",
        },
        mid=Mid(1, "the other thing is my foot's started dragging when I walk and it's getting weaker every day"),
        reveals="mid",
    ),
    # ---------------------------------------------------------------- D1 peripheral neuropathy
    V(
        "d1-sock-burning-diabetic-all-in-one",
        GP,
        "peripheral_neuropathy",
        "D1",
        "I've got pins and needles and burning in both feet, like I'm wearing socks, worse at night. I'm diabetic.",
        {"red_flags": "none of these", "diabetes": "yes"},
    ),
    V(
        "d1-tingleing-numbnes-typos",
        GP,
        "peripheral_neuropathy",
        "D1",
        "tingleing and numbnes in both my feet for months, no diabetes",
        {"red_flags": "no", "both_feet": "both", "diabetes": "no"},
    ),
    V(
        "d1-feet-burn-dont-know-diabetes",
        GP,
        "peripheral_neuropathy",
        "D1",
        "my feet burn all the time, especially in bed",
        {
            "red_flags": "nope",
            "both_feet": "yes both of them",
            "numbness_area": "a bit numb in both, like socks",
            "diabetes": "I don't know, never been tested",
        },
    ),
    # ---------------------------------------------------------------- D2 lumbar radiculopathy
    V(
        "d2-back-pain-denied-cauda-equina",
        GP,
        "lumbar_radiculopathy",
        "D2",
        "I've had low back pain for 6 weeks that shoots down the back of my leg into my heel. "
        "My bladder and bowels are fine and no numbness between my legs.",
        {"red_flags": "none of those", "both_feet": "just the right", "numbness_area": "no", "diabetes": "no"},
    ),
    V(
        "d2-outer-edge-numb-answers",
        GP,
        "lumbar_radiculopathy",
        "D2",
        "hi",
        {
            "red_flags": "no",
            "pain_character": "sort of shooting",
            "numbness_area": "numb along the outer edge of my foot",
            "both_feet": "one foot",
            "back_pain": "yes, my lower back has been bad for months",
            "pain_location": "outside of my heel",
            "diabetes": "no",
        },
    ),
    V(
        "d2-sciatica-no-bladder-problems",
        GP,
        "lumbar_radiculopathy",
        "D2",
        "sciatica flaring up again, pain shoots from my bum down my leg to my heal, no problems with my bladder",
        {"red_flags": "none of them", "both_feet": "just the left side", "numbness_area": "no", "diabetes": "no"},
    ),
    # ---------------------------------------------------------------- D3 calcaneal stress fracture
    V(
        "d3-marathon-deep-ache-squeeze",
        GP,
        "calcaneal_stress_fracture",
        "D3",
        "I upped my mileage a lot training for a marathon and now there's a deep ache in my heel even when "
        "I'm resting, and it hurts when I squeeze the sides of my heel",
        {
            "red_flags": "no",
            "numbness_area": "no numbness",
            "back_pain": "no",
            "both_feet": "just one",
            "diabetes": "no",
        },
    ),
    V(
        "d3-concrete-aches-in-bed",
        GP,
        "calcaneal_stress_fracture",
        "D3",
        "started running on concrete instead of the treadmill a month ago and now my heel aches all the time, "
        "even in bed",
        {
            "red_flags": "none",
            "numbness_area": "no tingling or anything",
            "back_pain": "nope",
            "both_feet": "just the one",
            "diabetes": "nope",
        },
    ),
    # ---------------------------------------------------------------- D4 tarsal tunnel syndrome
    V(
        "d4-sole-toes-tinel-all-in-one",
        GP,
        "tarsal_tunnel_syndrome",
        "D4",
        "burning and tingling in the sole of my foot and my toes, worse at night, and if I tap behind my ankle "
        "bone it sets it off. Only my left foot, no back problems, not diabetic",
        {"red_flags": "no"},
    ),
    V(
        "d4-tingleing-arch-typos",
        GP,
        "tarsal_tunnel_syndrome",
        "D4",
        "tingleing in my arch and toes and my heal hurts when I've been stood up all day",
        {
            "red_flags": "nah",
            "both_feet": "just the one foot",
            "back_pain": "no",
            "pain_character": "burning",
            "training_increase": "no",
            "diabetes": "no",
        },
    ),
    V(
        "d4-answers-ball-of-foot",
        GP,
        "tarsal_tunnel_syndrome",
        "D4",
        "my foot hurts",
        {
            "red_flags": "none of them",
            "pain_character": "burning",
            "both_feet": "left foot only",
            "back_pain": "no",
            "pain_location": "along the bottom of my foot and into my toes",
            "numbness_area": "pins and needles in my toes",
            "diabetes": "no",
        },
    ),
    # ---------------------------------------------------------------- D5 medial calcaneal nerve entrapment
    V(
        "d5-self-care-all-in-one",
        HOME,
        "medial_calcaneal_nerve_entrapment",
        "D5",
        "For the last 10 days I've had a burning pain on the inner side of my heel, worse when I run. "
        "Only my left foot, no numbness, no back pain, and I'm not diabetic.",
        {"red_flags": "none of these"},
    ),
    V(
        "d5-electric-inner-heel-two-months",
        GP,
        "medial_calcaneal_nerve_entrapment",
        "D5",
        "electric shocks on the inside of my heel, mostly when I'm running",
        {
            "red_flags": "no",
            "numbness_area": "no numbness",
            "both_feet": "just the right",
            "back_pain": "no",
            "duration_weeks": "about two months",
            "diabetes": "no",
        },
    ),
    V(
        "d5-dont-know-answers-self-care",
        HOME,
        "medial_calcaneal_nerve_entrapment",
        "D5",
        "hi",
        {
            "red_flags": "no",
            "pain_character": "burning, like it's on fire",
            "both_feet": "only the one foot",
            "back_pain": "nope",
            "pain_location": "inner heel",
            "numbness_area": "not sure to be honest",
            "duration_weeks": "about a week",
            "diabetes": "I don't know",
        },
    ),
    V(
        "d5-numb-patch-tight-boots-consultation",
        GP,
        "medial_calcaneal_nerve_entrapment",
        "D5",
        "there's a numb patch on the inside of my heel and it burns, been going on about 3 months, "
        "my work boots are really tight",
        {
            "red_flags": "none",
            "both_feet": "no just one",
            "back_pain": "no",
            "pain_location": "on the inside of the heel",
            "diabetes": "no",
        },
    ),
    V(
        "d5-burnin-heal-typos-self-care",
        HOME,
        "medial_calcaneal_nerve_entrapment",
        "D5",
        "burnin pain inside of my heal since last week, gets worse when i go jogging",
        {
            "red_flags": "nope none",
            "numbness_area": "no numbness or tingling",
            "both_feet": "just the one foot",
            "back_pain": "no",
            "diabetes": "not diabetic",
        },
    ),
    V(
        "d5-shocks-couple-of-months-answers",
        GP,
        "medial_calcaneal_nerve_entrapment",
        "D5",
        "hello",
        {
            "red_flags": "no fever, no numbness between my legs, my bladder is fine and my foot's a normal colour",
            "pain_character": "like electric shocks",
            "both_feet": "just my right foot",
            "back_pain": "no",
            "pain_location": "inner heel",
            "numbness_area": "nope",
            "duration_weeks": "a couple of months I think",
            "diabetes": "no",
        },
    ),
    # ---------------------------------------------------------------- D6 plantar fasciitis
    V(
        "d6-first-steps-three-months-all-in-one",
        GP,
        "plantar_fasciitis",
        "D6",
        "Sharp stabbing pain under my heel, worst first thing in the morning, gets better once I've walked "
        "around a bit. No numbness or tingling. Had it about 3 months.",
        {
            "red_flags": "no",
            "back_pain": "no",
            "both_feet": "just the left",
            "training_increase": "no",
            "diabetes": "no",
        },
    ),
    V(
        "d6-out-of-bed-a-week-self-care",
        HOME,
        "plantar_fasciitis",
        "D6",
        "my heel's been killing me for about a week, worst when I get out of bed",
        {
            "red_flags": "nope",
            "pain_character": "sharp, like stepping on a nail",
            "numbness_area": "no",
            "back_pain": "no",
            "pain_location": "underneath my heel",
            "both_feet": "one",
            "diabetes": "no",
        },
    ),
    V(
        "d6-planter-stabing-typos-consultation",
        GP,
        "plantar_fasciitis",
        "D6",
        "I think I've got planter fasciitis, stabing pain under my heal when I get up in the mornings",
        {
            "red_flags": "none of these",
            "numbness_area": "no pins and needles",
            "back_pain": "no",
            "duration_weeks": "about 6 weeks",
            "both_feet": "just one",
            "diabetes": "no",
        },
    ),
    V(
        "d6-a-few-days-answers-self-care",
        HOME,
        "plantar_fasciitis",
        "D6",
        "hi",
        {
            "red_flags": "no",
            "pain_character": "stabbing",
            "numbness_area": "none",
            "back_pain": "no",
            "pain_location": "bottom of my heel",
            "first_step_pain": "yes, the first few steps in the morning are agony",
            "duration_weeks": "a few days",
            "both_feet": "one foot",
            "diabetes": "no",
        },
    ),
    V(
        "d6-denied-warning-signs-mid-interview",
        GP,
        "plantar_fasciitis",
        "D6",
        "stabbing pain under my heel when I first stand up in the morning, for about two months",
        {
            "red_flags": "no",
            "numbness_area": "no",
            "back_pain": "no",
            "both_feet": "just the one foot",
            "diabetes": "no",
        },
        mid=Mid(1, "and just so you know, no fever, no redness and my bladder's fine"),
    ),
    # ---------------------------------------------------------------- D7 Baxter's nerve entrapment
    V(
        "d7-outer-sole-numb-four-months",
        GP,
        "baxters_nerve_entrapment",
        "D7",
        "pain under my heel for about 4 months and now the outer edge of my sole has gone numb",
        {
            "red_flags": "none",
            "both_feet": "just my left",
            "back_pain": "no",
            "pain_character": "a dull ache",
            "training_increase": "no, I don't run",
            "diabetes": "no",
        },
    ),
    V(
        "d7-little-toe-weak-outer-sole-numb",
        GP,
        "baxters_nerve_entrapment",
        "D7",
        "I've had pain under my heel for about 6 months and the outside of my sole feels numb now, "
        "and my little toe feels weak",
        {
            "red_flags": "no",
            "both_feet": "one foot",
            "back_pain": "no",
            "pain_character": "aching",
            "training_increase": "no",
            "diabetes": "no",
        },
    ),
    # ---------------------------------------------------------------- D8 inconclusive
    V(
        "d8-back-of-heel-ache-six-weeks",
        GP,
        "inconclusive",
        "D8",
        "my heel hurts at the back, just above where the shoe rubs",
        {
            "red_flags": "no",
            "pain_character": "more of an ache really",
            "numbness_area": "no numbness",
            "back_pain": "no",
            "training_increase": "no",
            "pain_location": "the back of my heel",
            "duration_weeks": "about 6 weeks",
            "both_feet": "one",
            "diabetes": "no",
        },
    ),
    V(
        "d8-hard-to-describe-five-days",
        HOME,
        "inconclusive",
        "D8",
        "hi",
        {
            "red_flags": "none",
            "pain_character": "hard to describe, I don't know really",
            "numbness_area": "no",
            "back_pain": "no",
            "training_increase": "nope",
            "pain_location": "back of my heel",
            "first_step_pain": "no",
            "duration_weeks": "5 days",
            "both_feet": "one",
            "diabetes": "no",
            "severe_pain": "not really, it's manageable",
        },
    ),
    V(
        "d8-achilles-ache-few-months",
        GP,
        "inconclusive",
        "D8",
        "aching heel, right at the back where my achilles is",
        {
            "red_flags": "nope",
            "numbness_area": "no",
            "back_pain": "no",
            "training_increase": "no",
            "duration_weeks": "I can't remember exactly, a good few months",
            "both_feet": "one",
            "diabetes": "no",
        },
    ),
    V(
        "d3-training-revealed-by-answer",
        GP,
        "calcaneal_stress_fracture",
        "D3",
        "deep aching pain in my heel, even at rest",
        {
            "red_flags": "nope",
            "numbness_area": "no",
            "back_pain": "no",
            "both_feet": "just the one",
            "training_increase": "yes, I doubled my running for a half marathon",
            "diabetes": "no",
        },
    ),
    V(
        "d5-inner-heel-bare-answers-consultation",
        GP,
        "medial_calcaneal_nerve_entrapment",
        "D5",
        "hi",
        {
            "red_flags": "none of those thanks",
            "pain_character": "electric shock type pain",
            "both_feet": "only one foot",
            "back_pain": "no",
            "pain_location": "inner heel",
            "numbness_area": "inner heel",
            "duration_weeks": "3 weeks",
            "diabetes": "no",
        },
    ),
    V(
        "d6-bare-yes-nope-consultation",
        GP,
        "plantar_fasciitis",
        "D6",
        "heel pain",
        {
            "red_flags": "nope",
            "pain_character": "sharp",
            "numbness_area": "nope",
            "back_pain": "nope",
            "pain_location": "under the heel",
            "first_step_pain": "yes",
            "duration_weeks": "about two months",
            "both_feet": "just the one",
            "diabetes": "nope",
        },
    ),
    # ---------------------------------------------------------------- traps: hypotheticals, history, denials
    V(
        "d5-hypothetical-warning-signs-self-care",
        HOME,
        "medial_calcaneal_nerve_entrapment",
        "D5",
        "burning on the inside of my heel since I got new work boots about 10 days ago",
        {
            "red_flags": "no, though I'd be worried if it went red or cold",
            "both_feet": "only the left one",
            "back_pain": "nope",
            "numbness_area": "no numbness",
            "diabetes": "no, my dad is though",
        },
    ),
    V(
        "d6-sprained-years-ago-five-weeks",
        GP,
        "plantar_fasciitis",
        "D6",
        "I sprained my ankle years ago but this is different: stabbing pain under my heel when I get out of bed, "
        "about 5 weeks now",
        {
            "red_flags": "none of those",
            "numbness_area": "nope",
            "back_pain": "no",
            "both_feet": "one foot",
            "diabetes": "no",
        },
    ),
    V(
        "d8-tripped-but-can-walk-self-care",
        HOME,
        "inconclusive",
        "D8",
        "I tripped on the stairs 5 days ago and my heel’s been sore since, but I can walk on it fine and "
        "there was no crack or anything",
        {
            "red_flags": "no",
            "pain_character": "a dull ache really",
            "numbness_area": "no",
            "back_pain": "no",
            "training_increase": "no",
            "pain_location": "under my heel",
            "first_step_pain": "no, it's the same all day",
            "both_feet": "one",
            "diabetes": "no",
            "severe_pain": "no",
        },
    ),
    # The clinical reference says D8 is "consultation if more than 2 weeks or severe".
    V(
        "d8-severe-three-days",
        GP,
        "inconclusive",
        "D8",
        "the pain in my heel is severe, honestly 9 out of 10, it started 3 days ago",
        {
            "red_flags": "none of those",
            "pain_character": "I don't know",
            "numbness_area": "no",
            "back_pain": "no",
            "training_increase": "no",
            "pain_location": "the back of my heel",
            "first_step_pain": "no",
            "both_feet": "one",
            "diabetes": "no",
        },
    ),
    # D7 is "weakness spreading the little toe, OR numbness on the outer sole after months".
    V(
        "d7-little-toe-weakness-without-numbness",
        GP,
        "baxters_nerve_entrapment",
        "D7",
        "for about 5 months I've had pain under my heel and now I can't spread my little toes apart like I can "
        "on the other foot",
        {
            "red_flags": "no",
            "pain_character": "a deep ache",
            "numbness_area": "no numbness",
            "back_pain": "no",
            "training_increase": "no",
            "first_step_pain": "no, not really",
            "both_feet": "just the one",
            "diabetes": "no",
        },
    ),
]
