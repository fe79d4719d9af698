"""The clinic front desk: records from real conversations, behind a staff token."""

from datetime import datetime

import pytest
import requests

from clinic.fhir_check import response_problems, structural_problems
from harness.servers import web_server
from tests.support.chat import Conversation

TOKEN = "front-desk-test-token"
BEARER = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}


@pytest.fixture(scope="module")
def desk(assistant, tmp_path_factory):
    server = web_server(
        tmp_path_factory.mktemp("desk"),
        assistant.url,
        {"FRONTDESK_TOKEN": TOKEN, "TRACKER_DIALECT": "sqlite", "TRACKER_DB": assistant.env["TRACKER_DB"]},
    )
    server.start().wait_ready(60)
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def two_prescreenings(assistant):
    """An emergency (escalated without the form) and a self-care outcome."""
    urgent = Conversation(assistant)
    emergency = urgent.say("my foot has gone white and cold <script>alert(1)</script>").assessment
    calm = Conversation(assistant)
    for text in (
        "hi",
        "none of these",
        "burning on the inside of my heel when I run, no numbness",
        "just my left foot",
        "no",
        "about 10 days",
    ):
        calm.say(text)
    self_care = calm.say("not diabetic").assessment
    return emergency, self_care


def test_each_outcome_gives_the_person_a_reference_code(two_prescreenings):
    for assessment in two_prescreenings:
        assert assessment and len(assessment["reference_code"]) == 7


def test_todays_list_is_sorted_by_urgency(desk, two_prescreenings):
    emergency, self_care = two_prescreenings
    listed = requests.get(f"{desk}/frontdesk/", headers=BEARER, timeout=10).json()
    codes = [r["reference_code"] for r in listed]
    assert emergency["reference_code"] in codes and self_care["reference_code"] in codes
    assert codes.index(emergency["reference_code"]) < codes.index(self_care["reference_code"])
    levels = [r["triage_level"] for r in listed]
    order = ["emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"]
    assert levels == sorted(levels, key=order.index)


def test_todays_list_gives_iso_8601_times(desk, two_prescreenings):
    listed = requests.get(f"{desk}/frontdesk/", headers=BEARER, timeout=10).json()
    for row in listed:
        for key in ("created_at", "updated_at"):
            moment = datetime.fromisoformat(row[key])
            assert moment.tzinfo is not None and moment.utcoffset().total_seconds() == 0, row
        assert row["created_at"] <= row["updated_at"]


def test_a_record_exports_as_a_fhir_questionnaire_response(desk, two_prescreenings):
    _, self_care = two_prescreenings
    code = self_care["reference_code"]
    response = requests.get(f"{desk}/frontdesk/records/{code}.json", headers=BEARER, timeout=10)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    document = response.json()
    resource = document["questionnaire_response"]
    assert resource["resourceType"] == "QuestionnaireResponse" and resource["status"] == "completed"
    assert resource["identifier"]["value"] == code
    items = {item["linkId"]: item for item in resource["item"]}
    assert items["triage_level"]["answer"][0]["valueCoding"]["code"] == "self_care"
    assert items["likely_condition"]["answer"][0]["valueCoding"]["code"] == "medial_calcaneal_nerve_entrapment"
    assert items["pain_location"]["answer"][0]["valueCoding"]["code"] == "inner_heel"
    assert resource["authored"] and resource["extension"][0]["valueDateTime"] <= resource["authored"]
    assert "not a diagnosis" in document["summary"]


def test_the_export_is_the_validated_resource_the_fhir_api_serves(desk, two_prescreenings):
    for assessment in two_prescreenings:
        code = assessment["reference_code"]
        exported = requests.get(f"{desk}/frontdesk/records/{code}.json", headers=BEARER, timeout=10).json()[
            "questionnaire_response"
        ]
        served = requests.get(f"{desk}/fhir/QuestionnaireResponse/{exported['id']}", headers=BEARER, timeout=10)
        assert served.status_code == 200 and served.json() == exported
        url, version = exported["questionnaire"].split("|")
        published = requests.get(
            f"{desk}/fhir/Questionnaire", params={"url": url, "version": version}, headers=BEARER, timeout=10
        ).json()["entry"][0]["resource"]
        assert structural_problems(exported) == [] and response_problems(exported, published) == []


def test_the_record_page_opens_by_code_and_never_renders_markup(desk, two_prescreenings):
    emergency, _ = two_prescreenings
    code = emergency["reference_code"]
    page = requests.get(
        f"{desk}/frontdesk/find",
        params={"code": code.lower().replace("-", "")},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    )
    assert page.status_code == 200 and code in page.text
    assert "Emergency: call an ambulance now" in page.text
    assert "<script>alert" not in page.text


@pytest.mark.parametrize(
    "path",
    ["/frontdesk/", "/frontdesk/find?code=ABC-DEF", "/frontdesk/records/ABC-DEF", "/frontdesk/records/ABC-DEF.json"],
)
def test_nothing_is_reachable_without_the_staff_token(desk, two_prescreenings, path):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Cookie": "frontdesk_session=9999999999.forged"}):
        response = requests.get(
            desk + path, headers={**headers, "Accept": "application/json"}, allow_redirects=False, timeout=10
        )
        assert response.status_code == 401, (path, headers)
        assert "reference_code" not in response.text


def test_staff_sign_in_with_the_token_and_get_a_session(desk, two_prescreenings):
    session = requests.Session()
    wrong = session.post(f"{desk}/frontdesk/login", data={"token": "nope"}, timeout=10)
    assert wrong.status_code == 401
    page = session.post(f"{desk}/frontdesk/login", data={"token": TOKEN}, timeout=10)
    assert page.status_code == 200 and "most urgent first" in page.text
    assert two_prescreenings[0]["reference_code"] in page.text
    cookie = next(c for c in session.cookies if c.name == "frontdesk_session")
    assert TOKEN not in cookie.value


def test_markup_typed_into_findings_never_reaches_the_clinic_page(assistant, desk):
    """Typed button payloads can carry any entity value; the record keeps canonical values only."""
    person = Conversation(assistant)
    person.say("hi")
    person.say("none of these")
    person.say(
        '/inform{"pain_location": "<img src=x onerror=alert(1)>", "pain_character": "<script>alert(2)</script>"}'
    )
    for text in (
        "burning on the inside of my heel when I run, no numbness",
        "just my left foot",
        "no",
        "about 10 days",
    ):
        person.say(text)
    assessment = person.say("not diabetic <b>really</b>").assessment
    assert assessment, str(person)
    code = assessment["reference_code"]
    page = requests.get(f"{desk}/frontdesk/records/{code}", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    export = requests.get(f"{desk}/frontdesk/records/{code}.json", headers=BEARER, timeout=10)
    assert page.status_code == 200 and export.status_code == 200
    for text in (page.text, export.text):
        assert "<script" not in text and "<img" not in text and "<b>" not in text and "alert(" not in text
