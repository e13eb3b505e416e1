"""Pure decisions about officers and certificates (R-PER). No ORM, no I/O: values in, decision out.

Every figure of the plan (40 hours, "暂扣2次以上", the counting window, which seats sign the
district review…) arrives here as an argument: services read it with ``core.policy.value(...)``
on the relevant date and pass it in. Refusals raise ``core.errors.Conflict`` / ``InvalidInput``
(plain exceptions: a stable code and a Chinese message), so the same wording reaches pages and API.

Contents, in the order of the plan §二(二):
- certificate status replay and transitions (R-PER-4);
- ID numbers (GB 11643-1999) for the registry (R-PER-1);
- eligibility (R-PER-2) and the three-level review as a transition table (R-PER-3);
- the conduct ladder (R-PER-5), annual assessment and suspension/revocation (R-PER-6, R-PER-7),
  return after training and exam (R-PER-6, R-PER-10);
- training-hours compliance (R-PER-9) and closed-book tests (R-PER-10).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from jiandu.core.errors import Conflict

# ------------------------------------------------------------------------------------------------
# Certificate status (R-PER-4)
# ------------------------------------------------------------------------------------------------

VALID = "valid"
SUSPENDED = "suspended"
REVOKED = "revoked"
CANCELLED = "cancelled"
EXPIRED = "expired"  # derived: a valid certificate past its validity date
NONE = "none"  # derived: no certificate (yet) on that date
STATUS_LABELS = (
    (VALID, "有效"), (SUSPENDED, "暂扣"), (REVOKED, "收回"), (CANCELLED, "注销"), (EXPIRED, "过期"),
    (NONE, "未发证"),
)
LIVE_STATUSES = frozenset({VALID, SUSPENDED})


def certificate_status_on(events: Sequence[tuple[date, str]], *, valid_until: date, on: date) -> str:
    """The status of a certificate on ``on``, replayed from its ``(effective_on, to_status)``
    events in order. Before the first event (issue) the certificate did not exist: ``"none"``.
    A certificate that would be valid but is past ``valid_until`` is ``"expired"``.
    """
    status = NONE
    for effective_on, to_status in events:
        if effective_on > on:
            break
        status = to_status
    if status == VALID and on > valid_until:
        return EXPIRED
    return status


def current_status(status: str, *, valid_until: date, on: date) -> str:
    """The stored status with expiry derived: a valid certificate past ``valid_until`` shows
    ``expired`` (nobody has to run a job on the expiry date for the display to be right)."""
    if status == VALID and on > valid_until:
        return EXPIRED
    return status


# The certificate workflow: (status, action) → new status. Anything else is refused.
SUSPEND, RETURN, REVOKE, CANCEL = "suspend", "return", "revoke", "cancel"
CERTIFICATE_TRANSITIONS: dict[tuple[str, str], str] = {
    (VALID, SUSPEND): SUSPENDED,
    (SUSPENDED, RETURN): VALID,
    (VALID, REVOKE): REVOKED,
    (SUSPENDED, REVOKE): REVOKED,
    (VALID, CANCEL): CANCELLED,
    (SUSPENDED, CANCEL): CANCELLED,
}
ACTION_LABELS = {"issue": "发证", SUSPEND: "暂扣", RETURN: "发还", REVOKE: "收回", CANCEL: "注销"}


def certificate_transition(status: str, action: str) -> str:
    """The new status after ``action``; refuses (``certificate_transition_invalid``) a transition
    the workflow does not have, e.g. returning a certificate that is not suspended."""
    try:
        return CERTIFICATE_TRANSITIONS[(status, action)]
    except KeyError:
        label = dict(STATUS_LABELS).get(status, status)
        raise Conflict(
            "certificate_transition_invalid",
            f"执法证当前为“{label}”状态，不能办理“{ACTION_LABELS.get(action, action)}”。",
        ) from None


def certificate_number(prefix: str, year: int, serial: int) -> str:
    """A certificate number when the issuing level did not supply one: region prefix, year and
    a five-digit serial (e.g. ``420703202600012``)."""
    return f"{prefix}{year}{serial:05d}"


# ------------------------------------------------------------------------------------------------
# Identity numbers (公民身份号码, GB 11643-1999)
# ------------------------------------------------------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
# First two digits: the province-level region (GB/T 2260). 71 台湾, 81 香港, 82 澳门 also exist.
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
     61, 62, 63, 64, 65, 71, 81, 82}
)
_ID_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")


def normalize_id_number(value: str) -> str:
    """Trim, drop inner spaces, and upper-case a trailing ``x`` (often typed in lower case)."""
    return re.sub(r"\s+", "", value or "").upper()


def id_check_char(first17: str) -> str:
    """The check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def id_birth_date(value: str) -> date | None:
    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def id_number_problem(value: str, *, today: date) -> str:
    """``""`` when ``value`` is a well-formed 18-digit identity number, else the Chinese reason.

    Checked: 17 digits plus a digit or X; a known province code; a real birth date not in the
    future and not before 1900; the check character. (Whether the number was really issued cannot
    be known here.)
    """
    value = normalize_id_number(value)
    if not _ID_SHAPE.match(value):
        return "身份证号应为18位，前17位为数字，最后一位为数字或X。"
    if int(value[:2]) not in PROVINCE_CODES:
        return "身份证号前两位不是有效的省级行政区划代码。"
    born = id_birth_date(value)
    if born is None or born.year < 1900 or born > today:
        return "身份证号中的出生日期无效。"
    if id_check_char(value[:17]) != value[17]:
        return "身份证号校验码不正确，请核对后重新输入。"
    return ""


