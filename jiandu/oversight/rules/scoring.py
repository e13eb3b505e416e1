"""Case-file scoring (R-SUP-6): the rubric, a file's score and grade, self-review coverage.

A rubric has *veto items* (基本项, each either met or not) and two scored sections, *form*
(案卷形式) and *content* (案卷内容), whose items carry points. The default (veto items + form 20
+ content 80) is a dated parameter; each review campaign stores its own copy, editable until the
draw. A file that fails any veto item is graded 不合格 whatever its points (the points are still
recorded, so the report shows what else was wrong). Grades follow dated cut-offs (优秀 ≥ 90,
合格 ≥ 60 by default, unverified: provinces set their own).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from jiandu.core.errors import InvalidInput

EXCELLENT, PASS, FAIL = "excellent", "pass", "fail"
GRADE_LABELS = {EXCELLENT: "优秀", PASS: "合格", FAIL: "不合格"}
SECTIONS = (("form", "案卷形式"), ("content", "案卷内容"))
_STEP = Decimal("0.5")  # points are awarded in halves, as score sheets do


def _points(value: Any) -> Decimal | None:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def validate_rubric(rubric: Mapping[str, Any], *, full_marks: int) -> dict[str, Any]:
    """A clean copy of ``rubric`` or ``InvalidInput`` naming every problem.

    Codes are unique across the rubric; each veto item has a text; each scored item has a text
    and positive points in halves; the scored items add up to ``full_marks`` (the scale the grade
    cut-offs are set on).
    """
    problems: dict[str, str] = {}
    codes: set[str] = set()
    clean: dict[str, Any] = {"veto": [], "form": [], "content": []}

    def code_of(item: Mapping[str, Any], where: str) -> str | None:
        code = str(item.get("code", "")).strip()
        if not code:
            problems[where] = "每一项都要有编号。"
            return None
        if code in codes:
            problems[where] = f"编号“{code}”重复。"
            return None
        codes.add(code)
        return code

    for i, item in enumerate(rubric.get("veto") or []):
        where = f"veto.{i}"
        code = code_of(item, where)
        text = str(item.get("text", "")).strip()
        if code and not text:
            problems[where] = f"否决项“{code}”缺少内容。"
        if code and text:
            clean["veto"].append({"code": code, "text": text})
    total = Decimal(0)
    for section, label in SECTIONS:
        items = rubric.get(section) or []
        if not items:
            problems[section] = f"{label}至少要有一个评分项。"
        for i, item in enumerate(items):
            where = f"{section}.{i}"
            code = code_of(item, where)
            text = str(item.get("text", "")).strip()
            points = _points(item.get("points"))
            if not code:
                continue
            if not text:
                problems[where] = f"评分项“{code}”缺少内容。"
            elif points is None or points <= 0 or points % _STEP:
                problems[where] = f"评分项“{code}”的分值应为正数（可到 0.5 分）。"
            else:
                total += points
                clean[section].append({"code": code, "text": text, "points": _num(points)})
    if not problems and total != full_marks:
        problems["total"] = f"各评分项分值合计应为 {full_marks} 分，现为 {_num(total)} 分。"
    if problems:
        raise InvalidInput("评查标准有误，请修改后再保存。", details=problems)
    return clean


def _num(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def section_total(rubric: Mapping[str, Any], section: str) -> int | float:
    return _num(sum((Decimal(str(i["points"])) for i in rubric.get(section, [])), Decimal(0)))


def check_cutoffs(*, excellent_min: Any, pass_min: Any, full_marks: int) -> tuple[Decimal, Decimal]:
    excellent, passing = _points(excellent_min), _points(pass_min)
    if excellent is None or passing is None or not (0 < passing < excellent <= full_marks):
        raise InvalidInput(details={"cutoffs": f"等次分数线参数有误：应满足 0 < 合格线（{pass_min}）< 优秀线（{excellent_min}）≤ {full_marks}。"})
    return excellent, passing


def grade(total: Decimal, *, vetoed: bool, excellent_min: Any, pass_min: Any, full_marks: int = 100) -> str:
    """优秀 / 合格 / 不合格. A vetoed file fails whatever its points."""
    excellent, passing = check_cutoffs(excellent_min=excellent_min, pass_min=pass_min, full_marks=full_marks)
    if vetoed:
        return FAIL
    if total >= excellent:
        return EXCELLENT
    if total >= passing:
        return PASS
    return FAIL


@dataclass(frozen=True)
class FileScore:
    form: Decimal
    content: Decimal
    total: Decimal
    vetoed: bool
    failed_vetoes: tuple[str, ...]
    grade: str

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS[self.grade]


def score_file(
    rubric: Mapping[str, Any],
    *,
    failed_vetoes: set[str] | frozenset[str] | list[str],
    awarded: Mapping[str, Any],
    excellent_min: Any,
    pass_min: Any,
    full_marks: int = 100,
) -> FileScore:
    """Score one file: every scored item needs its points (0 … the item's points, in halves);
    ``failed_vetoes`` names the veto items the file does not meet."""
    problems: dict[str, str] = {}
    veto_codes = {v["code"] for v in rubric.get("veto", [])}
    unknown = sorted(set(failed_vetoes) - veto_codes)
    if unknown:
        problems["vetoes"] = f"未知的否决项：{'、'.join(unknown)}。"
    totals: dict[str, Decimal] = {}
    for section, _label in SECTIONS:
        subtotal = Decimal(0)
        for item in rubric.get(section, []):
            code, maximum = item["code"], Decimal(str(item["points"]))
            value = _points(awarded.get(code)) if awarded.get(code) not in (None, "") else None
            if value is None:
                problems[code] = f"请为“{item['text']}”打分。"
            elif value < 0 or value > maximum or value % _STEP:
                problems[code] = f"“{item['text']}”的得分应在 0～{_num(maximum)} 分之间（可到 0.5 分）。"
            else:
                subtotal += value
        totals[section] = subtotal
    if problems:
        raise InvalidInput("评分有误，请检查后重试。", details=problems)
    total = totals["form"] + totals["content"]
    vetoed = bool(failed_vetoes)
    return FileScore(
        form=totals["form"], content=totals["content"], total=total, vetoed=vetoed,
        failed_vetoes=tuple(sorted(set(failed_vetoes))),
        grade=grade(total, vetoed=vetoed, excellent_min=excellent_min, pass_min=pass_min, full_marks=full_marks),
    )


def coverage(reviewed: int, total: int) -> Decimal | None:
    """Self-review coverage in percent, one decimal (``None`` when the unit has no files)."""
    if total <= 0:
        return None
    reviewed = max(0, min(reviewed, total))
    return (Decimal(reviewed) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def average(scores: list[Decimal]) -> Decimal | None:
    if not scores:
        return None
    return (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
