"""The adjustments to Rasa's hot paths keep Rasa's behaviour."""

import jsonschema
import pytest
import rasa.core.actions.action as remote
from rasa.core.actions.action import RemoteAction
from rasa.core.actions.forms import FormAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from components import rasa_internals

RESPONSES_RASA_ACCEPTS = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "pain_location", "value": "inner_heel", "timestamp": None}],
        "responses": [{"text": "Where is the pain?", "buttons": [{"title": "Inner heel", "payload": "/inform"}]}],
    },
    {"events": [{"event": "active_loop", "name": None}, {"event": "followup", "name": "action_assess"}]},
]
RESPONSES_RASA_REJECTS = [
    {"events": "not a list"},
    {"events": [{"event": "slot", "name": 3}]},
    {"responses": "text"},
]


@pytest.fixture(scope="module")
def tuned():
    untuned = {
        "validate": RemoteAction._validate_action_result,
        "resolve": Event.resolve_by_type,
        "mappings": FormAction._create_unique_entity_mappings,
    }
    rasa_internals.apply(7.5)
    yield untuned


def test_the_action_timeout_is_the_configured_one(tuned):
    assert remote.DEFAULT_REQUEST_TIMEOUT == 7.5


def test_applying_twice_keeps_one_layer(tuned):
    validate, resolve = RemoteAction._validate_action_result, Event.resolve_by_type
    rasa_internals.apply(7.5)
    assert RemoteAction._validate_action_result is validate and Event.resolve_by_type is resolve


@pytest.mark.parametrize("response", RESPONSES_RASA_ACCEPTS)
def test_responses_rasa_accepts_are_accepted(tuned, response):
    action = RemoteAction("validate_prescreen_form", None)
    assert getattr(RemoteAction._validate_action_result, "tuned", False)
    assert tuned["validate"](action, response) is True
    assert action._validate_action_result(response) is True


@pytest.mark.parametrize("response", RESPONSES_RASA_REJECTS)
def test_responses_rasa_rejects_are_rejected_with_rasas_explanation(tuned, response):
    action = RemoteAction("validate_prescreen_form", None)
    with pytest.raises(jsonschema.ValidationError) as untuned_error:
        tuned["validate"](action, response)
    with pytest.raises(jsonschema.ValidationError) as tuned_error:
        action._validate_action_result(response)
    assert tuned_error.value.message == untuned_error.value.message
    assert "Failed to validate Action server response" in tuned_error.value.message


def test_every_event_type_resolves_to_the_same_class(tuned):
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert len(names) > 20
    for name in names:
        assert Event.resolve_by_type(name) is tuned["resolve"](name)
        assert Event.resolve_by_type(name) is tuned["resolve"](name)  # now from the cache


def test_unknown_event_types_behave_as_in_rasa(tuned):
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=Event) is Event
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.from_parameters({"event": "slot", "name": "diabetes", "value": "no"}).value == "no"


def test_unique_entity_mappings_are_rasas_and_worked_out_once_per_domain(tuned):
    domain = Domain.load("domain.yml")
    form = FormAction("prescreen_form", None)
    expected = tuned["mappings"](form, domain)
    assert expected  # the interview's findings are filled from entities
    assert FormAction("prescreen_form", None)._create_unique_entity_mappings(domain) == expected
    assert form._create_unique_entity_mappings(domain) is form._create_unique_entity_mappings(domain)
    other = Domain.load("domain.yml")
    assert form._create_unique_entity_mappings(other) == expected
    assert form._create_unique_entity_mappings(other) is not form._create_unique_entity_mappings(domain)


def test_the_start_command_installs_everything_for_a_rasa_server_only():
    from scripts import rasa_cli

    assert rasa_cli.serves_conversations(["run", "--enable-api"]) and rasa_cli.serves_conversations(["shell"])
    assert not rasa_cli.serves_conversations(["run", "actions"]) and not rasa_cli.serves_conversations(["train"])
    import structlog

    from components.privacy import redact_personal_data

    # as a fresh process: no redaction yet
    structlog.configure(processors=[p for p in structlog.get_config()["processors"] if p is not redact_personal_data])
    assert not rasa_internals.installed()["log redaction"]
    rasa_cli.prepare(["run", "--enable-api"])
    assert all(rasa_internals.installed().values()), rasa_internals.installed()


def test_the_action_timeout_setting_is_checked_and_named():
    assert rasa_internals.action_timeout_seconds({}) == 10.0
    assert rasa_internals.action_timeout_seconds({"ACTION_TIMEOUT_SECONDS": "2.5"}) == 2.5
    for bad in ("ten", "0", "-3", "1000"):
        with pytest.raises(ValueError, match="ACTION_TIMEOUT_SECONDS"):
            rasa_internals.action_timeout_seconds({"ACTION_TIMEOUT_SECONDS": bad})
