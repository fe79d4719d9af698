"""Mentions, and where the pain or numbness they speak of is: a location belongs to the
nearest pain or numbness word of its sentence (components/clinical_text.py)."""

from dataclasses import dataclass
from typing import Dict, List, Optional

NUMBNESS_AREA_OF_LOCATION = {"under_heel": "inner_heel", "back_of_heel": "inner_heel"}


@dataclass
class Mention:
    """A target the reader found, with what its context says about it."""

    category: str
    value: object
    start: int  # token indices
    end: int
    char_start: int
    char_end: int
    text: str
    sent: int
    negated: bool
    discarded: bool  # hypothetical or about someone else
    historical: bool  # over, or a habit of years
    explained: bool  # a warning sign with an ordinary cause ("numb bum from cycling")
    denied_by: frozenset = frozenset()  # the names of the context cues that deny it


def place_location(location: Mention, numbness: List[Mention], pains: List[Mention], add, place) -> Optional[Mention]:
    """A location belongs to the nearest numbness or pain word in its sentence
    (numbness wins a tie). Returns that word, or None for a bare location."""

    def distance(m: Mention) -> int:
        return min(abs(m.start - location.end), abs(location.start - m.end))

    near = [(distance(m), 0 if m.category == "numbness" else 1, m) for m in numbness + pains if m.sent == location.sent]
    if not near:
        add("location", location.value, location)
        return None
    gap, kind, symptom = min(near, key=lambda x: (x[0], x[1]))
    if kind == 0:
        place("numbness_area", NUMBNESS_AREA_OF_LOCATION.get(location.value, location.value), location, gap)
    else:
        place("pain_location", location.value, location, gap)
    return symptom


def share_location(live: List[Mention], pains: List[Mention], located: Dict[int, Mention], add) -> None:
    """ "A numb patch on the inside of my heel and it burns": when a sentence
    names one place, and a pain word in it has no place of its own, the pain
    is where the numbness is."""
    for pain in pains:
        places = [m for m in live if m.category == "location" and m.sent == pain.sent and not m.negated]
        if id(pain) in located or len(places) != 1:
            continue
        place = places[0]
        if place in located.values():
            add("pain_location", place.value, place)
            return
