"""Check FHIR resources: structurally against the R4 models, and a response against its Questionnaire.

`structural_problems(resource)` parses any resource with `fhir.resources` (the
FHIR R4 4.0.1 models: types, cardinalities, required elements, one value per
choice element). `response_problems(response, questionnaire)` checks what a
model cannot: the response answers that Questionnaire (`url|version`), every
`linkId` exists there, each answer has the item's type (and a listed option
or unit), only repeating items have several answers, items are answered only
while their `enableWhen` holds, and every required item that is enabled is
answered. Both return a list of problems, empty when the resource conforms.

Used by the tests on everything the API serves, the webhook sends and the
front desk exports; usable by a receiving system too.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .terminology import DATA_ABSENT_REASON, UCUM

# Item type -> the answer value[x] it takes (R4 Questionnaire, "item type").
ANSWER_VALUES = {
    "boolean": "valueBoolean",
    "decimal": "valueDecimal",
    "integer": "valueInteger",
    "date": "valueDate",
    "dateTime": "valueDateTime",
    "time": "valueTime",
    "string": "valueString",
    "text": "valueString",
    "url": "valueUri",
    "choice": "valueCoding",
    "open-choice": "valueCoding",
    "attachment": "valueAttachment",
    "reference": "valueReference",
    "quantity": "valueQuantity",
}
PRIMITIVES = {
    "valueBoolean",
    "valueDecimal",
    "valueInteger",
    "valueDate",
    "valueDateTime",
    "valueTime",
    "valueString",
    "valueUri",
}
UNIT_OPTION = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"


def structural_problems(resource: Mapping[str, Any]) -> list[str]:
    """Problems with a resource as the FHIR R4 (4.0.1) models see it; [] when it is valid."""
    from fhir.resources import construct_fhir_element
    from pydantic import ValidationError

    kind = resource.get("resourceType") if isinstance(resource, Mapping) else None
    if not isinstance(kind, str):
        return ["not a FHIR resource: no resourceType"]
    try:
        construct_fhir_element(kind, dict(resource))
    except ValidationError as error:
        return [f"{kind}.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
    except (LookupError, ValueError, TypeError) as error:  # an unknown resourceType, or not an object
        return [f"{kind}: {error}"]
    return []


def _definitions(items: Iterable[Mapping[str, Any]], into: dict[str, Mapping[str, Any]]) -> dict[str, Any]:
    for item in items:
        into[item["linkId"]] = item
        _definitions(item.get("item", ()), into)
    return into


def _answers(items: Iterable[Mapping[str, Any]], into: dict[str, list[Mapping[str, Any]]]) -> dict[str, Any]:
    for item in items:
        into.setdefault(item.get("linkId"), []).extend(item.get("answer", ()))
        _answers(item.get("item", ()), into)
        for answer in item.get("answer", ()):
            _answers(answer.get("item", ()), into)
    return into


def _asked_unknown(value: Any) -> bool:
    extensions = value.get("extension", ()) if isinstance(value, Mapping) else ()
    return any(e.get("url") == DATA_ABSENT_REASON for e in extensions)


def _coding_key(coding: Mapping[str, Any]) -> tuple:
    return coding.get("system"), coding.get("code")


def _answer_problems(where: str, definition: Mapping[str, Any], answer: Mapping[str, Any]) -> list[str]:
    expected = ANSWER_VALUES.get(definition.get("type"))
    if expected is None:
        return [f"{where}: items of type {definition.get('type')!r} take no answers"]
    given = [key for key in answer if key.startswith("value") or key.startswith("_value")]
    if [key.lstrip("_") for key in given] != [expected]:
        return [f"{where}: a {definition['type']} item takes {expected}, not {', '.join(given) or 'nothing'}"]
    key = given[0]
    value = answer[key]
    if key.startswith("_"):  # a primitive without a value: only "asked, does not know"
        return [] if expected in PRIMITIVES and _asked_unknown(value) else [f"{where}: {key} without a value"]
    if expected == "valueCoding" and "answerOption" in definition:
        options = {
            _coding_key(o["valueCoding"]): o["valueCoding"] for o in definition["answerOption"] if "valueCoding" in o
        }
        option = options.get(_coding_key(value))
        if option is None:
            return [f"{where}: {value.get('system')}|{value.get('code')} is not one of the item's answer options"]
        if "display" in value and value["display"] != option.get("display"):
            return [f"{where}: display {value['display']!r} differs from the option's {option.get('display')!r}"]
    if expected == "valueQuantity":
        if "value" not in value:
            return [] if _asked_unknown(value) else [f"{where}: a quantity without a value"]
        units = {
            (e["valueCoding"].get("system"), e["valueCoding"].get("code"))
            for e in definition.get("extension", ())
            if e.get("url") == UNIT_OPTION
        }
        if units and (value.get("system"), value.get("code")) not in units:
            return [f"{where}: unit {value.get('system')}|{value.get('code')} is not one of the item's units"]
        if value.get("system") != UCUM:
            return [f"{where}: the quantity is not in UCUM"]
    return []


def _matches(answer: Mapping[str, Any], condition: Mapping[str, Any]) -> bool | None:
    """Does this answer equal the condition's answer[x]? None when they cannot be compared."""
    wanted = next(((k, v) for k, v in condition.items() if k.startswith("answer")), None)
    if wanted is None:
        return None
    key, expected = wanted
    value = answer.get("value" + key[len("answer") :])
    if value is None:
        return False
    if key == "answerCoding":
        return _coding_key(value) == _coding_key(expected)
    return value == expected


