"""R-PLT-8: TOTP codes follow RFC 6238 (its published SHA-1 test vectors)."""

from __future__ import annotations

import base64

import pytest

from jiandu.organization import totp

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize(
    ("at", "expected"),
    [(59, "287082"), (1111111109, "081804"), (1111111111, "050471"), (1234567890, "005924"),
     (2000000000, "279037"), (20000000000, "353130")],
)
def test_codes_match_the_rfc_6238_test_vectors(at, expected):
    # RFC 6238 Appendix B lists 8-digit codes; the 6-digit code is their last six digits.
    assert totp.code_at(RFC_SECRET, at) == expected


def test_one_step_of_clock_drift_is_accepted_and_two_are_not():
    secret = totp.new_secret()
    now = 1_800_000_000
    assert totp.verify(secret, totp.code_at(secret, now - 30), at=now) is not None
    assert totp.verify(secret, totp.code_at(secret, now + 30), at=now) is not None
    assert totp.verify(secret, totp.code_at(secret, now - 90), at=now) is None


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "abcdef", None])
def test_malformed_codes_are_rejected(bad):
    assert totp.verify(totp.new_secret(), bad, at=1_800_000_000) is None