def id_gender(value: str) -> str:
    """``"M"`` or ``"F"``: the 17th digit is odd for men, even for women."""
    return "M" if int(value[16]) % 2 else "F"


def id_age_on(value: str, on: date) -> int | None:
    born = id_birth_date(value)
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


# ------------------------------------------------------------------------------------------------
# Eligibility to apply for a certificate (R-PER-2, plan §二(二)1)
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    code: str
    message: str


@dataclass(frozen=True)
class EligibilityFacts:
    """What the registry knows about an officer when an application is made."""

    unit_is_enforcement: bool
    is_enforcement_post: bool
    on_establishment: bool
    fiscally_funded: bool
    is_auxiliary: bool
    is_active: bool = True
    has_live_certificate: bool = False
    has_open_application: bool = False
    qualification_cancelled: bool = False


def eligibility_reasons(facts: EligibilityFacts) -> list[Reason]:
    """Every reason the application is refused (empty: eligible). All failing reasons are named,
    not only the first, so the unit can fix everything at once.

    The plan: "非执法部门、非执法岗位、非在编人员、非财政供给人员不得申请办理行政执法证"; auxiliary
    staff are trained but never certified; a person who already holds a live (valid or suspended)
    certificate, has an application in progress, or whose qualification was cancelled
    (收回执法证、取消执法资格, R-PER-7) cannot apply.
    """
    reasons: list[Reason] = []
    if not facts.is_active:
        reasons.append(Reason("officer_not_active", "该人员已离职、退休或调离，不能申领行政执法证。"))
    if not facts.unit_is_enforcement:
        reasons.append(Reason("not_enforcement_unit", "所在单位不是行政执法单位（非执法部门不得申领）。"))
    if not facts.is_enforcement_post:
        reasons.append(Reason("not_enforcement_post", "所在岗位不是行政执法岗位（非执法岗位不得申领）。"))
    if not facts.on_establishment:
        reasons.append(Reason("not_on_establishment", "不是在编人员（非在编人员不得申领）。"))
    if not facts.fiscally_funded:
        reasons.append(Reason("not_fiscally_funded", "不是财政供给人员（非财政供给人员不得申领）。"))
    if facts.is_auxiliary:
        reasons.append(Reason("auxiliary_staff", "行政执法辅助人员不得申领行政执法证。"))
    if facts.has_live_certificate:
        reasons.append(Reason("already_certified", "已持有有效或暂扣中的行政执法证，不能重复申领。"))
    if facts.has_open_application:
        reasons.append(Reason("application_open", "已有正在审查中的申领申请。"))
    if facts.qualification_cancelled:
        reasons.append(Reason("qualification_cancelled", "执法资格已被取消（执法证已收回），不能申领。"))
    return reasons


