"""Values the assistant's replies fill in ({emergency_number}, {clinic_name}...), from the settings."""

from typing import Any

import settings
from heel.advice import GENERAL_INFORMATION, NOT_A_DIAGNOSIS

from .privacy import notice


def template_values(config: Any = None) -> dict[str, str]:
    """Values responses can use: {emergency_number}, {clinic_name}, {clinic_contact},
    {retention_days}, {privacy_notice}, from `config` (default: settings.load()), and the
    clinical core's disclaimers {not_a_diagnosis} and {general_information} (heel/advice.py)."""
    config = config or settings.load()
    return {
        "emergency_number": config.emergency_number,
        "clinic_name": config.clinic_name,
        "clinic_contact": config.clinic_contact,
        "retention_days": str(config.retention_days),
        "privacy_notice": notice(config.clinic_name, config.retention_days),
        "not_a_diagnosis": NOT_A_DIAGNOSIS,
        "general_information": GENERAL_INFORMATION,
    }
