"""Pure decisions about enforcement cases (R-CAS). No ORM, no I/O: plain values in, a decision
(with its Chinese reason) out. Every statutory figure is an argument: the service reads it with
``core.policy.value(...)`` on the relevant date and passes it in.

Contents:
- lifecycle transition tables per flow (penalty general/simple, coercion, licensing, inspection);
- deadline arithmetic with pauses (calendar or working days, 行政处罚法 art. 85);
- limitation period (art. 36), simple procedure (art. 51), hearing rights (art. 63–64);
- the legal review requirement (art. 58, R-CAS-4), reviewer eligibility, officers on a step (art. 42);
- the automatic checks run at legal review (R-CAS-5);
- late payment fee (art. 72), disclosure timeliness (118号, art. 48).
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from jiandu.core.workdays import WorkCalendar

ONE_DAY = timedelta(days=1)

# --- vocabulary ----------------------------------------------------------------------------------

PENALTY, COERCION, LICENSING, INSPECTION = "penalty", "coercion", "licensing", "inspection"
SIMPLE, GENERAL = "simple", "general"
PERSON, ORGANISATION = "person", "organisation"

# 行政处罚法 art. 9, lightest first: statistics count a case once under its heaviest penalty.
# The labels are exactly those of ``standards.rules.OTHER_PENALTIES`` (benchmark tiers list them).
PENALTY_KINDS: tuple[tuple[str, str], ...] = (
    ("warning", "警告"),
    ("circulated_criticism", "通报批评"),
    ("fine", "罚款"),
    ("confiscate_gain", "没收违法所得"),
    ("confiscate_property", "没收非法财物"),
    ("suspend_licence", "暂扣许可证件"),
    ("demote_qualification", "降低资质等级"),
    ("revoke_licence", "吊销许可证件"),
    ("restrict_activity", "限制开展生产经营活动"),
    ("order_suspension", "责令停产停业"),
    ("order_closure", "责令关闭"),
    ("restrict_employment", "限制从业"),
    ("detention", "行政拘留"),
)
PENALTY_LABELS = dict(PENALTY_KINDS)
CONFISCATIONS = frozenset({"confiscate_gain", "confiscate_property"})
# art. 63: penalties that give the right to a hearing whatever the amount.
HEARING_PENALTIES = frozenset({"demote_qualification", "revoke_licence", "order_suspension", "order_closure",
                               "restrict_employment"})


def heaviest_penalty(penalties: Iterable[str]) -> str | None:
    order = {code: i for i, (code, _) in enumerate(PENALTY_KINDS)}
    known = [p for p in penalties if p in order]
    return max(known, key=order.__getitem__) if known else None


@dataclass(frozen=True)
class Decision:
    """A yes/no with the reasons (Chinese) that explain a "no"."""

    ok: bool
    reasons: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


def _decision(reasons: list[str]) -> Decision:
    return Decision(ok=not reasons, reasons=tuple(reasons))


# --- lifecycle -------------------------------------------------------------------------------------

RECORD = frozenset({"cases.record_step", "cases.manage"})  # the officers, or the unit on their behalf
MANAGE = frozenset({"cases.manage"})


@dataclass(frozen=True)
class Transition:
    to: str
    label: str
    permissions: frozenset[str] = RECORD
    enforcement: bool = False  # an enforcement step: needs the officers of art. 42 on its date


def flow_of(kind: str, procedure: str) -> str:
    if kind == PENALTY:
        return "penalty_simple" if procedure == SIMPLE else "penalty_general"
    if kind in (COERCION, LICENSING, INSPECTION):
        return kind
    raise ValueError(f"unknown case kind {kind!r}")


START_STATUS = {
    "penalty_general": "filed", "penalty_simple": "filed", COERCION: "filed", LICENSING: "accepted",
    INSPECTION: "filed",
}

_BEFORE_DECISION_PENALTY = ("filed", "investigating", "notified", "hearing", "legal_review")

# TRANSITIONS[flow][(state, action)] = Transition(new state, label, permissions, enforcement step?)
TRANSITIONS: dict[str, dict[tuple[str, str], Transition]] = {
    # 行政处罚普通程序：立案 → 调查取证 → 告知 → (听证) → 法制审核 → 决定 → 送达 → 执行 → 结案
    "penalty_general": {
        ("filed", "investigate"): Transition("investigating", "调查取证", enforcement=True),
        ("investigating", "notify"): Transition("notified", "事先告知", enforcement=True),
        ("notified", "request_hearing"): Transition("hearing", "当事人申请听证"),
        ("notified", "submit_review"): Transition("legal_review", "提交法制审核"),
        ("hearing", "submit_review"): Transition("legal_review", "听证后提交法制审核"),
        ("legal_review", "return_for_revision"): Transition("investigating", "退回补充调查", frozenset({"cases.legal_review"})),
        ("notified", "decide"): Transition("decided", "作出决定", enforcement=True),
        ("hearing", "decide"): Transition("decided", "作出决定", enforcement=True),
        ("legal_review", "decide"): Transition("decided", "作出决定", enforcement=True),
        ("decided", "serve"): Transition("served", "送达决定书", enforcement=True),
        ("served", "execute"): Transition("executing", "执行", enforcement=True),
        ("served", "close"): Transition("closed", "结案"),
        ("executing", "close"): Transition("closed", "结案"),
        **{(s, "extend"): Transition(s, "延长办案期限", MANAGE) for s in _BEFORE_DECISION_PENALTY},
        **{(s, "terminate"): Transition("terminated", "撤销立案（终止调查）", MANAGE) for s in _BEFORE_DECISION_PENALTY},
    },
    # 简易程序（当场处罚）：立案 → 当场告知 → 当场决定 → 送达 → (执行) → 结案
    "penalty_simple": {
        ("filed", "notify"): Transition("notified", "当场告知", enforcement=True),
        ("notified", "decide"): Transition("decided", "当场作出决定", enforcement=True),
        ("decided", "serve"): Transition("served", "当场交付决定书", enforcement=True),
        ("served", "execute"): Transition("executing", "执行", enforcement=True),
        ("served", "close"): Transition("closed", "结案"),
        ("executing", "close"): Transition("closed", "结案"),
        ("filed", "terminate"): Transition("terminated", "终止", MANAGE),
        ("notified", "terminate"): Transition("terminated", "终止", MANAGE),
    },
    # 行政强制措施（查封、扣押）：立案 → 调查 → 法制审核 → 决定 → 送达（决定书、清单）→ 措施执行 → 解除或处理 → 结案
    COERCION: {
        ("filed", "investigate"): Transition("investigating", "调查核实", enforcement=True),
        ("investigating", "submit_review"): Transition("legal_review", "提交法制审核"),
        ("legal_review", "return_for_revision"): Transition("investigating", "退回补充调查", frozenset({"cases.legal_review"})),
        ("investigating", "decide"): Transition("decided", "决定采取强制措施", enforcement=True),
        ("legal_review", "decide"): Transition("decided", "决定采取强制措施", enforcement=True),
        ("decided", "serve"): Transition("served", "送达决定书和清单", enforcement=True),
        ("served", "execute"): Transition("executing", "实施查封扣押", enforcement=True),
        ("executing", "extend"): Transition("executing", "延长查封扣押期限", MANAGE),
        ("executing", "close"): Transition("closed", "解除或依法处理后结案", enforcement=True),
        ("filed", "terminate"): Transition("terminated", "终止", MANAGE),
        ("investigating", "terminate"): Transition("terminated", "终止", MANAGE),
        ("legal_review", "terminate"): Transition("terminated", "终止", MANAGE),
    },
    # 行政许可：受理 → 审查 → (法制审核) → 决定 → 颁发送达 → 办结
    LICENSING: {
        ("accepted", "examine"): Transition("examining", "审查", enforcement=True),
        ("examining", "extend"): Transition("examining", "延长审查期限", MANAGE),
        ("examining", "submit_review"): Transition("legal_review", "提交法制审核"),
        ("legal_review", "return_for_revision"): Transition("examining", "退回补充审查", frozenset({"cases.legal_review"})),
        ("examining", "decide"): Transition("decided", "作出许可决定"),
        ("legal_review", "decide"): Transition("decided", "作出许可决定"),
        ("decided", "serve"): Transition("served", "颁发、送达"),
        ("served", "close"): Transition("closed", "办结"),
        ("accepted", "terminate"): Transition("terminated", "申请人撤回，终止审查", MANAGE),
        ("examining", "terminate"): Transition("terminated", "申请人撤回，终止审查", MANAGE),
        ("legal_review", "terminate"): Transition("terminated", "申请人撤回，终止审查", MANAGE),
    },
    # 行政检查：启动 → 实施检查 → 检查结论 → 结案
    INSPECTION: {
        ("filed", "inspect"): Transition("inspecting", "实施检查", enforcement=True),
        ("inspecting", "decide"): Transition("decided", "作出检查结论", enforcement=True),
        ("decided", "close"): Transition("closed", "结案"),
        ("filed", "terminate"): Transition("terminated", "终止", MANAGE),
        ("inspecting", "terminate"): Transition("terminated", "终止", MANAGE),
    },
}

ACTION_LABELS: dict[str, str] = {}
for _table in TRANSITIONS.values():
    for (_state, _action), _t in _table.items():
        ACTION_LABELS.setdefault(_action, _t.label)

# Step order for the progress bar of a case page (the hearing is optional, shown only when held).
STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "penalty_general": (("filed", "立案"), ("investigating", "调查取证"), ("notified", "告知"), ("hearing", "听证"),
                        ("legal_review", "法制审核"), ("decided", "决定"), ("served", "送达"),
                        ("executing", "执行"), ("closed", "结案")),
    "penalty_simple": (("filed", "立案"), ("notified", "当场告知"), ("decided", "当场决定"), ("served", "送达"),
                       ("executing", "执行"), ("closed", "结案")),
    COERCION: (("filed", "立案"), ("investigating", "调查"), ("legal_review", "法制审核"), ("decided", "决定"),
               ("served", "送达"), ("executing", "查封扣押"), ("closed", "结案")),
    LICENSING: (("accepted", "受理"), ("examining", "审查"), ("legal_review", "法制审核"), ("decided", "决定"),
                ("served", "颁发送达"), ("closed", "办结")),
    INSPECTION: (("filed", "启动"), ("inspecting", "实施检查"), ("decided", "检查结论"), ("closed", "结案")),
}


class TransitionRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def next_state(flow: str, state: str, action: str) -> Transition:
    """The transition for ``action`` from ``state``; ``TransitionRefused`` (Chinese) otherwise."""
    table = TRANSITIONS.get(flow)
    if table is None:
        raise TransitionRefused("未知的案件类别或程序。")
    transition = table.get((state, action))
    if transition is None:
        allowed = "、".join(t.label for (s, _), t in table.items() if s == state) or "无（案件已办结）"
        label = ACTION_LABELS.get(action, action)
        raise TransitionRefused(f"当前环节不能办理“{label}”。当前可办理：{allowed}。")
    return transition


def actions_from(flow: str, state: str) -> list[tuple[str, Transition]]:
    return [(a, t) for (s, a), t in TRANSITIONS.get(flow, {}).items() if s == state]


# --- deadlines ---------------------------------------------------------------------------------------

CALENDAR, WORKING = "calendar", "working"
Pause = tuple[date, "date | None"]


def _paused(d: date, pauses: Sequence[Pause]) -> tuple[bool, bool]:
    """(inside a pause, inside an open pause) for day ``d``."""
    for start, end in pauses:
        if d >= start and (end is None or d <= end):
            return True, end is None
    return False, False


def due_date(
    start: date,
    days: int,
    counting: str,
    *,
    calendar: WorkCalendar | None = None,
    pauses: Sequence[Pause] = (),
    extension_days: int = 0,
) -> date | None:
    """The last day of a period of ``days + extension_days`` counted days after ``start``.

    - ``start`` itself is never counted (legal reading: "within N days of D" ends on the N-th
      counted day after D), whether or not it is a working day.
    - ``counting == "working"`` counts only working days of ``calendar`` (holidays skipped, make-up
      Saturdays such as 2026-10-10 counted); ``"calendar"`` counts every day (art. 85: longer
      periods such as 90 days are calendar days).
    - Days inside a pause ``[started_on, ended_on]`` (both inclusive) do not count: the clock stops
      on the day the pause starts and runs again the day after it ends, so the deadline moves back
      by the counted days the pause covered.
    - An open pause (``ended_on`` None) reached before the period ends stops the clock: the answer
      is ``None`` (no deadline until the pause ends). A pause after the end changes nothing.
    - ``days + extension_days == 0`` answers ``start``.
    - A working-day period reaching a year the calendar does not know raises
      ``CalendarYearMissing`` (never a silent guess).
    """
    total = days + extension_days
    if total < 0:
        raise ValueError("a period cannot be negative")
    if counting not in (CALENDAR, WORKING):
        raise ValueError(f"unknown counting {counting!r}")
    if counting == WORKING and calendar is None:
        raise ValueError("working-day counting needs a calendar")
    current = start
    remaining = total
    while remaining:
        current += ONE_DAY
        inside, is_open = _paused(current, pauses)
        if inside:
            if is_open:
                return None
            continue
        if counting == WORKING and not calendar.is_workday(current):  # type: ignore[union-attr]
            continue
        remaining -= 1
    return current


def days_left(today: date, due: date, counting: str, *, calendar: WorkCalendar | None = None) -> int:
    """Counted days from ``today`` to ``due`` (negative when overdue, 0 on the last day)."""
    if counting == WORKING and calendar is not None:
        return calendar.working_days_between(today, due)
    return (due - today).days


def deadline_state(today: date, due: date | None, *, remind_on: date | None) -> str:
    """``"paused"`` (no due date), ``"overdue"`` (past the last day), ``"due_soon"`` (from the
    reminder day on), else ``"running"``. The last day itself is still in time."""
    if due is None:
        return "paused"
    if today > due:
        return "overdue"
    if remind_on is not None and today >= remind_on:
        return "due_soon"
    return "running"


def remind_from(due: date, working_days_before: int, calendar: WorkCalendar) -> date:
    """The day reminders start: ``working_days_before`` working days before ``due``."""
    d, remaining = due, working_days_before
    while remaining > 0:
        d -= ONE_DAY
        if calendar.is_workday(d):
            remaining -= 1
    return d


def add_years(d: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    year = d.year + years
    day = min(d.day, _calendar.monthrange(year, d.month)[1])
    return d.replace(year=year, day=day)


# --- limitation (行政处罚法 art. 36) ------------------------------------------------------------------


def limitation_check(
    *,
    violation_ended_on: date | None,
    discovered_on: date | None,
    harm_to_life_or_finance: bool,
    years: int,
    extended_years: int,
) -> Decision:
    """Penalty only if the violation was discovered within ``years`` (``extended_years`` where life,
    health or financial safety is involved and harm was caused) of the day it ended (for a
    continuing violation: its end). The period ends on the same calendar day ``years`` later; a
    discovery on that day is still in time. Missing dates cannot be checked: refused with a reason
    asking for them."""
    if violation_ended_on is None or discovered_on is None:
        return Decision(False, ("未填写违法行为终了日期或发现日期，无法核对追责期限。",))
    if discovered_on < violation_ended_on:
        return Decision(False, ("发现日期早于违法行为终了日期，请核对。",))
    n = extended_years if harm_to_life_or_finance else years
    last = add_years(violation_ended_on, n)
    if discovered_on > last:
        return Decision(
            False,
            (f"违法行为于{violation_ended_on:%Y年%m月%d日}终了，{n}年内（至{last:%Y年%m月%d日}）未被发现，"
             f"依法不再给予行政处罚（行政处罚法第三十六条）。",),
        )
    return Decision(True)


# --- procedure, officers, hearing ----------------------------------------------------------------------


def _money(value) -> Decimal:
    return Decimal(str(value or 0))


def simple_procedure_allowed(
    *, party_kind: str, penalties: Sequence[str], fine: Decimal | None, max_person: Decimal, max_organisation: Decimal
) -> Decision:
    """行政处罚法 art. 51: facts certain with a legal basis, and a warning or a fine of at most
    ``max_person`` (citizen) / ``max_organisation`` (organisation). Nothing else."""
    reasons = []
    other = [p for p in penalties if p not in ("warning", "fine")]
    if other:
        reasons.append(f"简易程序只能给予警告或者罚款，不能给予{'、'.join(PENALTY_LABELS.get(p, p) for p in other)}。")
    if not penalties:
        reasons.append("请选择处罚种类。")
    limit = _money(max_person if party_kind == PERSON else max_organisation)
    amount = _money(fine)
    if "fine" in penalties and amount > limit:
        who = "公民" if party_kind == PERSON else "法人或其他组织"
        reasons.append(f"简易程序对{who}的罚款不得超过{limit:,.0f}元（拟罚款{amount:,.2f}元），应适用普通程序。")
    return _decision(reasons)


def officers_on_step(
    *, officer_ids: Sequence[int], assigned_ids: Iterable[int], certified: Mapping[int, str], minimum: int,
    names: Mapping[int, str] | None = None,
) -> Decision:
    """R-CAS-3 / art. 42: at least ``minimum`` officers, each assigned to the case and each holding a
    valid certificate on the step's date (``certified[id] == ""``). One officer without a valid
    certificate refuses the step even if enough others are valid: they may not act at all."""
    names = names or {}
    reasons = []
    assigned = set(assigned_ids)
    unique = list(dict.fromkeys(officer_ids))
    for oid in unique:
        if oid not in assigned:
            reasons.append(f"{names.get(oid, f'执法人员#{oid}')}不是本案承办人员。")
        elif certified.get(oid, "执法人员不存在。"):
            reasons.append(certified.get(oid, "执法人员不存在。"))
    valid = [oid for oid in unique if oid in assigned and certified.get(oid) == ""]
    if len(valid) < minimum:
        reasons.append(f"本环节须有至少{minimum}名持有效执法证的执法人员（现有{len(valid)}名）。")
    return _decision(reasons)


def hearing_rights_required(
    *, party_kind: str, penalties: Sequence[str], fine: Decimal | None, confiscated: Decimal | None,
    threshold_person: Decimal, threshold_organisation: Decimal,
) -> tuple[bool, str]:
    """行政处罚法 art. 63: a large fine or confiscation (the threshold is a parameter set per
    province/domain), lowering a qualification, revoking a licence, ordering closure, restricting
    employment. Returns (required, why)."""
    threshold = _money(threshold_person if party_kind == PERSON else threshold_organisation)
    heavy = [PENALTY_LABELS[p] for p in penalties if p in HEARING_PENALTIES]
    if heavy:
        return True, f"拟给予{'、'.join(heavy)}"
    if "fine" in penalties and _money(fine) >= threshold:
        return True, f"拟罚款{_money(fine):,.2f}元，达到较大数额罚款标准（{threshold:,.0f}元）"
    if CONFISCATIONS.intersection(penalties) and _money(confiscated) >= threshold:
        return True, f"拟没收{_money(confiscated):,.2f}元，达到较大数额标准（{threshold:,.0f}元）"
    return False, ""


def earliest_hearing_on(notice_on: date, notice_working_days: int, calendar: WorkCalendar) -> date:
    """art. 64(2): the party is notified at least ``notice_working_days`` working days before the
    hearing, so the hearing is held on that working day after the notice or later."""
    return calendar.add_working_days(notice_on, notice_working_days)


# --- legal review (R-CAS-4) --------------------------------------------------------------------------------


def legal_review_required(*, kind: str, procedure: str, is_major: bool, review_kinds: Sequence[str]) -> tuple[bool, str]:
    """A decision needs a written legal review opinion first when it is a major decision (any kind),
    or a general-procedure decision of a kind in ``review_kinds`` (default: penalty, coercion).
    Simple procedure is exempt unless major."""
    if is_major:
        return True, "重大执法决定须经法制审核（行政处罚法第五十八条）"
    if procedure == GENERAL and kind in review_kinds:
        label = {PENALTY: "行政处罚", COERCION: "行政强制", LICENSING: "行政许可", INSPECTION: "行政检查"}.get(kind, kind)
        return True, f"普通程序{label}决定须经法制审核"
    return False, ""


@dataclass(frozen=True)
class ReviewerFacts:
    in_reviewing_body: bool  # an active member of the legal body that holds the unit's review duty
    is_investigator: bool  # assigned to this case as an officer
    has_legal_qualification: bool  # 法律职业资格
    earlier_opinions: int  # review opinions recorded by this person before


def reviewer_eligibility(facts: ReviewerFacts) -> Decision:
    """art. 58 and R-CAS-4: the reviewer belongs to the reviewing legal body, did not investigate the
    case, and a first-time reviewer holds the national legal professional qualification.

    "First-time reviewer" means a person with no earlier legal review opinion recorded on this
    platform (``earlier_opinions == 0``); from the second opinion on, the qualification is no
    longer required by this rule (art. 58: 初次从事行政处罚决定法制审核的人员)."""
    reasons = []
    if not facts.in_reviewing_body:
        reasons.append("审核人员不是本单位法制审核机构的在岗人员。")
    if facts.is_investigator:
        reasons.append("审核人员参与了本案调查，不得审核本案。")
    if facts.earlier_opinions == 0 and not facts.has_legal_qualification:
        reasons.append("初次从事法制审核的人员须取得国家统一法律职业资格（行政处罚法第五十八条）。")
    return _decision(reasons)


# --- automatic checks at review (R-CAS-5) ---------------------------------------------------------------------

OK, INFO, WARN, FAIL = "ok", "info", "warn", "fail"


@dataclass(frozen=True)
class CheckResult:
    code: str
    label: str
    level: str  # ok / info / warn / fail
    reason: str

    @property
    def ok(self) -> bool:
        return self.level in (OK, INFO)

    def as_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "level": self.level, "ok": self.ok, "reason": self.reason}


@dataclass(frozen=True)
class BenchmarkOutcome:
    """What ``standards.selectors.benchmark_check`` answered, as plain values."""

    ok: bool
    tier_label: str = ""
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class FourListEntry:
    list_kind: str  # no_penalty / lighter_penalty / mitigated_penalty / coercion_exempt
    conditions: str = ""


FOUR_LIST_LABELS = {
    "no_penalty": "不予处罚清单", "lighter_penalty": "从轻处罚清单", "mitigated_penalty": "减轻处罚清单",
    "coercion_exempt": "免予行政强制清单",
}


@dataclass(frozen=True)
class ReviewFacts:
    kind: str
    procedure: str
    party_kind: str
    penalties: tuple[str, ...]
    fine: Decimal | None
    confiscated: Decimal | None
    violation_ended_on: date | None
    discovered_on: date | None
    harm_to_life_or_finance: bool
    hearing_rights_notified_on: date | None
    # figures (policy parameters on the review date, for the unit's jurisdiction)
    limitation_years: int = 2
    limitation_extended_years: int = 5
    hearing_threshold_person: Decimal = Decimal("10000")
    hearing_threshold_organisation: Decimal = Decimal("100000")
    # answers of the standards contracts, ``None`` when the contract gave nothing to compare
    benchmark: BenchmarkOutcome | None = None
    benchmark_available: bool = True
    four_list: tuple[FourListEntry, ...] = field(default_factory=tuple)
    four_list_available: bool = True


def check_benchmark(f: ReviewFacts) -> CheckResult:
    label = "裁量基准"
    if f.kind != PENALTY or "fine" not in f.penalties:
        return CheckResult("benchmark", label, INFO, "不涉及罚款，无需比对裁量基准。")
    if not f.benchmark_available:
        return CheckResult("benchmark", label, INFO, "裁量基准比对功能尚未启用，请人工核对。")
    if f.benchmark is None:
        return CheckResult("benchmark", label, WARN, "该事项未发布裁量基准，请人工核对罚款幅度。")
    if f.benchmark.ok:
        tier = f"（{f.benchmark.tier_label}）" if f.benchmark.tier_label else ""
        return CheckResult("benchmark", label, OK, f"拟罚款在裁量基准幅度内{tier}。")
    why = "；".join(f.benchmark.reasons) or "拟处罚超出对应情节的裁量幅度。"
    tier = f"对应情节：{f.benchmark.tier_label}。" if f.benchmark.tier_label else ""
    return CheckResult("benchmark", label, FAIL, f"{tier}{why}")


def check_four_lists(f: ReviewFacts) -> CheckResult:
    label = "四张清单"
    if not f.four_list_available:
        return CheckResult("four_lists", label, INFO, "四张清单比对功能尚未启用，请人工核对。")
    if not f.four_list:
        return CheckResult("four_lists", label, OK, "该事项未列入四张清单。")
    notes = []
    level = INFO
    for e in f.four_list:
        name = FOUR_LIST_LABELS.get(e.list_kind, e.list_kind)
        cond = f"（适用条件：{e.conditions}）" if e.conditions else ""
        notes.append(f"该事项列入{name}{cond}")
        if e.list_kind == "no_penalty" and f.penalties:
            level = WARN
            notes.append("拟给予处罚，请核实当事人是否符合不予处罚条件")
        if e.list_kind == "coercion_exempt" and f.kind == COERCION:
            level = WARN
            notes.append("拟采取强制措施，请核实是否符合免予行政强制条件")
    return CheckResult("four_lists", label, level, "；".join(notes) + "。")


def check_limitation(f: ReviewFacts) -> CheckResult:
    label = "追责期限"
    if f.kind != PENALTY:
        return CheckResult("limitation", label, INFO, "非行政处罚案件，不适用追责期限。")
    d = limitation_check(
        violation_ended_on=f.violation_ended_on, discovered_on=f.discovered_on,
        harm_to_life_or_finance=f.harm_to_life_or_finance, years=f.limitation_years,
        extended_years=f.limitation_extended_years,
    )
    if d.ok:
        n = f.limitation_extended_years if f.harm_to_life_or_finance else f.limitation_years
        return CheckResult("limitation", label, OK, f"在{n}年追责期限内。")
    return CheckResult("limitation", label, FAIL, d.reason)


def check_hearing_rights(f: ReviewFacts) -> CheckResult:
    label = "听证权利告知"
    if f.kind != PENALTY:
        return CheckResult("hearing_rights", label, INFO, "非行政处罚案件，不适用。")
    required, why = hearing_rights_required(
        party_kind=f.party_kind, penalties=f.penalties, fine=f.fine, confiscated=f.confiscated,
        threshold_person=f.hearing_threshold_person, threshold_organisation=f.hearing_threshold_organisation,
    )
    if not required:
        return CheckResult("hearing_rights", label, OK, "未达到听证标准，无需告知听证权利。")
    if f.hearing_rights_notified_on is None:
        return CheckResult("hearing_rights", label, FAIL, f"{why}，应当告知当事人有要求听证的权利，但未见告知记录。")
    return CheckResult("hearing_rights", label, OK, f"{why}，已于{f.hearing_rights_notified_on:%Y年%m月%d日}告知听证权利。")


def check_procedure(f: ReviewFacts, *, max_person: Decimal = Decimal("200"), max_organisation: Decimal = Decimal("3000")) -> CheckResult:
    label = "程序适用"
    if f.kind != PENALTY or f.procedure != SIMPLE:
        return CheckResult("procedure", label, OK, "适用普通程序。" if f.procedure == GENERAL else "程序适用无异常。")
    d = simple_procedure_allowed(party_kind=f.party_kind, penalties=f.penalties, fine=f.fine,
                                 max_person=max_person, max_organisation=max_organisation)
    return CheckResult("procedure", label, OK if d.ok else FAIL, "符合简易程序条件。" if d.ok else d.reason)


# The checks run at every review, in this order. Each takes the plain facts and gives one result.
REVIEW_CHECKS = (check_benchmark, check_four_lists, check_limitation, check_hearing_rights, check_procedure)


def run_review_checks(facts: ReviewFacts) -> list[CheckResult]:
    return [check(facts) for check in REVIEW_CHECKS]


# --- payment, disclosure ---------------------------------------------------------------------------------


def late_payment_fee(*, fine: Decimal, due_on: date, paid_on: date, percent_per_day: Decimal) -> Decimal:
    """art. 72: from the day after the payment deadline, ``percent_per_day`` % of the fine per day,
    never more than the fine itself. Paid on or before ``due_on``: nothing."""
    days = (paid_on - due_on).days
    if days <= 0:
        return Decimal("0.00")
    fee = _money(fine) * _money(percent_per_day) / 100 * days
    return min(fee, _money(fine)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def disclosure_required(
    *, kind: str, procedure: str, outcome: str, kinds: Sequence[str], include_simple: bool
) -> bool:
    """118号: penalty and licensing decisions (a parameter) are disclosed; simple-procedure penalties
    only where the jurisdiction says so; a decision not to act (不予处罚、终止) is not disclosed."""
    if kind not in kinds:
        return False
    if procedure == SIMPLE and not include_simple:
        return False
    return outcome in ("penalized", "licensed", "coercion_applied")


def disclosure_late(*, due_on: date | None, published_on: date | None, today: date) -> bool:
    """Late when published after ``due_on``, or still unpublished once ``due_on`` has passed."""
    if due_on is None:
        return False
    if published_on is not None:
        return published_on > due_on
    return today > due_on