# ------------------------------------------------------------------------------------------------
# Three-level qualification review (R-PER-3, plan §二(二)1) as a transition table
# ------------------------------------------------------------------------------------------------

# Application statuses.
DISTRICT_REVIEW = "district_review"
CITY_REVIEW = "city_review"
PROVINCE_REVIEW = "province_review"
EXAM_PENDING = "exam_pending"
AWAITING_ISSUE = "awaiting_issue"
ISSUED = "issued"
REFUSED = "refused"
EXAM_FAILED = "exam_failed"
WITHDRAWN = "withdrawn"
APPLICATION_STATUS_LABELS = {
    DISTRICT_REVIEW: "区级初审中",
    CITY_REVIEW: "市级复审中",
    PROVINCE_REVIEW: "省级复核中",
    EXAM_PENDING: "待考试",
    AWAITING_ISSUE: "考试合格待发证",
    ISSUED: "已发证",
    REFUSED: "审查未通过",
    EXAM_FAILED: "考试不合格",
    WITHDRAWN: "已撤回",
}
OPEN_APPLICATION_STATUSES = (DISTRICT_REVIEW, CITY_REVIEW, PROVINCE_REVIEW, EXAM_PENDING, AWAITING_ISSUE)
WITHDRAWABLE_STATUSES = (DISTRICT_REVIEW, CITY_REVIEW, PROVINCE_REVIEW)

# Steps, in order, and the review seats (``Unit.review_seat``) that may act at each.
STEP_DISTRICT, STEP_CITY, STEP_PROVINCE, STEP_EXAM, STEP_ISSUE = "district", "city", "province", "exam", "issue"
STEPS = (STEP_DISTRICT, STEP_CITY, STEP_PROVINCE, STEP_EXAM, STEP_ISSUE)
STEP_LABELS = {
    STEP_DISTRICT: "区级初审", STEP_CITY: "市级复审", STEP_PROVINCE: "省级复核",
    STEP_EXAM: "执法资格考试", STEP_ISSUE: "颁发执法证",
}
SEAT_AGENCY, SEAT_ESTABLISHMENT, SEAT_FINANCE = "agency", "establishment", "finance"
SEAT_CITY, SEAT_PROVINCE = "city", "province"
SEAT_LABELS = {
    SEAT_AGENCY: "区行政执法监督机构", SEAT_ESTABLISHMENT: "区委编办", SEAT_FINANCE: "区财政局",
    SEAT_CITY: "市司法局", SEAT_PROVINCE: "省司法厅",
}
DISTRICT_SEATS = (SEAT_AGENCY, SEAT_ESTABLISHMENT, SEAT_FINANCE)
STEP_SEATS: dict[str, frozenset[str]] = {
    STEP_DISTRICT: frozenset(DISTRICT_SEATS),
    STEP_CITY: frozenset({SEAT_CITY}),
    STEP_PROVINCE: frozenset({SEAT_PROVINCE}),
    # The province runs the exam and the province issues the certificate; the district agency may
    # record both from the province's notice (it keeps the district's registry).
    STEP_EXAM: frozenset({SEAT_PROVINCE, SEAT_AGENCY}),
    STEP_ISSUE: frozenset({SEAT_PROVINCE, SEAT_AGENCY}),
}
# (status, step) → (status when the step completes positively, status when it is negative).
# A step missing from this table for a status is out of order.
REVIEW_TRANSITIONS: dict[tuple[str, str], tuple[str, str | None]] = {
    (DISTRICT_REVIEW, STEP_DISTRICT): (CITY_REVIEW, REFUSED),
    (CITY_REVIEW, STEP_CITY): (PROVINCE_REVIEW, REFUSED),
    (PROVINCE_REVIEW, STEP_PROVINCE): (EXAM_PENDING, REFUSED),
    (EXAM_PENDING, STEP_EXAM): (AWAITING_ISSUE, EXAM_FAILED),
    (AWAITING_ISSUE, STEP_ISSUE): (ISSUED, None),  # issuance has no negative outcome
}
STATUS_STEP = {status: step for (status, step) in REVIEW_TRANSITIONS}


