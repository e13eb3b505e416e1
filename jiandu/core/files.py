"""Stored files: the SHA-256 checksum every evidence file, transfer material, audio-visual record
and attachment keeps beside it, so a changed file is detected (R-CAS-6, R-STD-9)."""

from __future__ import annotations

import hashlib

CHUNK = 1024 * 1024


def sha256_of(fileobj) -> tuple[str, int]:
    """(hex SHA-256, size in bytes) of an open file or upload, streamed in chunks (bodycam videos are
    large); the file is left at its start for whoever saves it next."""
    digest, size = hashlib.sha256(), 0
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(CHUNK), b""):
        digest.update(chunk)
        size += len(chunk)
    if hasattr(fileobj, "seek"):
        fileobj.seek(0)
    return digest.hexdigest(), size
