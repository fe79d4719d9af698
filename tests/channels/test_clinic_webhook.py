"""Each finished pre-screening is POSTed to the clinic's system, signed."""
import hashlib
import hmac
import json

from tests.channels.conftest import CLINIC_WEBHOOK_SECRET
from tests.support.chat import Conversation


def test_an_escalation_is_posted_to_the_clinic_with_a_valid_signature(channels):
    person = Conversation(channels.stack)
    assessment = person.say("my heel is red, hot and swollen and I feel shivery and feverish").assessment
    assert assessment and assessment["triage_level"] == "emergency"
    code = assessment["reference_code"]
    calls = channels.clinic.wait_for(
        "prescreening", lambda c: json.loads(c.params["body"])["reference_code"] == code, timeout=15)
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
    assert "not a diagnosis" in document["summary"]