def _condition_holds(condition: Mapping[str, Any], answers: Sequence[Mapping[str, Any]]) -> bool | None:
    operator = condition.get("operator")
    if operator == "exists":
        return bool(answers) == condition.get("answerBoolean")
    if operator in ("=", "!="):
        results = [_matches(a, condition) for a in answers]
        if None in results:
            return None
        return any(results) if operator == "=" else any(r is False for r in results)
    return None


def _enabled(
    definition: Mapping[str, Any], answered: Mapping[str, Sequence[Mapping[str, Any]]], problems: list[str]
) -> bool:
    conditions = definition.get("enableWhen")
    if not conditions:
        return True
    results = []
    for condition in conditions:
        holds = _condition_holds(condition, answered.get(condition.get("question"), ()))
        if holds is None:
            problems.append(f"{definition['linkId']}: enableWhen {condition.get('operator')!r} cannot be evaluated")
            holds = True
        results.append(holds)
    return any(results) if definition.get("enableBehavior") == "any" else all(results)


def response_problems(response: Mapping[str, Any], questionnaire: Mapping[str, Any]) -> list[str]:
    """Problems with a QuestionnaireResponse as an answer to `questionnaire`; [] when it conforms."""
    problems: list[str] = []
    canonical = f"{questionnaire.get('url')}|{questionnaire.get('version')}"
    if response.get("questionnaire") != canonical:
        problems.append(f"answers {response.get('questionnaire')!r}, not {canonical!r}")
    definitions = _definitions(questionnaire.get("item", ()), {})
    answered = _answers(response.get("item", ()), {})

    def walk(items: Iterable[Mapping[str, Any]], path: str) -> None:
        seen = set()
        for item in items:
            link_id = item.get("linkId")
            where = f"{path}{link_id}"
            definition = definitions.get(link_id)
            if definition is None:
                problems.append(f"{where}: no item with this linkId in the Questionnaire")
                continue
            if link_id in seen and not definition.get("repeats"):
                problems.append(f"{where}: appears twice")
            seen.add(link_id)
            if "text" in item and item["text"] != definition.get("text"):
                problems.append(f"{where}: its text differs from the Questionnaire's")
            answers = item.get("answer", ())
            if len(answers) > 1 and not definition.get("repeats"):
                problems.append(f"{where}: {len(answers)} answers to an item that does not repeat")
            if answers and not _enabled(definition, answered, problems):
                problems.append(f"{where}: answered although its enableWhen does not hold")
            for number, answer in enumerate(answers):
                problems.extend(_answer_problems(f"{where}[{number}]", definition, answer))
                walk(answer.get("item", ()), f"{where}[{number}].")
            walk(item.get("item", ()), f"{where}.")

    walk(response.get("item", ()), "")
    for link_id, definition in definitions.items():
        if definition.get("required") and not answered.get(link_id) and _enabled(definition, answered, []):
            problems.append(f"{link_id}: required, but not answered")
    return problems