def review_step_for_seat(seat: str) -> str | None:
    """The review step a seat signs (exam and issuance are separate actions)."""
    if seat in DISTRICT_SEATS:
        return STEP_DISTRICT
    return {SEAT_CITY: STEP_CITY, SEAT_PROVINCE: STEP_PROVINCE}.get(seat)


@dataclass(frozen=True)
class StepDecision:
    new_status: str
    step_complete: bool
    pending_seats: tuple[str, ...] = ()
    positive: bool = True


def review_decide(
    *,
    status: str,
    step: str,
    seat: str,
    positive: bool,
    signed_seats: Iterable[str] = (),
    required_seats: Iterable[str] = DISTRICT_SEATS,
) -> StepDecision:
    """Decide one step of an application, or refuse with a stable code.

    - ``application_closed``: the application has ended (issued, refused, failed, withdrawn);
    - ``review_wrong_level``: the actor's seat does not act at this step (e.g. the city justice
      bureau trying to sign the district review, or 区委编办 trying the city review);
    - ``review_out_of_order``: the step is not the application's current one (city review while
      the district review is incomplete, or a step already passed);
    - ``review_seat_not_required``: at the district step, a seat the policy does not require;
    - ``review_already_signed``: a district seat signing a second time.

    The district step completes when every required seat has approved, in any order; a single
    refusal ends the application. Negative outcomes of the exam end it as ``exam_failed``.
    """
    if status not in OPEN_APPLICATION_STATUSES:
        raise Conflict(
            "application_closed",
            f"该申请已办结（{APPLICATION_STATUS_LABELS.get(status, status)}），不能再办理审查。",
        )
    if step not in STEP_SEATS:
        raise Conflict("review_unknown_step", f"未知的审查环节：{step}。")
    if seat not in STEP_SEATS[step]:
        raise Conflict(
            "review_wrong_level",
            f"您所在单位的审查席位为“{SEAT_LABELS.get(seat, seat or '无')}”，不能办理“{STEP_LABELS[step]}”。",
        )
    current = STATUS_STEP[status]
    if current != step:
        if STEPS.index(step) < STEPS.index(current):
            message = f"“{STEP_LABELS[step]}”环节已经办结，该申请当前处于“{APPLICATION_STATUS_LABELS[status]}”。"
        else:
            message = (
                f"该申请当前处于“{APPLICATION_STATUS_LABELS[status]}”，须依次办理，"
                f"尚不能办理“{STEP_LABELS[step]}”。"
            )
        raise Conflict("review_out_of_order", message)
    positive_status, negative_status = REVIEW_TRANSITIONS[(status, step)]
    if step == STEP_DISTRICT:
        required = frozenset(required_seats)
        signed = frozenset(signed_seats)
        if seat not in required:
            raise Conflict("review_seat_not_required", f"本次区级初审不需要“{SEAT_LABELS.get(seat, seat)}”签署意见。")
        if seat in signed:
            raise Conflict("review_already_signed", f"“{SEAT_LABELS.get(seat, seat)}”已签署区级初审意见，不能重复签署。")
        if not positive:
            return StepDecision(REFUSED, True, positive=False)
        pending = tuple(s for s in DISTRICT_SEATS if s in required - signed - {seat})
        if pending:
            return StepDecision(status, False, pending)
        return StepDecision(positive_status, True)
    if not positive:
        if negative_status is None:
            raise Conflict("review_no_negative_outcome", f"“{STEP_LABELS[step]}”环节不能作出否定结论。")
        return StepDecision(negative_status, True, positive=False)
    return StepDecision(positive_status, True)


