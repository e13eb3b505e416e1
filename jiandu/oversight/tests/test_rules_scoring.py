"""R-SUP-6, issue #5 point 4: a veto item fails the file whatever its points; grades follow the
dated cut-offs; the rubric is editable but must stay coherent."""

from __future__ import annotations

import copy
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiandu.core.errors import InvalidInput
from jiandu.oversight.rules import scoring

DEFAULTS = tomllib.loads((Path(__file__).resolve().parents[1] / "policy_defaults.toml").read_text())
RUBRIC = next(p for p in DEFAULTS["parameter"] if p["key"] == "oversight.review.default_rubric")["value"]


def full_points(rubric=RUBRIC, minus: dict | None = None):
    awarded = {i["code"]: i["points"] for s in ("form", "content") for i in rubric[s]}
    for code, points in (minus or {}).items():
        awarded[code] -= points
    return awarded


def score(failed=(), awarded=None, excellent=90, passing=60):
    return scoring.score_file(RUBRIC, failed_vetoes=set(failed), awarded=awarded or full_points(),
                              excellent_min=excellent, pass_min=passing)


def test_the_default_rubric_is_veto_items_plus_form_20_and_content_80():
    clean = scoring.validate_rubric(RUBRIC, full_marks=100)
    assert len(clean["veto"]) == 8
    assert scoring.section_total(clean, "form") == 20 and scoring.section_total(clean, "content") == 80


def test_a_full_marks_file_is_excellent():
    result = score()
    assert result.total == 100 and result.grade == scoring.EXCELLENT and result.grade_label == "优秀"


def test_a_veto_item_fails_a_full_marks_file():
    result = score(failed=["V3"])
    assert result.total == 100  # the points are kept, the grade is not
    assert result.vetoed and result.grade == scoring.FAIL and result.failed_vetoes == ("V3",)


@given(st.sets(st.sampled_from([v["code"] for v in RUBRIC["veto"]]), min_size=1),
       st.dictionaries(st.sampled_from([i["code"] for i in RUBRIC["content"]]), st.integers(0, 5)))
def test_any_failed_veto_fails_the_file_whatever_its_points(failed, deductions):
    assert score(failed=failed, awarded=full_points(minus=deductions)).grade == scoring.FAIL


@pytest.mark.parametrize(("deduct", "grade"), [
    (0, scoring.EXCELLENT), (10, scoring.EXCELLENT), (10.5, scoring.PASS), (40, scoring.PASS), (40.5, scoring.FAIL),
])
def test_grades_follow_the_cut_offs_at_their_boundaries(deduct, grade):
    # Deduct from C2 (15) and C5 (15) and C1 (10) as needed.
    remaining, minus = Decimal(str(deduct)), {}
    for code, cap in (("C2", 15), ("C5", 15), ("C1", 10), ("C3", 10)):
        take = min(remaining, Decimal(cap))
        if take:
            minus[code] = take
        remaining -= take
    awarded = {k: Decimal(str(v)) for k, v in full_points().items()}
    for k, v in minus.items():
        awarded[k] -= v
    result = score(awarded=awarded)
    assert result.total == 100 - Decimal(str(deduct)) and result.grade == grade


def test_other_cut_offs_from_the_parameters_change_the_grade():
    awarded = full_points(minus={"C2": 12})  # 88 points
    assert score(awarded=awarded).grade == scoring.PASS
    assert score(awarded=awarded, excellent=85, passing=70).grade == scoring.EXCELLENT
    assert scoring.grade(Decimal(65), vetoed=False, excellent_min=85, pass_min=70) == scoring.FAIL


def test_incoherent_cut_offs_are_refused():
    with pytest.raises(InvalidInput):
        scoring.grade(Decimal(80), vetoed=False, excellent_min=60, pass_min=90)


def test_every_item_must_be_scored_within_its_points_in_halves():
    awarded = full_points()
    del awarded["F1"]
    awarded["C2"] = 16
    awarded["C3"] = 2.3
    with pytest.raises(InvalidInput) as exc:
        score(awarded=awarded)
    assert set(exc.value.details) == {"F1", "C2", "C3"}
    assert "请为" in exc.value.details["F1"]


def test_half_points_are_accepted():
    result = score(awarded=full_points(minus={"F1": 0.5}))
    assert result.total == Decimal("99.5") and result.form == Decimal("19.5")


def test_an_unknown_veto_item_is_refused():
    with pytest.raises(InvalidInput) as exc:
        score(failed=["V99"])
    assert "V99" in exc.value.details["vetoes"]


def test_an_edited_rubric_must_still_add_up_to_full_marks():
    edited = copy.deepcopy(RUBRIC)
    edited["form"][0]["points"] = 10  # form now 25
    with pytest.raises(InvalidInput) as exc:
        scoring.validate_rubric(edited, full_marks=100)
    assert "合计应为 100 分，现为 105 分" in exc.value.details["total"]
    edited["content"][1]["points"] = 10  # C2 15 → 10: back to 100
    clean = scoring.validate_rubric(edited, full_marks=100)
    assert scoring.section_total(clean, "form") == 25 and scoring.section_total(clean, "content") == 75


def test_rubric_codes_must_be_unique_and_items_complete():
    edited = copy.deepcopy(RUBRIC)
    edited["veto"].append({"code": "V1", "text": "重复编号"})
    edited["content"].append({"code": "C9", "text": "", "points": 1})
    edited["form"] = []
    with pytest.raises(InvalidInput) as exc:
        scoring.validate_rubric(edited, full_marks=100)
    assert "重复" in str(exc.value.details) and exc.value.details["form"] == "案卷形式至少要有一个评分项。"


def test_a_rubric_may_have_no_veto_item_at_all():
    edited = copy.deepcopy(RUBRIC)
    edited["veto"] = []
    assert scoring.validate_rubric(edited, full_marks=100)["veto"] == []


@pytest.mark.parametrize(("reviewed", "total", "expected"), [
    (0, 10, Decimal("0.0")), (10, 10, Decimal("100.0")), (2, 3, Decimal("66.7")), (1, 3, Decimal("33.3")),
    (12, 10, Decimal("100.0")), (0, 0, None),
])
def test_self_review_coverage_is_a_percentage_with_one_decimal(reviewed, total, expected):
    assert scoring.coverage(reviewed, total) == expected


def test_average_score_rounds_half_up():
    assert scoring.average([Decimal("90"), Decimal("85.5")]) == Decimal("87.8")
    assert scoring.average([]) is None
