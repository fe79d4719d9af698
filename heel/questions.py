"""The interview's questions, with buttons and a fuller explanation for when
an answer was unclear. Sent by the form validation action (plain Python data)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    text: str
    explanation: str
    buttons: tuple[tuple[str, str], ...] = ()

    def button_dicts(self) -> list[dict[str, str]]:
        return [{"title": title, "payload": payload} for title, payload in self.buttons]


YES_NO_UNKNOWN = (("Yes", "/affirm"), ("No", "/deny"), ("I don't know", "/dont_know"))

QUESTIONS: dict[str, Question] = {
    "red_flags": Question(
        "First, a safety check. Do you have any of these right now?\n- a foot that has suddenly gone cold, pale, blue or mottled\n- numbness between your legs or around your bottom, or new problems controlling your bladder or bowels\n- a red, hot, swollen foot with a fever or feeling very unwell\n- diabetes and a wound or sore on the foot with a fever, spreading redness or blackened skin\n- diabetes and a new wound, ulcer or change of colour on the foot\n- an injury after which you can't put weight on the foot\n- a foot that drops or slaps the ground, or toes you can't lift",
        'I ask this first because these signs need help straight away, whatever else is going on. Please answer "none of these", or tell me which one applies, for example "my foot has gone pale and cold".',
        (
            ("None of these", "/deny"),
            ("Cold, pale or blue foot", '/inform{"warning_sign": "cold_pale_foot"}'),
            ("Numb bottom or bladder/bowel problems", '/inform{"warning_sign": "saddle_numbness"}'),
            ("Red, hot, swollen and a fever", '/inform{"warning_sign": ["red_hot_swollen", "fever"]}'),
            (
                "Diabetes: infected or black wound",
                '/inform{"warning_sign": ["wound", "black_skin"], "diabetes": "yes"}',
            ),
            (
                "Diabetes: new wound or colour change",
                '/inform{"warning_sign": ["wound", "colour_change"], "diabetes": "yes"}',
            ),
            ("Can't put weight on it after an injury", '/inform{"warning_sign": ["injury", "cannot_bear_weight"]}'),
            ("Foot drop or weakness", '/inform{"warning_sign": "foot_drop"}'),
        ),
    ),
    "pain_location": Question(
        "Where exactly is the pain?",
        'Where it hurts helps tell the heel nerves apart. For example: "on the inside of my heel", "under my heel" or "in my arch and toes".',
        (
            ("Inner side of the heel", '/inform{"pain_location": "inner_heel"}'),
            ("Under the heel", '/inform{"pain_location": "under_heel"}'),
            ("Sole, arch or toes", '/inform{"pain_location": "sole_toes"}'),
            ("Back of the heel", '/inform{"pain_location": "back_of_heel"}'),
            ("Outer edge of the foot", '/inform{"pain_location": "outer_edge"}'),
            ("I don't know", "/dont_know"),
        ),
    ),
    "pain_character": Question(
        "What does the pain feel like?",
        'Nerve pain often burns or feels like electric shocks; a strained tissue is more often sharp or stabbing. For example: "it burns" or "a sharp stab".',
        (
            ("Burning", '/inform{"pain_character": "burning"}'),
            ("Electric or shooting", '/inform{"pain_character": "electric"}'),
            ("Sharp or stabbing", '/inform{"pain_character": "sharp"}'),
            ("Deep ache", '/inform{"pain_character": "aching"}'),
            ("I don't know", "/dont_know"),
        ),
    ),
    "numbness_area": Question(
        "Do you have any numbness, tingling or pins and needles? If so, where?",
        'Where numbness or tingling goes is the best clue to which nerve is involved: the inner heel only, or the sole and toes. For example: "tingling in my toes" or "no numbness".',
        (
            ("No numbness or tingling", '/inform{"numbness_area": "none"}'),
            ("Only on the inner heel", '/inform{"numbness_area": "inner_heel"}'),
            ("Sole, arch or toes", '/inform{"numbness_area": "sole_toes"}'),
            ("Outer edge of the sole", '/inform{"numbness_area": "outer_edge"}'),
            ("Both feet, like a sock", '/inform{"numbness_area": "whole_foot", "both_feet": "yes"}'),
            ("I don't know", "/dont_know"),
        ),
    ),
    "first_step_pain": Question(
        "Is it worst with your first steps in the morning, or after sitting, and then eases as you walk?",
        'Pain that is worst with the first steps after rest and then eases points to the plantar fascia rather than a nerve. Please answer yes or no, or "I don\'t know".',
        YES_NO_UNKNOWN,
    ),
    "night_symptoms": Question(
        "Does it bother you at night or wake you up?",
        'Nerve pain is often worse at night. Please answer yes or no, or "I don\'t know".',
        YES_NO_UNKNOWN,
    ),
    "tinel_sign": Question(
        "If you tap just behind the bony bump on the inside of your ankle, does it set off tingling or burning?",
        "This is a Tinel test: tapping over a trapped nerve sets off its symptoms. Please answer yes or no, or \"I don't know\" if you'd rather not try.",
        YES_NO_UNKNOWN,
    ),
    "worse_with_activity": Question(
        "Does running, walking or standing for a long time make it worse?",
        'Activity that makes it worse helps tell nerve entrapment from other causes. Please answer yes or no, or "I don\'t know".',
        YES_NO_UNKNOWN,
    ),
    "both_feet": Question(
        "Is it in both feet, or just one?",
        'Symptoms in both feet point to the nerves as a whole rather than one trapped nerve. For example: "only my left foot" or "both feet".',
        (
            ("Both feet", '/inform{"both_feet": "yes"}'),
            ("Just one foot", '/inform{"both_feet": "no"}'),
            ("I don't know", "/dont_know"),
        ),
    ),
    "back_pain": Question(
        "Do you have low back pain that spreads down your leg?",
        'A trapped nerve in the lower back can cause heel pain. Please answer yes or no, or "I don\'t know".',
        YES_NO_UNKNOWN,
    ),
    "diabetes": Question(
        "Do you have diabetes?",
        'Diabetes changes what is safe (for example with ice and heat) and how soon you should be seen. Please answer yes or no, or "I don\'t know".',
        YES_NO_UNKNOWN,
    ),
    "recent_injury": Question(
        "Did this start after an injury, such as a fall, landing from a height or a twist?",
        'After an injury, some signs mean a broken bone. Please answer yes or no, or "I don\'t know".',
        YES_NO_UNKNOWN,
    ),
    "training_increase": Question(
        "Have you recently increased your running or training a lot, or started running on a harder surface?",
        'A sudden rise in training can cause a stress fracture of the heel bone. Please answer yes or no, or "I don\'t know".',
        YES_NO_UNKNOWN,
    ),
    "duration_weeks": Question(
        "How long have you had it?",
        'How long it has lasted decides whether home care comes first. For example: "about 10 days" or "two months".',
        (
            ("Less than 2 weeks", '/inform{"duration_weeks": 1}'),
            ("2 to 6 weeks", '/inform{"duration_weeks": 4}'),
            ("6 weeks to 3 months", '/inform{"duration_weeks": 9}'),
            ("Longer", '/inform{"duration_weeks": 26}'),
            ("I don't know", "/dont_know"),
        ),
    ),
    "flat_feet": Question(
        "Do you have flat feet, or does your foot roll inwards when you walk?",
        'A foot that rolls in can stretch and pinch the heel nerve. Please answer yes or no, or "I don\'t know".',
        YES_NO_UNKNOWN,
    ),
    "footwear": Question(
        "Are your usual shoes tight, worn out or unsupportive?",
        'Shoes that pinch can press on the nerve. Please answer yes or no, or "I don\'t know".',
        YES_NO_UNKNOWN,
    ),
    "severe_pain": Question(
        "Is the pain severe: bad enough to stop you walking, working or sleeping?",
        'Severe pain needs a clinician even when it is recent. Please answer yes or no, or "I don\'t know".',
        YES_NO_UNKNOWN,
    ),
}

DID_NOT_UNDERSTAND = "Sorry, I didn't quite get that."
WHICH_SIGN = (
    'Which one is it? Please choose the one that fits, or "None of these". If you are not sure, '
    "choose the closest: I'd rather be cautious."
)
SKIP_QUESTION = "No problem, let's leave that one."
NEED_MORE = "I need a little more information before I can give you a result."
