"""Custom actions for the heel pain pre-screening assistant.

`heel` holds the clinical policy in plain Python (no Rasa imports);
the other modules adapt it to Rasa forms and actions.
"""
