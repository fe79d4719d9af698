"""What the person is told when a warning sign is found: the urgency, why, and what to do
(clinical reference, section 2). Keyed by the likely condition, and by the urgency where one
condition has two (cellulitis with a fever is an emergency, without one it is within 24 hours).

{emergency_number} and {not_a_diagnosis} are filled in by the reply (clinic/responses.py).
The Rasa server's response `utter_warning_sign` (domain.yml) shows it with the reference code.
"""

# (likely condition, urgency or None for any): what to say. The first that fits is said.
ESCALATIONS: dict[tuple[str | None, str | None], str] = {
    ("possible_warning_sign", None): (
        "⚠️ Please go to A&E (the emergency department) now. I couldn't tell from your answers whether "
        "you have one of these warning signs, or which one, so I'm giving you the cautious advice. Call "
        "{emergency_number} now if your foot has gone cold, pale or blue, or you have numbness around "
        "your bottom or new bladder or bowel problems. ({not_a_diagnosis})"
    ),
    ("acute_limb_ischaemia", None): (
        "⚠️ Please call {emergency_number} now for an ambulance. A foot that has suddenly gone cold, "
        "pale, blue or mottled can mean its blood supply is blocked, and every hour counts. Don't wait "
        "to see if it improves, and don't walk on it. ({not_a_diagnosis})"
    ),
    ("cauda_equina_syndrome", None): (
        "⚠️ Please call {emergency_number} now. Numbness between your legs or around your bottom, or new "
        "problems controlling your bladder or bowels, can mean the nerves at the base of your spine are "
        "being squeezed. This needs emergency treatment to protect those nerves. ({not_a_diagnosis})"
    ),
    ("cellulitis", "emergency"): (
        "⚠️ Please go to A&E (the emergency department) now. A red, hot, swollen foot with a fever or "
        "feeling very unwell can be a spreading infection that needs treatment today. If you feel faint "
        "or confused, call {emergency_number}. ({not_a_diagnosis})"
    ),
    ("diabetic_foot_infection", None): (
        "⚠️ Please go to A&E now. With diabetes, a wound with a fever, spreading redness or black skin "
        "can be a serious foot infection and needs treatment straight away. If you feel very unwell, "
        "call {emergency_number}. ({not_a_diagnosis})"
    ),
    ("fracture", None): (
        "⚠️ Please go to A&E or a minor injuries unit now. After an injury, not being able to take four "
        "steps, a deformed foot or a snap you heard can mean a broken bone. Keep your weight off it and "
        "don't take ibuprofen for the first 48 hours. ({not_a_diagnosis})"
    ),
    ("charcot_foot", None): (
        "⚠️ Please be seen today: contact your diabetic foot team, GP or NHS 111 (within one working day "
        "at the latest). With diabetes, a red, hot, swollen foot can be Charcot foot. Keep your weight "
        "off it until you are seen. If you get a fever or feel unwell, go to A&E. ({not_a_diagnosis})"
    ),
    ("diabetic_foot_ulcer", None): (
        "⚠️ Please be seen today: contact your diabetic foot team, GP or NHS 111 (within one working day "
        "at the latest). With diabetes, a new wound, ulcer or colour change needs checking quickly. Keep "
        "it clean and covered. If you get a fever, spreading redness or feel unwell, go to A&E. "
        "({not_a_diagnosis})"
    ),
    ("cellulitis", None): (
        "⚠️ Please be seen today: urgent care, NHS 111 or a same-day GP appointment. Red, hot, swollen "
        "or spreading skin can be an infection that needs treatment. If you get a fever, shivers or feel "
        "very unwell, go to A&E at once. ({not_a_diagnosis})"
    ),
    ("foot_drop", None): (
        "⚠️ Please be seen today: urgent care, NHS 111 or a same-day GP appointment. New foot drop or "
        "quickly worsening weakness needs checking quickly. If you also get numbness around your bottom "
        "or bladder or bowel problems, call {emergency_number}. ({not_a_diagnosis})"
    ),
    (None, None): (
        "⚠️ What you describe is a warning sign. Please get medical help now, or call {emergency_number} "
        "if it is an emergency. ({not_a_diagnosis})"
    ),
}


def escalation(likely_condition: str | None, triage_level: str | None) -> str:
    """What to say for this outcome (the general one when no other fits)."""
    for (condition, level), text in ESCALATIONS.items():
        if condition in (likely_condition, None) and level in (triage_level, None):
            return text
    raise KeyError(likely_condition)  # unreachable: the last entry fits everything
