"""What is written in two places must say the same: the domain's slots against the
clinical core's findings, and the lists of question intents in the rules against
the domain (issue 12: no hand-kept copies that drift)."""

from pathlib import Path

import pytest
import yaml

from heel.findings import ALL_FINDINGS, EITHER_OR, UNKNOWN, VALUES, YES_NO
from heel.questions import QUESTIONS

ROOT = Path(__file__).resolve().parents[2]
ANSWER_INTENTS = {"affirm": "yes", "deny": "no", "dont_know": UNKNOWN}
SET_BY_THE_DIALOGUE = {"red_flags"}  # the safety check's answer: the warning-sign policy and the form set it


@pytest.fixture(scope="module")
def domain():
    return yaml.safe_load((ROOT / "domain.yml").read_text())


def test_every_finding_has_its_slot_with_the_cores_values(domain):
    for name in ALL_FINDINGS:
        slot = domain["slots"].get(name)
        assert slot is not None, f"domain.yml has no slot {name!r} (heel/findings.py)"
        if name in VALUES:
            assert slot["type"] == "categorical", name
            assert tuple(slot["values"]) == VALUES[name], f"{name}: domain.yml {slot['values']} != {VALUES[name]}"
        kinds = {m.get("type") for m in slot["mappings"]}
        if name in SET_BY_THE_DIALOGUE:
            assert kinds == {"custom"}, name
        else:
            assert any(m.get("type") == "from_entity" and m.get("entity") == name for m in slot["mappings"]), name


def test_a_yes_no_finding_takes_yes_no_and_dont_know_while_it_is_asked(domain):
    for name, values in VALUES.items():
        if values != YES_NO or name not in QUESTIONS:  # a finding never asked is only read from words
            continue
        by_intent = {m["intent"]: m for m in domain["slots"][name]["mappings"] if m.get("type") == "from_intent"}
        if name in EITHER_OR:  # "yes" to "both feet, or one?" answers nothing: only "I don't know" maps
            assert set(by_intent) == {"dont_know"}, name
            continue
        assert set(by_intent) == set(ANSWER_INTENTS), name
        for intent, value in ANSWER_INTENTS.items():
            mapping = by_intent[intent]
            assert mapping["value"] == value, (name, intent)
            assert mapping["conditions"] == [{"active_loop": "prescreen_form", "requested_slot": name}], name


def question_intents(domain):
    names = (i if isinstance(i, str) else next(iter(i)) for i in domain["intents"])
    return {name for name in names if name.startswith(("ask_", "chitchat_"))}


def intent_lists(rules_file: Path):
    """Every `or:` list of intents in a rules file that is all questions or chitchat."""
    for rule in yaml.safe_load(rules_file.read_text())["rules"]:
        for step in rule.get("steps", []):
            if isinstance(step, dict) and "or" in step:
                names = [s["intent"] for s in step["or"] if "intent" in s]
                if names and all(n.startswith(("ask_", "chitchat_")) for n in names):
                    yield rule["rule"], set(names)


@pytest.mark.parametrize("rules_file", ["data/rules/interruptions.yml", "data/rules/conversation.yml"])
def test_each_list_of_question_intents_is_the_domains(domain, rules_file):
    expected = question_intents(domain)
    lists = list(intent_lists(ROOT / rules_file))
    assert lists, f"no list of question intents in {rules_file}"
    for rule, names in lists:
        assert names == expected, (rule, sorted(expected ^ names))