def score_passes(score: Decimal, pass_score: Decimal) -> bool:
    """A score at or above the pass mark passes (60 of 100 passes when the mark is 60)."""
    return Decimal(score) >= Decimal(pass_score)


# ------------------------------------------------------------------------------------------------
# Conduct ladder (R-PER-5, plan §二(二)2)
# ------------------------------------------------------------------------------------------------

TALK_REMINDER = "talk_reminder"
CIRCULATED_CRITICISM = "circulated_criticism"
SANCTION_LABELS = {TALK_REMINDER: "谈话提醒", CIRCULATED_CRITICISM: "通报批评"}
CALENDAR_YEAR = "calendar_year"


def conduct_window_start(on: date, window: str) -> date:
    """First day of the counting window that contains ``on``.

    ``window`` is the policy value: ``"calendar_year"`` (the default: 1 January of ``on``'s year)
    or ``"rolling:N"`` (the N days ending on ``on``, e.g. ``"rolling:365"``).
    """
    if window == CALENDAR_YEAR:
        return date(on.year, 1, 1)
    if window.startswith("rolling:"):
        days = int(window.split(":", 1)[1])
        if days < 1:
            raise ValueError("rolling window must be at least one day")
        return on - timedelta(days=days - 1)
    raise ValueError(f"unknown conduct counting window {window!r}")


@dataclass(frozen=True)
class ConductDecision:
    sanction: str
    ordinal: int  # 1 for the first record in the window, 2 for the second…
    window_start: date

    @property
    def label(self) -> str:
        return SANCTION_LABELS[self.sanction]


def conduct_decide(previous: Iterable[date], *, on: date, window: str) -> ConductDecision:
    """The sanction for a record of non-standard enforcement without serious consequences on
    ``on``, given the dates of the officer's earlier records.

    Records counted: those in the window containing ``on`` and dated on or before it (a record
    entered late for an earlier date is judged as of that date). First → talk reminder by the
    supervision agency; second and any later one → circulated criticism (the plan names no third
    step; serious cases go to the revocation triggers or a clue referral instead).
    """
    start = conduct_window_start(on, window)
    prior = sum(1 for d in previous if start <= d <= on)
    sanction = TALK_REMINDER if prior == 0 else CIRCULATED_CRITICISM
    return ConductDecision(sanction, prior + 1, start)


# ------------------------------------------------------------------------------------------------
# Annual assessment, suspension and revocation (R-PER-6, R-PER-7, R-PER-10)
# ------------------------------------------------------------------------------------------------

EXCELLENT, COMPETENT, BASICALLY_COMPETENT, INCOMPETENT = "excellent", "competent", "basically_competent", "incompetent"
GRADE_LABELS = {EXCELLENT: "优秀", COMPETENT: "称职", BASICALLY_COMPETENT: "基本称职", INCOMPETENT: "不称职"}

# Suspension grounds.
GROUND_INCOMPETENT = "assessment_incompetent"
GROUND_FAILED_RETAKE = "failed_retake"
GROUND_LABELS = {GROUND_INCOMPETENT: "年度考核不称职", GROUND_FAILED_RETAKE: "闭卷测试补考仍不合格"}

