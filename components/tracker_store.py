"""SQL tracker store that also files each finished pre-screening for the clinic.

Configured in endpoints.yml. Conversations are stored as by Rasa's
SQLTrackerStore (SQLite by default, PostgreSQL when configured); in the same
database, a turn that sets the outcome writes the clinic record (FHIR
QuestionnaireResponse + summary) and, when configured, POSTs it to the clinic.
It covers both outcome paths: the warning-sign policy and `action_assess`.
"""
import logging
import os
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.clinical.assessment import assess_slots
from clinic import fhir
from clinic.records import Record, RecordStore
from clinic.webhook import ClinicWebhook

logger = logging.getLogger(__name__)
OUTCOME_SLOTS = ("triage_level", "likely_condition")


class ClinicTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # endpoints.yml gives dialect, host and db; the rest (PostgreSQL) comes
        # from the environment, and empty values mean "not set".
        for key, variable in (("port", "TRACKER_PORT"), ("username", "TRACKER_USER"),
                              ("password", "TRACKER_PASSWORD"), ("login_db", "TRACKER_LOGIN_DB")):
            kwargs.setdefault(key, os.environ.get(variable) or None)
        if not kwargs.get("host"):
            kwargs["host"] = None
        super().__init__(*args, **kwargs)
        self.records = RecordStore(self.engine)
        self.webhook = ClinicWebhook.from_env()

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        record = record_for_turn(tracker)
        if record is not None:
            self.records.upsert(record)
            logger.info("Pre-screening %s filed (%s)", record.reference_code, record.triage_level)
            self.webhook.send({"reference_code": record.reference_code, "summary": record.summary,
                               "questionnaire_response": record.fhir})


def record_for_turn(tracker: DialogueStateTracker) -> Optional[Record]:
    """The clinic record, if this turn set the outcome."""
    finished = None
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, SlotSet) and event.key in OUTCOME_SLOTS and event.value:
            finished = event.timestamp
    if finished is None:
        return None
    slots = tracker.current_slot_values()
    code = slots.get("reference_code")
    assessment = assess_slots(slots)
    if not code or assessment is None:
        return None
    started = next((e.timestamp for e in tracker.events if isinstance(e, UserUttered)), None)
    return Record(
        reference_code=code, sender_id=tracker.sender_id, created_at=finished, updated_at=finished,
        triage_level=assessment.triage_level, likely_condition=assessment.likely_condition,
        summary=fhir.summary(code, assessment, finished),
        fhir=fhir.questionnaire_response(code, assessment, started, finished),
    )
