"""The published FHIR R4 Questionnaire every pre-screening answers, generated from the clinical core.

One source: the items come from the findings (heel/findings.py),
the interview's wording (heel/questions.py), the warning signs, the
differential's rules, the urgency levels and the conditions. Nothing is copied
by hand, and the version is a hash of the generated items: a change to the
findings, their values or the wording publishes a new version.

SDC conventions (Structured Data Capture):
- one item per finding, `linkId` = the finding's name, with its `type`
  (boolean for yes/no, choice with `answerOption`, quantity in UCUM weeks);
- `enableWhen` where the interview skips a question: "Which one is it?" is
  asked only after a yes to the safety check; the SNOMED CT code of the likely
  condition exists only for the conditions that have one;
- findings the interview never asks, only records when the person mentions
  them, are `questionnaire-hidden`;
- the outcome (urgency, likely condition, rule, reasons) is `readOnly`: the
  assistant fills it in, never the person.
"""

import hashlib
import json
from functools import lru_cache
from typing import Any

from heel.advice import CONDITION_NAMES, NOT_A_DIAGNOSIS
from heel.assessment import QUESTION_ORDER
from heel.differential import PATTERNS
from heel.findings import ALL_FINDINGS, LABELS, UNKNOWN, VALUES, YES, YES_NO
from heel.levels import LEVELS
from heel.questions import QUESTIONS, WHICH_SIGN
from heel.summary import ANSWERS
from heel.warning_signs import FEATURES, RULES

from .terminology import (
    ASKED_UNKNOWN_CODING,
    CONDITION_SNOMED,
    UCUM,
    URGENCY_DISPLAY,
    URGENCY_SYSTEM,
    project_system,
    snomed_coding,
)

# Canonical URLs are identifiers, never fetched: every deployment serves the
# Questionnaire at [its base]/fhir/Questionnaire/heel-nerve-prescreen. `.example`
# is a reserved name (RFC 2606), so no one else can ever own these URLs.
CANONICAL_BASE = "http://heelcheck.example/fhir"
QUESTIONNAIRE_ID = "heel-nerve-prescreen"
URL = f"{CANONICAL_BASE}/Questionnaire/{QUESTIONNAIRE_ID}"
HIDDEN = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden"
UNIT_OPTION = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"

# The safety screen's "yes": which warning signs (the answer to "Which one is it?").
WARNING_SIGNS = "warning_signs"
OUTCOME = ("triage_level", "likely_condition", "likely_condition_snomed", "rule", "reasons")
# What the interview asks (heel/assessment.py next_question): the
# safety screen, its two context questions (warning_signs.missing_context), and
# every finding the differential can still need. The rest is recorded only
# when the person mentions it.
ASKED = {"red_flags", "diabetes", "recent_injury", *QUESTION_ORDER}


def coding(name: str, code: str, display: str) -> dict[str, str]:
    return {"system": project_system(name), "code": code, "display": display}


def value_display(name: str, value: str) -> str:
    """The plain words for a coded finding's value."""
    if name in LABELS and value in LABELS[name]:
        return LABELS[name][value]
    if name in ANSWERS and value in ANSWERS[name]:
        return ANSWERS[name][value]
    return value.replace("_", " ")


def is_boolean(name: str) -> bool:
    return VALUES.get(name) == YES_NO


def _question_text(name: str) -> str:
    question = QUESTIONS.get(name)
    if question is None:  # never asked: what a yes records, as a question
        text = ANSWERS[name][YES]
        return text[0].upper() + text[1:] + "?"
    if is_boolean(name) and question.buttons:
        # an either/or question ("Both feet, or just one?"): say which answer is "yes"
        yes = [title for title, payload in question.buttons if f'"{name}": "{YES}"' in payload]
        if yes:
            return f"{question.text} (Yes: {yes[0]})"
    return question.text


def _finding_item(name: str) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": name, "text": _question_text(name)}
    if name == "red_flags":
        item["type"] = "boolean"  # "Do you have any of these right now?"
    elif name == "duration_weeks":
        item["type"] = "quantity"
        item["extension"] = [{"url": UNIT_OPTION, "valueCoding": {"system": UCUM, "code": "wk", "display": "weeks"}}]
    elif is_boolean(name):
        item["type"] = "boolean"
    else:
        item["type"] = "choice"
        item["answerOption"] = [
            {"valueCoding": coding(name, value, value_display(name, value))}
            for value in VALUES[name]
            if value != UNKNOWN
        ]
        item["answerOption"].append({"valueCoding": dict(ASKED_UNKNOWN_CODING)})
    if name not in ASKED:
        item["extension"] = item.get("extension", []) + [{"url": HIDDEN, "valueBoolean": True}]
    return item


