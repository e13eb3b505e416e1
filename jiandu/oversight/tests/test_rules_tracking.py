"""R-SUP-1: the tracking code is unguessable, readable, forgiving to type, and stored as a digest."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from jiandu.oversight.rules import tracking


def test_a_code_is_sixteen_characters_of_an_unambiguous_alphabet_in_groups_of_four():
    code = tracking.new_code()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
    assert not set(code) & set("ILOU")


def test_codes_carry_eighty_random_bits_so_a_thousand_draws_do_not_collide():
    assert len(tracking.ALPHABET) ** tracking.LENGTH == 2**80
    assert len({tracking.new_code() for _ in range(1000)}) == 1000


def test_the_random_source_is_used_for_every_character():
    counter = itertools.count()
    code = tracking.new_code(lambda n: next(counter) % n)
    assert code == "0123-4567-89AB-CDEF"


def test_entry_ignores_case_spaces_dashes_and_reads_o_i_l_as_digits():
    assert tracking.normalize("0123-4567-89ab-cdef") == "0123456789ABCDEF"
    assert tracking.normalize(" o123 4567 89AB CDEF ") == "0123456789ABCDEF"
    assert tracking.normalize("O1L3-4567-89AB-CDEF") == "0113456789ABCDEF"
    assert tracking.digest("0123-4567-89ab-cdef") == tracking.digest("0123456789ABCDEF")


def test_something_that_cannot_be_a_code_has_no_digest():
    assert tracking.digest("") is None
    assert tracking.digest("0123-4567") is None
    assert tracking.digest("0123-4567-89AB-CDE!") is None
    assert tracking.digest("0123-4567-89AB-CDEFG") is None


@given(st.text(alphabet=tracking.ALPHABET, min_size=16, max_size=16))
def test_the_digest_is_a_sha256_hex_and_distinct_codes_have_distinct_digests(raw):
    d = tracking.digest(raw)
    assert re.fullmatch(r"[0-9a-f]{64}", d)
    other = ("1" if raw[0] != "1" else "2") + raw[1:]
    assert tracking.digest(other) != d
    assert tracking.normalize(tracking.group(raw)) == raw
