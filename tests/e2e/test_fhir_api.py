"""The FHIR R4 API: today's pre-screenings from real conversations, pulled and checked as a clinic's system would.

The real action server and Rasa server (the `assistant` fixture) hold the
conversations; the web server, on its own free port, serves the API over the
same database. Every resource it serves is validated with the FHIR R4 models,
and every QuestionnaireResponse against the Questionnaire it points at,
fetched through the API as a receiver would.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import requests

from clinic.fhir_check import response_problems, structural_problems
from harness.servers import web_server
from tests.support.chat import Conversation

TOKEN = "fhir-api-test-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
CLINIC_TIMEZONE = "Europe/London"
SNOMED = "http://snomed.info/sct"


@pytest.fixture(scope="module")
def api(assistant, tmp_path_factory):
    server = web_server(
        tmp_path_factory.mktemp("fhir"),
        assistant.url,
        {
            "FRONTDESK_TOKEN": TOKEN,
            "CLINIC_TIMEZONE": CLINIC_TIMEZONE,
            "TRACKER_DIALECT": "sqlite",
            "TRACKER_DB": assistant.env["TRACKER_DB"],
        },
    )
    server.start().wait_ready(60)
    yield f"{server.url}/fhir"
    server.stop()


def talk(assistant, *messages: str) -> dict:
    person = Conversation(assistant)
    for text in messages:
        reply = person.say(text)
    assert reply.assessment, str(person)
    return reply.assessment


@pytest.fixture(scope="module")
def prescreenings(assistant):
    """Today's date at the clinic, and three real pre-screenings: an emergency escalated from the
    first message, a self-care outcome, and a consultation with an "I don't know"."""
    today = datetime.now(ZoneInfo(CLINIC_TIMEZONE)).date().isoformat()
    found = {
        "emergency": talk(assistant, "my foot has suddenly gone white and cold"),
        "self_care": talk(
            assistant,
            "hi",
            "none of these",
            "burning on the inside of my heel when I run, no numbness",
            "just my left foot",
            "no",
            "about 10 days",
            "not diabetic",
        ),
        "consultation": talk(
            assistant,
            "hi",
            "none of these",
            "burning on the inside of my heel when I run, no numbness",
            "just my left foot",
            "no",
            "about 2 months",
            "I don't know",
        ),
    }
    return today, found


def get(address: str, **params) -> requests.Response:
    response = requests.get(address, params=params, headers=BEARER, timeout=30)
    assert response.headers["Content-Type"].startswith("application/fhir+json"), response.text
    assert structural_problems(response.json()) == [], response.text
    return response


def pull(url: str) -> list[dict]:
    """Every Bundle of a search, following `next` links as an integration engine does."""
    bundles = []
    while url:
        bundle = get(url).json()
        assert bundle["resourceType"] == "Bundle" and bundle["type"] == "searchset"
        bundles.append(bundle)
        url = next((link["url"] for link in bundle["link"] if link["relation"] == "next"), None)
    return bundles


def test_todays_prescreenings_come_through_the_api_and_each_conforms_to_its_questionnaire(api, prescreenings):
    today, found = prescreenings
    bundles = pull(f"{api}/QuestionnaireResponse?authored=ge{today}&_count=2")
    entries = [entry for bundle in bundles for entry in bundle.get("entry", [])]
    assert all(len(bundle.get("entry", [])) <= 2 for bundle in bundles) and len(bundles) >= 2
    assert len(entries) == bundles[0]["total"] == len({e["fullUrl"] for e in entries})
    resources = [entry["resource"] for entry in entries]
    authored = [r["authored"] for r in resources]
    assert authored == sorted(authored, reverse=True), "newest first"
    assert all(a[:10] >= today for a in authored)
    codes = {r["identifier"]["value"]: r for r in resources}
    assert {a["reference_code"] for a in found.values()} <= set(codes)

    questionnaires = {}
    for entry in entries:
        resource = entry["resource"]
        assert entry["fullUrl"] == f"{api}/QuestionnaireResponse/{resource['id']}"
        assert get(entry["fullUrl"]).json() == resource
        canonical = resource["questionnaire"]
        if canonical not in questionnaires:  # resolved as a receiver would: by url and version
            url, version = canonical.split("|")
            matches = get(f"{api}/Questionnaire", url=url, version=version).json()["entry"]
            assert len(matches) == 1, canonical
            questionnaires[canonical] = matches[0]["resource"]
        assert response_problems(resource, questionnaires[canonical]) == [], resource["id"]

    answers = {
        kind: {i["linkId"]: i["answer"] for i in codes[a["reference_code"]]["item"]} for kind, a in found.items()
    }
    emergency = answers["emergency"]
    assert emergency["triage_level"][0]["valueCoding"]["code"] == "emergency_ambulance"
    assert emergency["likely_condition_snomed"][0]["valueCoding"] == {
        "system": SNOMED,
        "code": "1230182004",
        "display": "Acute lower limb ischemia",
    }
    calm = answers["self_care"]
    assert calm["red_flags"] == [{"valueBoolean": False}] and calm["back_pain"] == [{"valueBoolean": False}]
    assert calm["duration_weeks"][0]["valueQuantity"]["code"] == "wk"
    assert calm["triage_level"][0]["valueCoding"]["code"] == "self_care"
    unsure = answers["consultation"]
    assert unsure["triage_level"][0]["valueCoding"]["code"] == "consultation"
    assert unsure["diabetes"][0]["_valueBoolean"]["extension"][0]["valueCode"] == "asked-unknown"


def test_one_prescreening_is_found_by_its_reference_code_or_id(api, prescreenings):
    _, found = prescreenings
    code = found["self_care"]["reference_code"]
    by_code = get(f"{api}/QuestionnaireResponse", identifier=code.lower().replace("-", "")).json()
    by_system = get(f"{api}/QuestionnaireResponse", identifier=f"urn:heelcheck:reference|{code}").json()
    resource_id = code.replace("-", "").lower()
    by_id = get(f"{api}/QuestionnaireResponse", _id=resource_id).json()
    for bundle in (by_code, by_system, by_id):
        assert bundle["total"] == 1 and bundle["entry"][0]["resource"]["identifier"]["value"] == code
    assert get(f"{api}/QuestionnaireResponse", identifier="ZZZ-ZZZ").json()["total"] == 0


def test_the_questionnaire_the_responses_point_at_is_published(api, prescreenings):
    _, found = prescreenings
    resource = get(f"{api}/QuestionnaireResponse", identifier=found["emergency"]["reference_code"]).json()
    url, version = resource["entry"][0]["resource"]["questionnaire"].split("|")
    questionnaire = get(f"{api}/Questionnaire/{url.rsplit('/', 1)[-1]}").json()
    assert questionnaire["resourceType"] == "Questionnaire"
    assert (questionnaire["url"], questionnaire["version"]) == (url, version)
    assert questionnaire["id"] == url.rsplit("/", 1)[-1]


def test_the_capability_statement_needs_no_token(api):
    response = requests.get(f"{api}/metadata", timeout=10)
    assert response.status_code == 200 and structural_problems(response.json()) == []
    statement = response.json()
    assert statement["resourceType"] == "CapabilityStatement" and statement["fhirVersion"] == "4.0.1"
    assert {r["type"] for r in statement["rest"][0]["resource"]} == {"Questionnaire", "QuestionnaireResponse"}


def outcome(response: requests.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/fhir+json")
    body = response.json()
    assert body["resourceType"] == "OperationOutcome" and structural_problems(body) == [], body
    return body["issue"][0]


@pytest.mark.parametrize(
    "path",
    [
        "/QuestionnaireResponse",
        "/QuestionnaireResponse/abcdef",
        "/Questionnaire/heel-nerve-prescreen",
        "/Questionnaire",
        "/Patient",
    ],
)
def test_every_read_but_metadata_needs_the_token(api, prescreenings, path):
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
    ):
        response = requests.get(api + path, headers=headers, timeout=10)
        assert outcome(response, 401)["code"] == "login"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert "reference" not in response.text


@pytest.mark.parametrize(
    "query, says",
    [
        ("authored=yesterday", "not a FHIR date"),
        ("authored=2026-13-01", "not a valid date"),
        ("authored=ge2026-02-30", "not a valid date"),
        ("authored=ap2026-11-29", "'ap'"),
        ("authored=", "needs a value"),
        ("_count=101", "over the limit"),
        ("_count=-1", "whole number"),
        ("_count=lots", "whole number"),
        ("_count=10&_count=20", "once"),
        ("status=completed", "Unknown search parameter 'status'"),
        ("authored:missing=true", "Unknown search parameter"),
        ("_sort=-authored", "Unknown search parameter"),
        ("_format=xml", "JSON only"),
        ("_page=not-a-token", "page token"),
    ],
)
def test_a_bad_query_gets_a_clear_400(api, prescreenings, query, says):
    issue = outcome(requests.get(f"{api}/QuestionnaireResponse?{query}", headers=BEARER, timeout=10), 400)
    assert says in issue["diagnostics"] and issue["severity"] == "error"


def test_what_does_not_exist_is_a_404_and_writing_a_405(api, prescreenings):
    assert outcome(requests.get(f"{api}/QuestionnaireResponse/zzzzzz", headers=BEARER, timeout=10), 404)
    assert outcome(requests.get(f"{api}/Questionnaire/other", headers=BEARER, timeout=10), 404)
    assert outcome(requests.get(f"{api}/Patient/1", headers=BEARER, timeout=10), 404)
    empty = get(f"{api}/Questionnaire", version="0").json()
    assert empty["total"] == 0 and "entry" not in empty  # FHIR JSON has no empty arrays
    code = prescreenings[1]["emergency"]["reference_code"].replace("-", "").lower()
    for method in ("post", "put", "delete"):
        response = getattr(requests, method)(
            f"{api}/QuestionnaireResponse/{code}",
            headers=BEARER,
            json={"resourceType": "QuestionnaireResponse"},
            timeout=10,
        )
        assert outcome(response, 405)["code"] == "not-supported"
    assert get(f"{api}/QuestionnaireResponse/{code}").status_code == 200  # still there
