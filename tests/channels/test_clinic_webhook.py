"""Each finished pre-screening is POSTed to the clinic's system, signed: the same validated
FHIR resource the FHIR API serves."""

import hashlib
import hmac
import json

import pytest
import requests

from clinic.fhir_check import response_problems, structural_problems
from harness.servers import web_server
from tests.channels.conftest import CLINIC_WEBHOOK_SECRET
from tests.support.chat import Conversation

TOKEN = "webhook-test-front-desk-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def fhir_api(channels, tmp_path_factory):
    """The web server's FHIR API over the database of the Rasa server that sends the webhook."""
    server = web_server(
        tmp_path_factory.mktemp("webhook-fhir"),
        channels.stack.url,
        {"FRONTDESK_TOKEN": TOKEN, "TRACKER_DIALECT": "sqlite", "TRACKER_DB": channels.stack.env["TRACKER_DB"]},
    )
    server.start().wait_ready(60)
    yield f"{server.url}/fhir"
    server.stop()


def test_an_escalation_is_posted_to_the_clinic_with_a_valid_signature(channels, fhir_api):
    person = Conversation(channels.stack)
    assessment = person.say("my heel is red, hot and swollen and I feel shivery and feverish").assessment
    assert assessment and assessment["triage_level"] == "emergency"
    code = assessment["reference_code"]
    calls = channels.clinic.wait_for(
        "prescreening", lambda c: json.loads(c.params["body"])["reference_code"] == code, timeout=15
    )
    assert len(calls) == 1, "posted once per outcome"
    body = calls[0].params["body"]
    expected = hmac.new(CLINIC_WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(calls[0].params["signature"], expected)
    document = json.loads(body)
    resource = document["questionnaire_response"]
    assert resource["resourceType"] == "QuestionnaireResponse"
    assert resource["identifier"]["value"] == code
    codes = {i["linkId"]: i["answer"][0].get("valueCoding", {}).get("code") for i in resource["item"]}
    assert codes["triage_level"] == "emergency" and codes["likely_condition"] == "cellulitis"
    assert codes["likely_condition_snomed"] == "128045006"
    assert "not a diagnosis" in document["summary"]

    served = requests.get(f"{fhir_api}/QuestionnaireResponse/{resource['id']}", headers=BEARER, timeout=10)
    assert served.status_code == 200 and served.json() == resource, "the webhook sends what the API serves"
    url, version = resource["questionnaire"].split("|")
    published = requests.get(
        f"{fhir_api}/Questionnaire", params={"url": url, "version": version}, headers=BEARER, timeout=10
    ).json()["entry"][0]["resource"]
    assert structural_problems(resource) == [] and response_problems(resource, published) == []
