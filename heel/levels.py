"""Urgency levels (Infermedica triage names), most urgent first: one table of what each
is called for the clinic's staff, for the person, and what the person should do."""

from typing import NamedTuple


class Level(NamedTuple):
    for_staff: str  # the front desk, the FHIR display, a clinician's reading
    for_person: str  # the person's own summary of the outcome
    title: str  # the headline of the outcome card on the web page
    what_to_do: str  # the instruction in the outcome ({emergency_number} is the clinic's)


TABLE: dict[str, Level] = {
    "emergency_ambulance": Level(
        "Emergency: call an ambulance now",
        "emergency, call an ambulance now",
        "Call emergency services now",
        "Call {emergency_number} now for an ambulance.",
    ),
    "emergency": Level(
        "Emergency: emergency department now",
        "emergency, go to A&E now",
        "Go to A&E now",
        "Go to an emergency department (A&E) or a minor injuries unit now.",
    ),
    "consultation_24": Level(
        "Urgent: be seen within 24 hours",
        "urgent, be seen today",
        "Be seen today",
        "Be seen today: urgent care, NHS 111 or a same-day GP appointment "
        "(the diabetic foot team within one working day).",
    ),
    "consultation": Level(
        "Routine: appointment with a GP, physiotherapist or podiatrist",
        "see a clinician in the next days to weeks",
        "Book an appointment",
        "Book an appointment with a GP, physiotherapist or podiatrist in the next days to weeks.",
    ),
    "self_care": Level(
        "Self-care at home, with safety-netting",
        "self-care at home",
        "Self-care at home",
        "You can manage this at home with the advice below. See a clinician if it is "
        "no better after 2 weeks, or at once if a warning sign appears.",
    ),
}
LEVELS = tuple(TABLE)
FOR_STAFF = {name: level.for_staff for name, level in TABLE.items()}
FOR_PERSON = {name: level.for_person for name, level in TABLE.items()}
TITLES = {name: level.title for name, level in TABLE.items()}
WHAT_TO_DO = {name: level.what_to_do for name, level in TABLE.items()}


def rank(level: str) -> int:
    """0 for the most urgent level; a larger number is less urgent."""
    return LEVELS.index(level)
