"""Hypothesis strategies for the findings (heel/findings.py): an answer to every
question, or only some of them, as the interview tests draw them."""

from hypothesis import strategies as st

from heel import warning_signs
from heel.findings import ALL_FINDINGS, VALUES

durations = st.one_of(
    st.floats(min_value=0, max_value=200, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.5, 1.0, 2.0, 2.5, 3.0, 8.0, 13.0]),  # the thresholds and either side
    st.just("unknown"),
)
# The screen answer: nothing, or a few of the features the screen can report.
screens = st.one_of(
    st.just([]),
    st.lists(st.sampled_from(sorted(warning_signs.FEATURES)), max_size=3, unique=True),
)


def answer(slot):
    """The answers a person can give to `slot`'s question."""
    if slot == "red_flags":
        return screens
    if slot == "duration_weeks":
        return durations
    return st.sampled_from(VALUES[slot])


full_answers = st.fixed_dictionaries({slot: answer(slot) for slot in ALL_FINDINGS})
partial_findings = st.fixed_dictionaries({}, optional={slot: answer(slot) for slot in ALL_FINDINGS})
