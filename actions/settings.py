"""Clinic settings from environment variables, with safe defaults (plain Python)."""
import os
from typing import Dict


def template_values() -> Dict[str, str]:
    """Values responses can use: {emergency_number}, {clinic_name}, {clinic_contact}."""
    return {
        "emergency_number": os.environ.get("EMERGENCY_NUMBER", "999"),
        "clinic_name": os.environ.get("CLINIC_NAME", "the clinic"),
        "clinic_contact": os.environ.get(
            "CLINIC_CONTACT", "the clinic's reception (phone number on your appointment letter)"),
    }
