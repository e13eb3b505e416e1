"""Pure decisions of the criminal linkage (两法衔接, R-LNK-1…3). No ORM, no I/O.

Every statutory figure is an argument: the service reads it with ``core.policy.value(...)`` and
passes it in. Contents:

- the transfer workflow as a transition table ``TRANSITIONS[(state, action)]`` with the permission
  of the side that may act (the sending unit, the police, the procuratorate);
- which deadline opens, closes or lapses with each action (行政执法机关移送涉嫌犯罪案件的规定
  art. 5, 8, 9, 12) and the deadline arithmetic (calendar days, hours, working days);
- the art. 6 transfer package check;
- the risk rule evaluation (以罚代刑 / 有案不移): thresholds of amount, quantity and repeat offence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from jiandu.core.workdays import WorkCalendar

# --- vocabulary ----------------------------------------------------------------------------------

# Permissions of the three sides (organization.roles grants them).
UNIT = "linkage.transfer"  # the sending unit's legal officer
POLICE = "linkage.receive"  # the police liaison of the receiving unit
PROCURATORATE = "linkage.procuratorate"  # the procuratorate liaison of the jurisdiction

SIDE_LABELS = {UNIT: "移送单位", POLICE: "公安机关", PROCURATORATE: "检察院"}

PROPOSED = "proposed"
NOT_APPROVED = "not_approved"
WITHDRAWN = "withdrawn"
APPROVED = "approved"
SENT = "sent"
DECLINED = "declined"
ACCEPTED = "accepted"
NOT_FILED = "not_filed"
RECONSIDERING = "reconsidering"
UPHELD = "upheld"
UNDER_SUPERVISION = "under_supervision"
FILED = "filed"
HANDED_OVER = "handed_over"
CONCLUDED = "concluded"
CLOSED = "closed"

STATUS_LABELS: dict[str, str] = {
    PROPOSED: "待负责人审批",
    NOT_APPROVED: "负责人不批准移送",
    WITHDRAWN: "已撤回",
    APPROVED: "已批准，待移送",
    SENT: "已移送，待公安受理",
    DECLINED: "公安机关不予受理",
    ACCEPTED: "公安机关已受理，审查中",
    NOT_FILED: "公安机关不予立案",
    RECONSIDERING: "提请复议中",
    UPHELD: "复议维持不予立案",
    UNDER_SUPERVISION: "检察院立案监督中",
    FILED: "公安机关已立案，待移交",
    HANDED_OVER: "已移交涉案物品及材料",
    CONCLUDED: "公安机关已办结",
    CLOSED: "移送终结",
}
FINISHED = frozenset({NOT_APPROVED, WITHDRAWN, CONCLUDED, CLOSED})
# A transfer in one of these states counts as "a transfer was made" for the risk rules: a
# proposal the head refused, or one withdrawn, leaves the case untransferred (有案不移).
COUNTS_AS_TRANSFER = frozenset(STATUS_LABELS) - {NOT_APPROVED, WITHDRAWN}

# The progress bar of the detail page: the main line of a transfer.
MAIN_LINE: tuple[tuple[str, str], ...] = (
    (PROPOSED, "提请审批"),
    (APPROVED, "负责人批准"),
    (SENT, "移送公安"),
    (ACCEPTED, "公安受理"),
    (FILED, "立案"),
    (HANDED_OVER, "移交物品"),
    (CONCLUDED, "办结"),
)

# --- deadlines -----------------------------------------------------------------------------------

APPROVAL = "approval"
SEND = "send"
POLICE_REVIEW = "police_review"
RECONSIDERATION_REQUEST = "reconsideration_request"
RECONSIDERATION_DECISION = "reconsideration_decision"
HAND_OVER = "hand_over"

DEADLINE_LABELS = {
    APPROVAL: "负责人作出是否批准移送的决定",
    SEND: "批准后移送公安机关",
    POLICE_REVIEW: "公安机关审查并书面答复（立案或不予立案）",
    RECONSIDERATION_REQUEST: "移送单位提请复议（权利期间）",
    RECONSIDERATION_DECISION: "公安机关作出复议决定",
    HAND_OVER: "立案后移交涉案物品及有关材料",
}
# Who must act before each deadline: the side alerted when it passes.
DEADLINE_SIDE = {
    APPROVAL: UNIT, SEND: UNIT, POLICE_REVIEW: POLICE, RECONSIDERATION_REQUEST: UNIT,
    RECONSIDERATION_DECISION: POLICE, HAND_OVER: UNIT,
}
# A right of the unit, not a duty: when its window passes it lapses; nobody is late.
RIGHTS = frozenset({RECONSIDERATION_REQUEST})
# The policy key of each period (value: {"amount": n, "counting": "days" | "hours" | "working_days"}).
DEADLINE_POLICY = {k: f"linkage.deadline.{k}" for k in DEADLINE_LABELS}

DAYS, HOURS, WORKING_DAYS = "days", "hours", "working_days"
COUNTING_LABELS = {DAYS: "日", HOURS: "小时", WORKING_DAYS: "个工作日"}


@dataclass(frozen=True)
class Transition:
    to: str
    label: str
    permission: str
    opens: tuple[str, ...] = ()  # deadlines that start at this step
    closes: tuple[str, ...] = ()  # deadlines met by this step
    cancels: tuple[str, ...] = ()  # deadlines that stop mattering (a right not used)
    needs_reason: bool = False  # a written reason is part of the act (不批准、不予立案…)


_REASON = True
TRANSITIONS: dict[tuple[str, str], Transition] = {
    # art. 5: the head decides within 3 days of the proposal.
    (PROPOSED, "approve"): Transition(APPROVED, "负责人批准移送", UNIT, opens=(SEND,), closes=(APPROVAL,)),
    (PROPOSED, "reject"): Transition(NOT_APPROVED, "负责人不批准移送", UNIT, closes=(APPROVAL,), needs_reason=_REASON),
    (PROPOSED, "withdraw"): Transition(WITHDRAWN, "撤回移送提请", UNIT, cancels=(APPROVAL,), needs_reason=_REASON),
    (APPROVED, "withdraw"): Transition(WITHDRAWN, "撤回移送", UNIT, cancels=(SEND,), needs_reason=_REASON),
    # art. 8: transfer within 24 hours of approval; art. 9: police review within 3 days of receipt.
    (APPROVED, "send"): Transition(SENT, "移送公安机关", UNIT, opens=(POLICE_REVIEW,), closes=(SEND,)),
    (SENT, "accept"): Transition(ACCEPTED, "公安机关书面受理", POLICE),
    (SENT, "decline"): Transition(DECLINED, "公安机关不予受理", POLICE, closes=(POLICE_REVIEW,), needs_reason=_REASON),
    (ACCEPTED, "file"): Transition(FILED, "公安机关决定立案", POLICE, opens=(HAND_OVER,), closes=(POLICE_REVIEW,)),
    (ACCEPTED, "not_file"): Transition(
        NOT_FILED, "公安机关决定不予立案", POLICE, opens=(RECONSIDERATION_REQUEST,), closes=(POLICE_REVIEW,),
        needs_reason=_REASON,
    ),
    # art. 9: the unit may ask for reconsideration within 3 days (decided within 3 days) …
    (NOT_FILED, "request_reconsideration"): Transition(
        RECONSIDERING, "提请公安机关复议", UNIT, opens=(RECONSIDERATION_DECISION,), closes=(RECONSIDERATION_REQUEST,),
        needs_reason=_REASON,
    ),
    (RECONSIDERING, "reconsider_file"): Transition(
        FILED, "复议决定立案", POLICE, opens=(HAND_OVER,), closes=(RECONSIDERATION_DECISION,)
    ),
    (RECONSIDERING, "reconsider_uphold"): Transition(
        UPHELD, "复议维持不予立案", POLICE, closes=(RECONSIDERATION_DECISION,), needs_reason=_REASON
    ),
    # … or ask the procuratorate to supervise the filing (立案监督).
    (NOT_FILED, "request_supervision"): Transition(
        UNDER_SUPERVISION, "建议检察院立案监督", UNIT, cancels=(RECONSIDERATION_REQUEST,), needs_reason=_REASON
    ),
    (UPHELD, "request_supervision"): Transition(UNDER_SUPERVISION, "建议检察院立案监督", UNIT, needs_reason=_REASON),
    (DECLINED, "request_supervision"): Transition(UNDER_SUPERVISION, "建议检察院立案监督", UNIT, needs_reason=_REASON),
    (UNDER_SUPERVISION, "supervision_file"): Transition(FILED, "检察院通知公安机关立案", PROCURATORATE, opens=(HAND_OVER,)),
    (UNDER_SUPERVISION, "supervision_uphold"): Transition(
        CLOSED, "检察院认为不立案理由成立", PROCURATORATE, needs_reason=_REASON
    ),
    (NOT_FILED, "close"): Transition(CLOSED, "接受不予立案决定，终结移送", UNIT, cancels=(RECONSIDERATION_REQUEST,)),
    (UPHELD, "close"): Transition(CLOSED, "接受复议决定，终结移送", UNIT),
    (DECLINED, "close"): Transition(CLOSED, "接受不予受理决定，终结移送", UNIT),
    # art. 12: items and files handed over within 3 days of filing.
    (FILED, "hand_over"): Transition(HANDED_OVER, "移交涉案物品及有关材料", UNIT, closes=(HAND_OVER,)),
    (HANDED_OVER, "conclude"): Transition(CONCLUDED, "公安机关办结", POLICE, needs_reason=_REASON),
}

ACTIONS: dict[str, str] = {action: t.label for (_, action), t in TRANSITIONS.items()}
ACTIONS["propose"] = "提请移送"
REASON_LABELS = {
    "reject": "不批准理由", "withdraw": "撤回理由", "decline": "不予受理理由", "not_file": "不予立案理由",
    "request_reconsideration": "提请复议理由", "reconsider_uphold": "维持不予立案理由",
    "request_supervision": "提请立案监督的理由", "supervision_uphold": "监督意见", "conclude": "办结情况（移送审查起诉、撤销案件等）",
}
START = PROPOSED
START_OPENS = (APPROVAL,)


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str


def transition(state: str, action: str, permissions: Iterable[str]) -> Transition | Refusal:
    """The step ``action`` leads to from ``state`` for someone holding ``permissions``, or why not.

    An action unknown in the state is out of order (``transfer_bad_transition``); a known action
    by the wrong side is refused (``transfer_wrong_side``) naming who acts.
    """
    step = TRANSITIONS.get((state, action))
    if step is None:
        label = STATUS_LABELS.get(state, state)
        return Refusal(
            "transfer_bad_transition",
            f"移送案件当前状态为“{label}”，不能进行“{ACTIONS.get(action, action)}”。",
        )
    if step.permission not in set(permissions):
        return Refusal(
            "transfer_wrong_side",
            f"“{step.label}”应由{SIDE_LABELS[step.permission]}办理，您无权进行此操作。",
        )
    return step


def allowed_actions(state: str, permissions: Iterable[str]) -> list[tuple[str, Transition]]:
    perms = set(permissions)
    return [(a, t) for (s, a), t in TRANSITIONS.items() if s == state and t.permission in perms]


# --- deadline arithmetic ---------------------------------------------------------------------------

END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class Period:
    amount: int
    counting: str  # DAYS, HOURS or WORKING_DAYS

    @classmethod
    def of(cls, value: Mapping) -> Period:
        counting = value.get("counting", DAYS)
        if counting not in COUNTING_LABELS or int(value["amount"]) < 0:
            raise ValueError(f"bad period {value!r}")
        return cls(int(value["amount"]), counting)

    @property
    def label(self) -> str:
        return f"{self.amount}{COUNTING_LABELS[self.counting]}"


def due_at(start: datetime, period: Period, *, calendar: WorkCalendar, roll_over_holiday: bool) -> datetime:
    """The instant a period that starts at ``start`` (aware, in local time) runs out.

    - Hours (art. 8, "24小时内"): exactly ``start`` + n hours, whatever the day.
    - Calendar days ("3日内"): the day of ``start`` is not counted (期间开始之日不计算在内), so the
      period ends at the end of the n-th day after it. When ``roll_over_holiday`` is set and that
      day is a rest day (holiday or weekend), it ends at the end of the next working day instead
      (民法典 第二百零三条; 刑事诉讼法 第一百零五条) — a make-up Saturday (调休) is a working day,
      so a period ending on 2026-10-10 ends that day.
    - Working days: the n-th working day after the day of ``start``, at the end of that day.
    A date outside the calendar's known years raises ``CalendarYearMissing`` rather than guess.
    """
    if start.tzinfo is None:
        raise ValueError("start must be an aware datetime")
    if period.counting == HOURS:
        return start + timedelta(hours=period.amount)
    if period.counting == WORKING_DAYS:
        end = calendar.add_working_days(start.date(), period.amount)
    else:
        end = start.date() + timedelta(days=period.amount)
        if roll_over_holiday:
            while not calendar.is_workday(end):
                end += timedelta(days=1)
    return datetime.combine(end, END_OF_DAY, tzinfo=start.tzinfo)


def deadline_state(due: datetime, done: datetime | None, now: datetime) -> str:
    """``met`` / ``late`` once done; ``overdue`` or ``open`` while not."""
    if done is not None:
        return "late" if done > due else "met"
    return "overdue" if now > due else "open"


def remaining_text(due: datetime, now: datetime) -> str:
    """"剩余 2天3小时" / "已超期 5小时" for the deadline tables."""
    delta = due - now
    overdue = delta.total_seconds() < 0
    seconds = int(abs(delta.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours = rest // 3600
    if days:
        text = f"{days}天{hours}小时" if hours else f"{days}天"
    elif hours:
        text = f"{hours}小时"
    else:
        text = f"{max(1, rest // 60)}分钟"
    return f"已超期 {text}" if overdue else f"剩余 {text}"


# --- the art. 6 package ----------------------------------------------------------------------------

MATERIAL_KINDS: tuple[tuple[str, str], ...] = (
    ("transfer_letter", "涉嫌犯罪案件移送书"),
    ("investigation_report", "涉嫌犯罪案件情况的调查报告"),
    ("items_list", "涉案物品清单"),
    ("inspection_report", "检验报告或者鉴定结论"),
    ("other", "其他有关涉嫌犯罪的材料"),
)
MATERIAL_LABELS = dict(MATERIAL_KINDS)


def package_missing(present: Iterable[str], required: Sequence[str], *, has_inspection: bool) -> list[str]:
    """Labels of the required materials not yet attached (art. 6).

    ``required`` is the policy list; the 检验报告/鉴定结论 is required besides whenever the case
    was tested or appraised (``has_inspection``), since art. 6(四) asks for it "有…的".
    """
    have = set(present)
    needed = list(required)
    if has_inspection and "inspection_report" not in needed:
        needed.append("inspection_report")
    return [MATERIAL_LABELS.get(k, k) for k in needed if k not in have]


# --- risk rules (以罚代刑 / 有案不移) ----------------------------------------------------------------

AMOUNT_FIELDS: tuple[tuple[str, str], ...] = (
    ("illegal_gain", "违法所得"),
    ("goods_value", "涉案货值（非法经营数额）"),
    ("fine_amount", "罚款金额"),
    ("confiscated_amount", "没收金额"),
)
AMOUNT_LABELS = dict(AMOUNT_FIELDS)

PENALTY_INSTEAD = "penalty_instead"  # 以罚代刑: the case was settled with a penalty
WITHHELD = "withheld"  # 有案不移: decided without a penalty, and not transferred
FLAG_KIND_LABELS = {PENALTY_INSTEAD: "以罚代刑", WITHHELD: "有案不移"}


@dataclass(frozen=True)
class RiskRuleSpec:
    """Thresholds of one rule; any one reached means the criminal threshold is crossed (立案追诉
    标准 list alternatives: an amount, a quantity, or repeated offences)."""

    amount_field: str = ""
    amount_threshold: Decimal | None = None
    quantity_threshold: Decimal | None = None
    quantity_unit: str = ""
    repeat_count: int | None = None
    repeat_window_days: int | None = None


@dataclass(frozen=True)
class CaseFacts:
    amounts: Mapping[str, Decimal | None]
    quantity: Decimal | None
    reference_on: date  # the date the repeat window is counted back from (the act, else the decision)
    prior_penalty_dates: tuple[date, ...] = ()  # same party, same item, earlier penalty decisions
    penalized: bool = True
    transferred: bool = False


@dataclass(frozen=True)
class RiskOutcome:
    crossed: bool
    flagged: bool
    kind: str
    reasons: tuple[str, ...]


def _yuan(d: Decimal) -> str:
    return f"{d:,.2f}".rstrip("0").rstrip(".")


def evaluate(rule: RiskRuleSpec, facts: CaseFacts) -> RiskOutcome:
    """Whether a case crossed the rule's criminal threshold, and whether that is a risk flag.

    Thresholds are inclusive ("达到…以上"). A missing amount or quantity never reaches a threshold.
    Repeat offence: the earlier penalties of the same party for the same item whose decision falls
    in ``[reference_on - window, reference_on)`` are counted; reaching ``repeat_count`` crosses.
    A case that crossed and was transferred (any transfer but a refused or withdrawn one) is not
    flagged; one that crossed without a transfer is 以罚代刑 when penalized, else 有案不移.
    """
    reasons: list[str] = []
    if rule.amount_field and rule.amount_threshold is not None:
        amount = facts.amounts.get(rule.amount_field)
        if amount is not None and amount >= rule.amount_threshold:
            label = AMOUNT_LABELS.get(rule.amount_field, rule.amount_field)
            reasons.append(f"{label}{_yuan(amount)}元，达到{_yuan(rule.amount_threshold)}元的追诉标准")
    if rule.quantity_threshold is not None and facts.quantity is not None:
        if facts.quantity >= rule.quantity_threshold:
            reasons.append(
                f"涉案数量{_yuan(facts.quantity)}{rule.quantity_unit}，达到{_yuan(rule.quantity_threshold)}"
                f"{rule.quantity_unit}的追诉标准"
            )
    if rule.repeat_count and rule.repeat_window_days:
        start = facts.reference_on - timedelta(days=rule.repeat_window_days)
        prior = [d for d in facts.prior_penalty_dates if start <= d < facts.reference_on]
        if len(prior) >= rule.repeat_count:
            reasons.append(
                f"{rule.repeat_window_days}日内因同类违法行为已受行政处罚{len(prior)}次，又实施同类行为"
                f"（标准：{rule.repeat_count}次以上）"
            )
    crossed = bool(reasons)
    kind = PENALTY_INSTEAD if facts.penalized else WITHHELD
    return RiskOutcome(crossed=crossed, flagged=crossed and not facts.transferred, kind=kind, reasons=tuple(reasons))


def rule_spec_problems(rule: RiskRuleSpec) -> dict[str, str]:
    """Field → Chinese message for a rule that cannot work (no threshold, half a repeat rule…)."""
    problems: dict[str, str] = {}
    has_amount = bool(rule.amount_field) and rule.amount_threshold is not None
    if bool(rule.amount_field) != (rule.amount_threshold is not None):
        problems["amount_threshold"] = "金额标准须同时选择金额项目并填写数额。"
    if rule.amount_field and rule.amount_field not in AMOUNT_LABELS:
        problems["amount_field"] = "金额项目不在允许范围内。"
    for name in ("amount_threshold", "quantity_threshold"):
        value = getattr(rule, name)
        if value is not None and value <= 0:
            problems[name] = "标准数值应大于零。"
    if rule.quantity_threshold is not None and not rule.quantity_unit:
        problems["quantity_unit"] = "请填写数量的计量单位（如“条”“千克”）。"
    if bool(rule.repeat_count) != bool(rule.repeat_window_days):
        problems["repeat_window_days"] = "多次违法标准须同时填写次数和期间天数。"
    if (rule.repeat_count or 0) < 0 or (rule.repeat_window_days or 0) < 0:
        problems["repeat_count"] = "次数和天数不能为负数。"
    if not (has_amount or rule.quantity_threshold is not None or (rule.repeat_count and rule.repeat_window_days)):
        problems.setdefault("amount_threshold", "请至少设置一项标准：金额、数量或多次违法。")
    return problems
