"""Urgency levels (Infermedica triage names), most urgent first."""

LEVELS = ("emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care")

WHAT_TO_DO = {
    "emergency_ambulance": "Call {emergency_number} now for an ambulance.",
    "emergency": "Go to an emergency department (A&E) or a minor injuries unit now.",
    "consultation_24": "Be seen today: urgent care, NHS 111 or a same-day GP appointment "
    "(the diabetic foot team within one working day).",
    "consultation": "Book an appointment with a GP, physiotherapist or podiatrist in the next days to weeks.",
    "self_care": "You can manage this at home with the advice below. See a clinician if it is "
    "no better after 2 weeks, or at once if a warning sign appears.",
}


def rank(level: str) -> int:
    """0 for the most urgent level; a larger number is less urgent."""
    return LEVELS.index(level)
