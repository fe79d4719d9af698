"""A finished pre-screening as a FHIR R4 QuestionnaireResponse, plus a plain summary.

The response answers the published Questionnaire (clinic/questionnaire.py,
`questionnaire` = its canonical `url|version`), in standard codes where they
exist (clinic/terminology.py). The same resource is stored, served by the
FHIR API (clinic/fhir_api.py), exported by the front desk and POSTed to the
clinic's webhook.
"""

from datetime import datetime, timezone
from typing import Any

from heel.advice import CONDITION_NAMES, NOT_A_DIAGNOSIS
from heel.assessment import Assessment
from heel.differential import PATTERNS
from heel.findings import ALL_FINDINGS, UNKNOWN, YES, describe
from heel.warning_signs import FEATURES, RULES

from . import questionnaire
from .questionnaire import WARNING_SIGNS
from .terminology import (
    ASKED_UNKNOWN_CODING,
    CONDITION_SNOMED,
    PROJECT,
    URGENCY_DISPLAY,
    URGENCY_SYSTEM,
    WEEKS,
    asked_unknown_extension,
    project_system,
    snomed_coding,
)

SYSTEM = PROJECT
REFERENCE_SYSTEM = project_system("reference")
STARTED_EXTENSION = project_system("started")
# What the front desk page shows for each urgency: the same words as the FHIR display.
LEVEL_TEXT = URGENCY_DISPLAY


def iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, tz=timezone.utc).isoformat(timespec="seconds")


def resource_id(reference_code: str) -> str:
    """ "HX4-K9P" -> "hx4k9p": the FHIR id of its QuestionnaireResponse."""
    return reference_code.replace("-", "").lower()


def _answers(name: str, value: Any) -> list[dict[str, Any]]:
    """A finding's value as answers of its Questionnaire item's type."""
    if value == UNKNOWN:  # "I don't know": asked, and the person does not know
        if questionnaire.is_boolean(name):
            return [{"_valueBoolean": {"extension": [asked_unknown_extension()]}}]
        if name == "duration_weeks":
            return [{"valueQuantity": {"extension": [asked_unknown_extension()]}}]
        return [{"valueCoding": dict(ASKED_UNKNOWN_CODING)}]
    if name == "duration_weeks":
        return [{"valueQuantity": {"value": round(float(value), 2), **WEEKS}}]
    if questionnaire.is_boolean(name):
        return [{"valueBoolean": value == YES}]
    return [{"valueCoding": questionnaire.coding(name, str(value), questionnaire.value_display(name, str(value)))}]


def _finding_items(findings: dict[str, Any]) -> list[dict[str, Any]]:
    texts = questionnaire.texts()
    items: list[dict[str, Any]] = []
    for name in ALL_FINDINGS:
        value = findings.get(name)
        if value is None:
            continue
        if name == "red_flags":  # the safety check: yes or no, then which signs
            items.append({"linkId": name, "text": texts[name], "answer": [{"valueBoolean": bool(value)}]})
            if value:
                items.append(
                    {
                        "linkId": WARNING_SIGNS,
                        "text": texts[WARNING_SIGNS],
                        "answer": [
                            {"valueCoding": questionnaire.coding(name, feature, FEATURES.get(feature, feature))}
                            for feature in value
                        ],
                    }
                )
            continue
        items.append({"linkId": name, "text": texts[name], "answer": _answers(name, value)})
    return items


def _rule_summary(rule: str) -> str:
    by_rule = {**{p.rule: p.summary for p in PATTERNS}, **{s.rule: s.summary for s in RULES}}
    return by_rule.get(rule, rule)


def _outcome_items(assessment: Assessment) -> list[dict[str, Any]]:
    texts = questionnaire.texts()
    level, condition = assessment.triage_level, assessment.likely_condition
    items = [
        {
            "linkId": "triage_level",
            "text": texts["triage_level"],
            "answer": [{"valueCoding": {"system": URGENCY_SYSTEM, "code": level, "display": URGENCY_DISPLAY[level]}}],
        },
        {
            "linkId": "likely_condition",
            "text": texts["likely_condition"],
            "answer": [
                {
                    "valueCoding": (
                        questionnaire.coding("likely_condition", condition, CONDITION_NAMES.get(condition, condition))
                    )
                }
            ],
        },
    ]
    if condition in CONDITION_SNOMED:
        items.append(
            {
                "linkId": "likely_condition_snomed",
                "text": texts["likely_condition_snomed"],
                "answer": [{"valueCoding": snomed_coding(condition)}],
            }
        )
    items += [
        {
            "linkId": "rule",
            "text": texts["rule"],
            "answer": [{"valueCoding": questionnaire.coding("rule", assessment.rule, _rule_summary(assessment.rule))}],
        },
        {"linkId": "reasons", "text": texts["reasons"], "answer": [{"valueString": r} for r in assessment.reasons]},
    ]
    return items


def questionnaire_response(
    reference_code: str, assessment: Assessment, started: float | None, finished: float
) -> dict[str, Any]:
    """The finished pre-screening, answering the published Questionnaire (clinic/questionnaire.py)."""
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": resource_id(reference_code),
        "meta": {"lastUpdated": iso(finished)},
        "identifier": {"system": REFERENCE_SYSTEM, "value": reference_code},
        "questionnaire": questionnaire.canonical(),
        "status": "completed",
        "authored": iso(finished),
        "item": _finding_items(assessment.findings) + _outcome_items(assessment),
    }
    if started is not None:
        resource["extension"] = [{"url": STARTED_EXTENSION, "valueDateTime": iso(started)}]
    return resource


def summary(reference_code: str, assessment: Assessment, finished: float) -> str:
    f = assessment.findings
    lines = [
        f"Pre-screening {reference_code} — {iso(finished)}",
        f"Urgency: {LEVEL_TEXT[assessment.triage_level]}",
        f"Most likely: {CONDITION_NAMES.get(assessment.likely_condition, assessment.likely_condition)}",
        "Warning signs: " + (", ".join(FEATURES.get(v, v) for v in f.get("red_flags") or []) or "none reported"),
        "Findings: " + ("; ".join(describe(n, f[n]) for n in ALL_FINDINGS if n != "red_flags" and n in f) or "none"),
        "Why: " + " ".join(assessment.reasons),
        NOT_A_DIAGNOSIS,
    ]
    return "\n".join(lines)