def _warning_signs_item() -> dict[str, Any]:
    return {
        "linkId": WARNING_SIGNS,
        "text": WHICH_SIGN,
        "type": "choice",
        "repeats": True,
        "required": True,
        "enableWhen": [{"question": "red_flags", "operator": "=", "answerBoolean": True}],
        "answerOption": [{"valueCoding": coding("red_flags", feature, text)} for feature, text in FEATURES.items()],
    }


def _outcome_items() -> list[dict[str, Any]]:
    rules = [(sign.rule, sign.summary) for sign in RULES] + [(p.rule, p.summary) for p in PATTERNS]
    mapped = [condition for condition in CONDITION_NAMES if condition in CONDITION_SNOMED]
    return [
        {
            "linkId": "triage_level",
            "text": "Urgency (Infermedica triage level)",
            "type": "choice",
            "required": True,
            "readOnly": True,
            "answerOption": [
                {"valueCoding": {"system": URGENCY_SYSTEM, "code": level, "display": URGENCY_DISPLAY[level]}}
                for level in LEVELS
            ],
        },
        {
            "linkId": "likely_condition",
            "text": "Most likely explanation (pre-screening, not a diagnosis)",
            "type": "choice",
            "required": True,
            "readOnly": True,
            "answerOption": [
                {"valueCoding": coding("likely_condition", condition, name)}
                for condition, name in CONDITION_NAMES.items()
            ],
        },
        {
            "linkId": "likely_condition_snomed",
            "text": "Most likely explanation, in SNOMED CT",
            "type": "choice",
            "readOnly": True,
            "enableBehavior": "any",
            "enableWhen": [
                {
                    "question": "likely_condition",
                    "operator": "=",
                    "answerCoding": coding("likely_condition", condition, CONDITION_NAMES[condition]),
                }
                for condition in mapped
            ],
            "answerOption": [{"valueCoding": snomed_coding(condition)} for condition in mapped],
        },
        {
            "linkId": "rule",
            "text": "The rule of the clinical policy that decided",
            "type": "choice",
            "required": True,
            "readOnly": True,
            "answerOption": [{"valueCoding": coding("rule", rule, summary)} for rule, summary in rules],
        },
        {"linkId": "reasons", "text": "Why", "type": "string", "repeats": True, "required": True, "readOnly": True},
    ]


def items() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name in ALL_FINDINGS:
        out.append(_finding_item(name))
        if name == "red_flags":
            out.append(_warning_signs_item())
    return out + _outcome_items()


def version_of(generated: list[dict[str, Any]]) -> str:
    """A hash of the items: the same clinical core gives the same version, any change a new one."""
    text = json.dumps(generated, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


@lru_cache(maxsize=1)
def _current_json() -> str:
    generated = items()
    return json.dumps(
        {
            "resourceType": "Questionnaire",
            "id": QUESTIONNAIRE_ID,
            "url": URL,
            "version": version_of(generated),
            "name": "HeelNervePrescreen",
            "title": "Heel nerve pain pre-screening",
            "status": "active",
            "experimental": False,
            "subjectType": ["Patient"],
            "publisher": "heelcheck",
            "description": (
                "The conversational pre-screening for burning heel pain: the warning-sign screen, the "
                "findings the interview collects, and the outcome it gives. " + NOT_A_DIAGNOSIS
            ),
            "item": generated,
        }
    )


def current() -> dict[str, Any]:
    """The Questionnaire of this clinical core (a fresh copy)."""
    return json.loads(_current_json())


def version() -> str:
    return current()["version"]


def canonical(resource: dict[str, Any] | None = None) -> str:
    """`url|version`, as each QuestionnaireResponse's `questionnaire` gives it."""
    resource = resource or current()
    return f"{resource['url']}|{resource['version']}"


@lru_cache(maxsize=1)
def texts() -> dict[str, str]:
    """Each item's text, by linkId (a response repeats it, as SDC renderers expect)."""
    return {i["linkId"]: i["text"] for i in current()["item"]}
