"""A finished pre-screening as a FHIR R4 QuestionnaireResponse, plus a plain summary."""
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from actions.clinical.advice import CONDITION_NAMES, NOT_A_DIAGNOSIS
from actions.clinical.assessment import Assessment
from actions.clinical.findings import ALL_FINDINGS, describe
from actions.clinical.warning_signs import FEATURES

SYSTEM = "urn:heelcheck"
QUESTIONNAIRE = f"{SYSTEM}:questionnaire:heel-nerve-prescreen|1"
ITEM_TEXT = {
    "red_flags": "Warning signs reported", "pain_location": "Where is the pain?",
    "pain_character": "What does the pain feel like?", "numbness_area": "Numbness or tingling, and where",
    "first_step_pain": "Worst with the first steps after rest?", "night_symptoms": "Symptoms at night?",
    "tinel_sign": "Tapping behind the inner ankle sets it off?", "worse_with_activity": "Worse with activity?",
    "both_feet": "Both feet?", "back_pain": "Low back pain spreading down the leg?", "diabetes": "Diabetes?",
    "recent_injury": "Recent injury?", "training_increase": "Recent big rise in training?",
    "duration_weeks": "How long (weeks)?", "flat_feet": "Flat feet / overpronation?", "footwear": "Footwear",
    "severe_pain": "Severe pain (stops walking, work or sleep)?", "little_toe_weakness": "Weakness spreading the little toe?",
}
LEVEL_TEXT = {
    "emergency_ambulance": "Emergency: ambulance", "emergency": "Emergency department now",
    "consultation_24": "Be seen within 24 hours", "consultation": "Routine appointment",
    "self_care": "Self-care",
}


def iso(ts: Optional[float]) -> Optional[str]:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, tz=timezone.utc).isoformat(timespec="seconds")


def _answer(name: str, value: Any) -> List[Dict[str, Any]]:
    if name == "duration_weeks" and isinstance(value, (int, float)):
        return [{"valueDecimal": round(float(value), 2)}]
    values = value if isinstance(value, list) else [value]
    return [{"valueCoding": {"system": f"{SYSTEM}:{name}", "code": str(v), "display": _display(name, v)}}
            for v in values]


def _display(name: str, value: Any) -> str:
    return FEATURES.get(value, str(value)) if name == "red_flags" else describe(name, value)


def questionnaire_response(reference_code: str, assessment: Assessment, started: Optional[float],
                           finished: float) -> Dict[str, Any]:
    findings = assessment.findings
    items = [{"linkId": name, "text": ITEM_TEXT[name], "answer": _answer(name, findings[name])}
             for name in ALL_FINDINGS if name in findings and findings[name] not in (None, [])]
    if findings.get("red_flags") == []:
        items.insert(0, {"linkId": "red_flags", "text": ITEM_TEXT["red_flags"],
                         "answer": [{"valueCoding": {"system": f"{SYSTEM}:red_flags", "code": "none",
                                                     "display": "None of the warning signs"}}]})
    items += [
        {"linkId": "triage_level", "text": "Urgency",
         "answer": [{"valueCoding": {"system": f"{SYSTEM}:triage_level", "code": assessment.triage_level,
                                     "display": LEVEL_TEXT[assessment.triage_level]}}]},
        {"linkId": "likely_condition", "text": "Most likely explanation (pre-screening, not a diagnosis)",
         "answer": [{"valueCoding": {"system": f"{SYSTEM}:likely_condition", "code": assessment.likely_condition,
                                     "display": CONDITION_NAMES.get(assessment.likely_condition,
                                                                    assessment.likely_condition)}}]},
        {"linkId": "reasons", "text": "Why", "answer": [{"valueString": r} for r in assessment.reasons]},
    ]
    resource = {
        "resourceType": "QuestionnaireResponse",
        "id": reference_code.replace("-", "").lower(),
        "identifier": {"system": f"{SYSTEM}:reference", "value": reference_code},
        "questionnaire": QUESTIONNAIRE,
        "status": "completed",
        "authored": iso(finished),
        "item": items,
    }
    if started is not None:
        resource["extension"] = [{"url": f"{SYSTEM}:started", "valueDateTime": iso(started)}]
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
