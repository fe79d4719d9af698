"""Self-care advice: the cautions that depend on diabetes and injury (hazard H7)."""

import pytest

from heel.advice import ADVICE, ICE_CAREFUL, NO_IBUPROFEN, advice_for


@pytest.mark.parametrize("condition", sorted(ADVICE))
def test_people_with_diabetes_are_warned_about_ice_and_heat(condition):
    with_diabetes = advice_for(condition, diabetes="yes")
    assert with_diabetes.count(ICE_CAREFUL) == 1
    assert [c for c in with_diabetes if c != ICE_CAREFUL] == [c for c in ADVICE[condition] if c != ICE_CAREFUL]


@pytest.mark.parametrize("condition", sorted(ADVICE))
def test_without_diabetes_the_advice_is_the_references(condition):
    assert advice_for(condition, diabetes="no") == ADVICE[condition]


def test_after_an_injury_ibuprofen_is_advised_against():
    assert NO_IBUPROFEN in advice_for("calcaneal_stress_fracture", injury="yes")
    assert NO_IBUPROFEN not in advice_for("calcaneal_stress_fracture", injury="no")