# Revocation triggers: the first five are decided by the agency on the facts; the last two follow
# from the records by rule.
TRIGGER_CRIMINAL = "criminal_punishment"
TRIGGER_EXPULSION = "expulsion"
TRIGGER_SERIOUS = "serious_consequences"
TRIGGER_BRUTAL = "brutal_enforcement"
TRIGGER_ABUSE = "abuse_of_power"
TRIGGER_REPEATED_SUSPENSION = "repeated_suspension"
TRIGGER_CONSECUTIVE_INCOMPETENT = "consecutive_incompetent"
TRIGGER_LABELS = {
    TRIGGER_CRIMINAL: "受到刑事处罚",
    TRIGGER_EXPULSION: "受到开除处分",
    TRIGGER_SERIOUS: "执法不作为、乱作为造成严重后果",
    TRIGGER_BRUTAL: "粗暴执法",
    TRIGGER_ABUSE: "以权谋私、徇私枉法",
    TRIGGER_REPEATED_SUSPENSION: "暂扣执法证达到规定次数",
    TRIGGER_CONSECUTIVE_INCOMPETENT: "连续年度考核不称职",
}
MANUAL_TRIGGERS = (TRIGGER_CRIMINAL, TRIGGER_EXPULSION, TRIGGER_SERIOUS, TRIGGER_BRUTAL, TRIGGER_ABUSE)
PLAN_BASIS = "《华容区开展行政执法协调监督体系工作的实施方案》"
BASIS_CONDUCT = f"{PLAN_BASIS}二(二)2“执法行为不规范、未造成严重后果的，第一次谈话提醒，第二次通报批评”"
BASIS_INCOMPETENT = f"{PLAN_BASIS}二(二)2“年度考核等次评定为不称职的，暂扣其执法证，暂停其执法资格”"
BASIS_RETAKE = f"{PLAN_BASIS}二(二)3“补考仍不合格的，暂扣其执法证，直至其补考合格后发还”"
BASIS_RETURN = f"{PLAN_BASIS}二(二)2、3“经培训并考试合格后，发还执法证”"
BASIS_REVOKE = f"{PLAN_BASIS}二(二)2“收回其执法证，取消其执法资格，并责令所在执法机关将其调离执法岗位”"
BASIS_CANCEL = "行政执法证件管理规定：持证人员离职、退休或调离执法岗位的，注销其行政执法证"

# What a triggering event does to the officer's certificate.
ACT_NONE = "none"  # nothing to change (no live certificate): the record stands
ACT_SUSPEND = "suspend"
ACT_EXTEND = "extend"  # already suspended: the new ground's conditions are added to the suspension
ACT_REVOKE = "revoke"
CONSEQUENCE_LABELS = {ACT_NONE: "无", ACT_SUSPEND: "暂扣执法证", ACT_EXTEND: "追加发还条件", ACT_REVOKE: "收回执法证"}


@dataclass(frozen=True)
class Consequence:
    action: str
    ground: str = ""  # suspension ground when action is suspend/extend
    trigger: str = ""  # revocation trigger when action is revoke
    reason: str = ""


def suspension_consequence(
    *, certificate_status: str | None, prior_suspensions: int, revoke_at: int, ground: str
) -> Consequence:
    """What a suspension ground (不称职, failed retake) does to the certificate.

    - no live certificate: nothing to suspend (qualification is paused by there being none);
    - already suspended: no second suspension (a certificate cannot be suspended twice at once);
      the new ground's return conditions are added to the running suspension;
    - the suspension that would be the ``revoke_at``-th (plan: "暂扣执法证2次以上", ``revoke_at``
      = 2) becomes a revocation instead;
    - otherwise: suspend.
    """
    label = GROUND_LABELS[ground]
    if certificate_status not in LIVE_STATUSES:
        return Consequence(ACT_NONE, ground=ground, reason=f"{label}；当前无有效执法证，记录在案。")
    if certificate_status == SUSPENDED:
        return Consequence(ACT_EXTEND, ground=ground, reason=f"{label}；执法证已在暂扣中，追加发还条件。")
    if prior_suspensions + 1 >= revoke_at:
        return Consequence(
            ACT_REVOKE, ground=ground, trigger=TRIGGER_REPEATED_SUSPENSION,
            reason=f"{label}，应予暂扣；此前已被暂扣执法证{prior_suspensions}次，本次将达{prior_suspensions + 1}次"
                   f"（达到{revoke_at}次即收回），依规收回执法证。",
        )
    return Consequence(ACT_SUSPEND, ground=ground, reason=f"{label}，暂扣执法证、暂停执法资格。")


