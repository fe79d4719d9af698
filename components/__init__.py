"""The Rasa server's side of the assistant: what runs inside `rasa run`, so the
safety path needs no action server.

Reading a message (NLU components, config.yml `pipeline`):
- `findings_extractor`: the rules reader as a component; `clinical_text` (spaCy +
  medspaCy with heel/vocabulary.yml), `sentences` (cutting a message, and what a
  sentence says of the one before), `places`, `sign_parts` (a red mark is not a red,
  hot, swollen foot), `answers` (yes / no / unknown), `durations` and
  `relative_dates` ("since Boxing Day") do the reading;
- `suspected_sign_extractor`: the statistical second reader; `sign_classifier` is
  its model.

Deciding (config.yml `policies`): `warning_sign_policy` (escalation and the
confirming question), `action_failure_policy` (never silent when the action
server fails), on `rule_policy_base`.

Replying and keeping: `nlg` (responses with the clinic's values, the privacy
notice, the summary), `tracker_store` (conversations, and the clinic's record
when an outcome is given), `privacy` (deletion, log redaction).

`rasa_internals`: every change to Rasa 3.6.21's internals, installed at start.
"""
