"""Values the assistant's replies fill in ({emergency_number}, {clinic_name}...), from the environment."""
import os
from typing import Dict

from .privacy import DEFAULT_RETENTION_DAYS, notice, retention_days


def template_values() -> Dict[str, str]:
    """Values responses can use: {emergency_number}, {clinic_name}, {clinic_contact},
    {retention_days} and {privacy_notice}."""
    try:
        days = retention_days()
    except ValueError:  # reported at start-up by the Rasa server; the purge refuses to run
        days = DEFAULT_RETENTION_DAYS
    clinic_name = os.environ.get("CLINIC_NAME", "the clinic")
    return {
        "emergency_number": os.environ.get("EMERGENCY_NUMBER", "999"),
        "clinic_name": clinic_name,
        "clinic_contact": os.environ.get(
            "CLINIC_CONTACT", "the clinic's reception (phone number on your appointment letter)"),
        "retention_days": str(days),
        "privacy_notice": notice(clinic_name, days),
    }
