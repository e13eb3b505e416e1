"""R-PER-1: identity numbers are checked with their GB 11643 check character."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from jiandu.personnel import rules

TODAY = date(2026, 6, 1)


def make_id(region: str = "420703", born: date = date(1985, 7, 12), seq: str = "123") -> str:
    first17 = f"{region}{born:%Y%m%d}{seq}"
    return first17 + rules.id_check_char(first17)


def test_a_published_example_number_has_the_expected_check_character():
    # The worked example of GB 11643-1999 appendix: 11010519491231002X.
    assert rules.id_check_char("11010519491231002") == "X"
    assert rules.id_number_problem("11010519491231002X", today=TODAY) == ""


def test_a_lower_case_x_and_spaces_are_normalized():
    assert rules.normalize_id_number(" 110105 19491231002x ") == "11010519491231002X"
    assert rules.id_number_problem("11010519491231002x", today=TODAY) == ""


@given(
    region=st.sampled_from(["110105", "420703", "420700", "310101", "650102"]),
    born=st.dates(min_value=date(1940, 1, 1), max_value=date(2008, 12, 31)),
    seq=st.integers(min_value=0, max_value=999),
)
def test_every_number_built_with_its_check_character_is_accepted(region, born, seq):
    assert rules.id_number_problem(make_id(region, born, f"{seq:03d}"), today=TODAY) == ""


@given(
    born=st.dates(min_value=date(1940, 1, 1), max_value=date(2008, 12, 31)),
    seq=st.integers(min_value=0, max_value=999),
    wrong=st.sampled_from("0123456789X"),
)
def test_any_other_check_character_is_refused(born, seq, wrong):
    good = make_id(born=born, seq=f"{seq:03d}")
    bad = good[:17] + wrong
    problem = rules.id_number_problem(bad, today=TODAY)
    assert (problem == "") == (wrong == good[17])
    if wrong != good[17]:
        assert "校验码" in problem


@given(position=st.integers(min_value=0, max_value=16), digit=st.integers(min_value=0, max_value=9))
def test_a_single_mistyped_digit_is_caught(position, digit):
    good = make_id()
    typo = good[:position] + str(digit) + good[position + 1:]
    if typo != good:
        assert rules.id_number_problem(typo, today=TODAY) != ""


def test_wrong_length_letters_and_bad_region_are_refused_with_reasons():
    assert "18位" in rules.id_number_problem("42070319850712123", today=TODAY)
    assert "18位" in rules.id_number_problem("4207031985071212AX", today=TODAY)
    assert "18位" in rules.id_number_problem("", today=TODAY)
    assert "行政区划" in rules.id_number_problem(make_id(region="990101"), today=TODAY)


def test_an_impossible_or_future_birth_date_is_refused():
    first17 = "42070319850231123"  # 31 February
    assert "出生日期" in rules.id_number_problem(first17 + rules.id_check_char(first17), today=TODAY)
    assert "出生日期" in rules.id_number_problem(make_id(born=date(2026, 6, 2)), today=TODAY)
    assert "出生日期" in rules.id_number_problem(make_id(born=date(1899, 12, 31)), today=TODAY)


def test_gender_and_age_are_read_from_the_number():
    man = make_id(seq="121")
    woman = make_id(seq="122")
    assert rules.id_gender(man) == "M" and rules.id_gender(woman) == "F"
    assert rules.id_age_on(man, date(2026, 7, 11)) == 40
    assert rules.id_age_on(man, date(2026, 7, 12)) == 41
