"""What the person is told at an escalation comes from the clinical core, one text per outcome."""

import pytest

from heel.escalations import ESCALATIONS, escalation
from heel.warning_signs import RULES, UNCLEAR_RULE

GENERAL = ESCALATIONS[(None, None)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.rule)
def test_every_warning_sign_has_its_own_words(rule):
    said = escalation(rule.condition, rule.level)
    assert said != GENERAL, rule.rule
    assert "{not_a_diagnosis}" in said
    if rule.level in ("emergency_ambulance",):
        assert "call {emergency_number} now" in said.lower()


def test_the_cautious_outcome_and_anything_unknown_have_words_too():
    assert "couldn't tell" in escalation("possible_warning_sign", "emergency")
    assert escalation("something_new", "emergency") == GENERAL
    assert UNCLEAR_RULE


def test_the_reply_fills_them_in():
    from clinic.responses import template_values

    values = template_values()
    for text in ESCALATIONS.values():
        filled = text.format_map(values)
        assert "{" not in filled and "not a diagnosis" in filled