def assessment_consequence(
    *,
    grade: str,
    certificate_status: str | None,
    incompetent_streak_before: int,
    consecutive_incompetent_revoke: int,
    prior_suspensions: int,
    revoke_at: int,
) -> Consequence:
    """What an annual assessment grade does (R-PER-6, R-PER-7).

    ``incompetent_streak_before``: how many immediately preceding years were 不称职 (0 when last
    year was not). 不称职 for the ``consecutive_incompetent_revoke``-th year in a row (plan: 2)
    revokes the certificate and cancels the qualification — even when no certificate is live, the
    qualification is cancelled and the transfer off enforcement posts is ordered. A single 不称职
    suspends (see ``suspension_consequence``). Other grades change nothing.
    """
    if grade not in GRADE_LABELS:
        raise ValueError(f"unknown grade {grade!r}")
    if grade != INCOMPETENT:
        return Consequence(ACT_NONE)
    if incompetent_streak_before + 1 >= consecutive_incompetent_revoke:
        return Consequence(
            ACT_REVOKE, ground=GROUND_INCOMPETENT, trigger=TRIGGER_CONSECUTIVE_INCOMPETENT,
            reason=f"连续{incompetent_streak_before + 1}年年度考核等次为不称职，依规收回执法证、取消执法资格。",
        )
    return suspension_consequence(
        certificate_status=certificate_status, prior_suspensions=prior_suspensions, revoke_at=revoke_at,
        ground=GROUND_INCOMPETENT,
    )


def incompetent_streak(grades_by_year: dict[int, str], *, before_year: int) -> int:
    """Consecutive 不称职 years immediately before ``before_year`` (a missing year breaks it)."""
    streak = 0
    year = before_year - 1
    while grades_by_year.get(year) == INCOMPETENT:
        streak += 1
        year -= 1
    return streak


def revocation_trigger_label(trigger: str, *, revoke_at: int = 2, consecutive: int = 2) -> str:
    if trigger == TRIGGER_REPEATED_SUSPENSION:
        return f"暂扣执法证{revoke_at}次以上"
    if trigger == TRIGGER_CONSECUTIVE_INCOMPETENT:
        return f"连续{consecutive}年年度考核等次为不称职"
    return TRIGGER_LABELS[trigger]


@dataclass(frozen=True)
class ReturnDecision:
    due: bool
    missing: tuple[str, ...] = field(default_factory=tuple)


def return_decide(
    *,
    grounds: Iterable[str],
    suspended_on: date,
    training_hours_since: Decimal,
    min_training_hours: Decimal,
    passed_exam_on: date | None,
) -> ReturnDecision:
    """Whether a suspended certificate is returned now (R-PER-6, R-PER-10).

    Every ground requires an exam passed *after* the suspension date (for a failed retake: the
    retake passed; for 不称职: "经培训并考试合格"). 不称职 also requires training recorded after
    the suspension date of at least ``min_training_hours``. Records on the suspension date itself
    do not count: the decision may have been taken later that day.
    """
    grounds = set(grounds)
    missing: list[str] = []
    if GROUND_INCOMPETENT in grounds and Decimal(training_hours_since) < Decimal(min_training_hours):
        missing.append(
            f"暂扣后须参加培训不少于{format_hours(min_training_hours)}学时（已记录{format_hours(training_hours_since)}学时）"
        )
    if passed_exam_on is None or passed_exam_on <= suspended_on:
        missing.append("暂扣后须参加考试（补考）并合格")
    return ReturnDecision(not missing, tuple(missing))


def format_hours(value: Decimal | int | float) -> str:
    """``40`` rather than ``40.0``, ``2.5`` stays ``2.5``."""
    d = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    return f"{d:f}"


# ------------------------------------------------------------------------------------------------
# Training hours (R-PER-9, plan §二(二)3)
# ------------------------------------------------------------------------------------------------

