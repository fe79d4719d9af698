"""Short reference codes a person shows at reception."""

import secrets

# No 0/O, 1/I/L: easy to read out and type.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 6


def new_reference_code() -> str:
    """e.g. "HX4-K9P": 31^6 ≈ 890 million codes, drawn with a CSPRNG."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{code[:3]}-{code[3:]}"


def normalise(code: str) -> str:
    """What a receptionist types ("hx4k9p", "HX4 K9P") as stored ("HX4-K9P")."""
    raw = "".join(ch for ch in str(code).upper() if ch.isalnum())
    return f"{raw[:3]}-{raw[3:]}" if len(raw) == LENGTH else ""
