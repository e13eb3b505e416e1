"""The public tracking code of a complaint (R-SUP-1).

16 characters of Crockford's base-32 alphabet (no I, L, O, U: nothing to misread on a phone or
a letter), 80 random bits, shown grouped by four: ``7K3M-Q9XD-2HPA-TN5C``. Only a SHA-256
digest is stored, like a password: a leaked database does not let anyone read other filers'
replies, and a wrong code can only ever find nothing.

Entry is forgiving: case, spaces and dashes are ignored, and O/I/L typed by mistake are read as
0/1/1 (Crockford's decoding).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
GROUP = 4
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code(randbelow: Callable[[int], int] = secrets.randbelow) -> str:
    """A fresh code, grouped for reading. ``randbelow`` is injectable for tests."""
    raw = "".join(ALPHABET[randbelow(len(ALPHABET))] for _ in range(LENGTH))
    return group(raw)


def group(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalize(entered: str) -> str | None:
    """The canonical 16 characters of what the filer typed, or ``None`` when it cannot be a code."""
    cleaned = "".join((entered or "").split()).replace("-", "").upper().translate(_CONFUSABLE)
    if len(cleaned) != LENGTH or any(c not in ALPHABET for c in cleaned):
        return None
    return cleaned


def digest(code: str) -> str | None:
    """SHA-256 of the normalised code (what the database stores), or ``None`` for a non-code."""
    normalized = normalize(code)
    if normalized is None:
        return None
    return hashlib.sha256(f"jiandu-complaint:{normalized}".encode()).hexdigest()
