"""Every change this project makes to Rasa 3.6.21's internals, in one place.

`install()` is called once, at start, by the command that starts Rasa
(`python -m scripts.rasa_cli run ...`: `make run`, `make run-scaled`, `make shell`
and the test suite's servers), before the model loads; `installed()` says what
is active, and the suite fails if any is not (tests/unit/test_rasa_internals.py,
tests/e2e/test_faults.py). Nothing is installed by importing a module or by
building a component: removing a policy from config.yml removes the policy only.

- **Personal data out of the logs.** Rasa logs e.g. a failed REST message with
  its `text` at ERROR; a structlog processor hides such values above DEBUG
  (components/privacy.py, docs/privacy.md).

Rasa has no setting for the others, so each replaces one function or constant
and keeps its behaviour. The speed-ups are applied only on the Rasa version
they were written against (on another, a warning is logged and Rasa is left as is):

- **Action server timeout.** Rasa waits up to 5 minutes for a custom action;
  `ActionFailurePolicy` apologises instead, after ACTION_TIMEOUT_SECONDS.
- **Checking action server responses.** `RemoteAction` checks each response
  with `jsonschema.validate()`, which checks the (large) schema itself against
  the JSON Schema meta-schema and builds a new validator on every call: about
  17 ms of the Rasa server's CPU per message here (bench/profile.py). The
  validator is now built once; responses are checked against the same schema
  and a bad one raises the same error.
- **Reading events.** `Event.resolve_by_type` walks every Event subclass for
  each event it deserialises (about 60 per tracker load, 2 ms per turn). The
  class found for a type name is now remembered.
- **Form slot mappings.** Before each form validation, `FormAction` works out
  which `from_entity` mappings fill only one slot, from the whole domain: 7%
  of the CPU, because Rasa makes a new FormAction, so an empty cache, for
  every run. The answer depends only on the domain and the form, so it is now
  remembered on the domain object.
"""

import logging
from typing import Any, Callable, Dict, FrozenSet, Mapping, Optional, Type

import settings

logger = logging.getLogger(__name__)
RASA_VERSION = "3.6.21"
TUNED = "tuned"  # the attribute that marks a replaced function


def action_timeout_seconds(environ: Optional[Mapping[str, str]] = None) -> float:
    """ACTION_TIMEOUT_SECONDS (settings/): a clear error, naming it, when it is not a positive number."""
    return settings.load(environ).action_timeout_seconds


def install(timeout_seconds: Optional[float] = None) -> None:
    """Install everything (idempotent): the log redaction, the action timeout, the speed-ups."""
    from .privacy import hide_personal_data_in_rasa_logs

    hide_personal_data_in_rasa_logs()
    apply(action_timeout_seconds() if timeout_seconds is None else timeout_seconds)


def installed() -> Dict[str, bool]:
    """Which of them is active in this process."""
    import rasa.core.actions.action as remote
    import structlog
    from rasa.core.actions.action import RemoteAction
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.events import Event

    from .privacy import redact_personal_data

    return {
        "log redaction": redact_personal_data in structlog.get_config()["processors"],
        "action timeout": getattr(remote, TUNED + "_timeout", None) == remote.DEFAULT_REQUEST_TIMEOUT,
        "response validator built once": getattr(RemoteAction._validate_action_result, TUNED, False),
        "event types remembered": getattr(Event.resolve_by_type, TUNED, False),
        "unique entity mappings remembered": getattr(FormAction._create_unique_entity_mappings, TUNED, False),
    }


def apply(action_timeout_seconds: float) -> None:
    limit_action_timeout(action_timeout_seconds)
    import rasa

    if rasa.__version__ != RASA_VERSION:
        logger.warning("Rasa is %s, not %s: its hot paths are left as they are", rasa.__version__, RASA_VERSION)
        return
    build_action_response_validator_once()
    remember_event_types()
    remember_unique_entity_mappings()


def limit_action_timeout(seconds: float) -> None:
    """RemoteAction reads this module constant at call time."""
    import rasa.core.actions.action as remote

    remote.DEFAULT_REQUEST_TIMEOUT = seconds
    setattr(remote, TUNED + "_timeout", seconds)


def build_action_response_validator_once() -> None:
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    if getattr(RemoteAction._validate_action_result, "tuned", False):
        return
    schema = RemoteAction.action_response_format_spec()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    original = RemoteAction._validate_action_result

    def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
        if not validator.is_valid(result):
            return original(self, result)  # raises Rasa's own, explained, ValidationError
        return True

    _validate_action_result.tuned = True
    RemoteAction._validate_action_result = _validate_action_result


def remember_event_types() -> None:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    if getattr(Event.resolve_by_type, "tuned", False):
        return
    original: Callable = Event.resolve_by_type
    known: Dict[str, Type[Event]] = {}

    def resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        found = known.get(type_name)
        if found is None:
            # the first subclass with that name, as Rasa's own lookup; unknown names
            # (and the legacy "topic") go to Rasa's lookup, which is not cached
            found = next((c for c in all_subclasses(Event) if c.type_name == type_name), None)
            if found is None:
                return original(type_name, default)
            known[type_name] = found
        return found

    resolve_by_type.tuned = True
    Event.resolve_by_type = staticmethod(resolve_by_type)


def remember_unique_entity_mappings() -> None:
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.domain import Domain

    if getattr(FormAction._create_unique_entity_mappings, "tuned", False):
        return
    original = FormAction._create_unique_entity_mappings

    def _create_unique_entity_mappings(self: FormAction, domain: Domain) -> FrozenSet[str]:
        remembered = domain.__dict__.setdefault("_unique_entity_mappings_by_form", {})
        if self.name() not in remembered:
            remembered[self.name()] = frozenset(original(self, domain))
        return remembered[self.name()]

    _create_unique_entity_mappings.tuned = True
    FormAction._create_unique_entity_mappings = _create_unique_entity_mappings