METHOD_LABELS = {
    "statute_study": "学法条原文",
    "expert_lecture": "专家讲座",
    "case_study": "以案说法",
    "court_hearing": "庭审旁听",
    "exam": "学法考试",
    "other": "其他",
}


def expected_hours_to_date(target: Decimal, *, year: int, on: date) -> Decimal:
    """The pro-rated expectation on ``on`` for a yearly target: the share of the year's days
    elapsed (``on`` included). Before the year: 0; after it: the whole target."""
    target = Decimal(target)
    if on.year < year:
        return Decimal(0)
    if on.year > year:
        return target
    start = date(year, 1, 1)
    days_in_year = (date(year + 1, 1, 1) - start).days
    elapsed = (on - start).days + 1
    return (target * elapsed / days_in_year).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TrainingStatus:
    hours: Decimal
    target: Decimal
    expected_to_date: Decimal

    @property
    def compliant(self) -> bool:
        """The yearly target is met."""
        return self.hours >= self.target

    @property
    def shortfall(self) -> Decimal:
        """Hours still missing for the yearly target (0 when met)."""
        return max(Decimal(0), self.target - self.hours)

    @property
    def behind_pace(self) -> bool:
        """Below the pro-rated expectation to date (a warning during the year)."""
        return self.hours < self.expected_to_date

    @property
    def percent(self) -> int:
        if not self.target:
            return 100
        return min(100, int(self.hours * 100 / self.target))


def training_status(hours: Decimal | int | float, *, target: Decimal | int | float, year: int, on: date) -> TrainingStatus:
    """One person's centralized training hours for ``year`` against the yearly target (plan: each
    enforcement officer, auxiliary staff included, ≥ 40 hours of centralized training a year)."""
    target = Decimal(target)
    return TrainingStatus(Decimal(hours), target, expected_hours_to_date(target, year=year, on=on))


@dataclass(frozen=True)
class UnitCompliance:
    people: int
    compliant: int
    behind_pace: int

    @property
    def short(self) -> int:
        return self.people - self.compliant

    @property
    def rate(self) -> int:
        """Percentage of people meeting the yearly target (100 for a unit without people)."""
        return 100 if not self.people else round(self.compliant * 100 / self.people)


def unit_compliance(statuses: Iterable[TrainingStatus]) -> UnitCompliance:
    people = compliant = behind = 0
    for s in statuses:
        people += 1
        compliant += s.compliant
        behind += s.behind_pace
    return UnitCompliance(people, compliant, behind)


# ------------------------------------------------------------------------------------------------
# Closed-book tests and retakes (R-PER-10, plan §二(二)3)
# ------------------------------------------------------------------------------------------------

TEST_NONE = "none"
TEST_RETAKE_REQUIRED = "retake_required"  # a first-attempt fail: district notice + retake
TEST_FAILED_RETAKE = "failed_retake"  # a retake failed: suspension ground
TEST_PASSED_RETAKE = "passed_retake"  # a retake passed: may return a suspended certificate


def attempt_outcome(*, attempt: int, passed: bool) -> str:
    """What a test result means: a first-attempt fail requires a retake (and puts the person on
    the district notice); a failed retake is a suspension ground; a passed retake may lift a
    suspension for a failed retake."""
    if attempt < 1:
        raise ValueError("attempt starts at 1")
    if passed:
        return TEST_PASSED_RETAKE if attempt > 1 else TEST_NONE
    return TEST_RETAKE_REQUIRED if attempt == 1 else TEST_FAILED_RETAKE


def next_attempt(previous: Sequence[tuple[int, bool]]) -> int:
    """The attempt number of a retake, given ``(attempt, passed)`` of the earlier results for the
    same test; refuses when there is no failed attempt to retake (``retake_not_required``)."""
    if not previous:
        raise Conflict("retake_not_required", "该人员尚无本次测试的成绩，请先登记首次测试成绩。")
    last_attempt, last_passed = max(previous)
    if last_passed:
        raise Conflict("retake_not_required", "该人员本次测试已合格，无需补考。")
    return last_attempt + 1
