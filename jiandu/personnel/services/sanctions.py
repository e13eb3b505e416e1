"""Conduct records, annual assessments and revocation on the facts (R-PER-5, R-PER-6, R-PER-7)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from jiandu.core import audit
from jiandu.core.errors import Conflict
from jiandu.core.scope import require
from jiandu.personnel import rules
from jiandu.personnel.models import Assessment, ConductRecord, Officer
from jiandu.personnel.services._common import (
    chinese_date,
    check_date,
    issue_officer_document,
    notify_officer,
    notify_unit,
    officer_link,
    param,
    raise_if,
    today,
)
from jiandu.personnel.services.certificates import (
    apply_consequence,
    live_certificate,
    prior_suspensions,
    revoke,
)


def _window_label(window: str, start: date, on: date) -> str:
    if window == rules.CALENDAR_YEAR:
        return f"{on.year}年度"
    return f"{chinese_date(start)}至{chinese_date(on)}期间"


@transaction.atomic
def conduct_record(
    *, actor, officer: Officer, occurred_on: date, description: str, source: str = ""
) -> ConductRecord:
    """Record non-standard enforcement without serious consequences (R-PER-5). The ladder gives
    the sanction — 1st in the counting window: talk reminder; 2nd: circulated criticism — and its
    numbered document is issued by the agency and listed in the officer's file (R-PER-11)."""
    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.sanction", unit=officer.unit)
    errors = check_date(occurred_on, "occurred_on", "行为发生日期", not_after=today())
    if not (description or "").strip():
        errors["description"] = "请写明不规范执法行为的具体情形。"
    elif len(description.strip()) < 6:
        errors["description"] = "情形描述过于简单，请写明时间、地点和具体行为。"
    raise_if(errors)
    window = param("personnel.conduct.window", on=occurred_on, unit=officer.unit)
    previous = list(ConductRecord.objects.filter(officer=officer).values_list("occurred_on", flat=True))
    decision = rules.conduct_decide(previous, on=occurred_on, window=window)
    window_text = _window_label(window, decision.window_start, occurred_on)
    description, source = description.strip(), (source or "").strip()
    found = f"（发现途径：{source}）" if source else ""
    if decision.sanction == rules.TALK_REMINDER:
        document = issue_officer_document(
            officer=officer, kind="talk_reminder", kind_label="谈话提醒通知",
            title=f"关于对{officer.name}同志进行谈话提醒的通知", actor=actor,
            paragraphs=[
                f"经查，你于{chinese_date(occurred_on)}在行政执法活动中存在以下不规范执法行为{found}：{description}",
                f"该行为未造成严重后果，系你在{window_text}内第1次被记录不规范执法行为。",
                f"根据{rules.BASIS_CONDUCT}，本机关决定对你进行谈话提醒。请你按本机关通知的时间到区行政执法监督机构"
                "接受谈话，认真反思，立即整改，严格规范公正文明执法。",
            ],
        )
    else:
        earlier = (
            ConductRecord.objects.filter(officer=officer, occurred_on__gte=decision.window_start,
                                         occurred_on__lte=occurred_on).order_by("occurred_on").first()
        )
        before_text = f"此前已于{chinese_date(earlier.occurred_on)}因不规范执法行为被记录并处理，" if earlier else ""
        document = issue_officer_document(
            officer=officer, kind="circulated_criticism", kind_label="通报批评",
            title=f"关于对{officer.name}同志予以通报批评的通报", actor=actor, recipient="全区各行政执法单位",
            paragraphs=[
                f"{officer.unit.name}{officer.post}{officer.name}同志于{chinese_date(occurred_on)}在行政执法活动中"
                f"存在不规范执法行为{found}：{description}",
                f"{before_text}这是其在{window_text}内第{decision.ordinal}次被记录不规范执法行为。",
                f"根据{rules.BASIS_CONDUCT}，经研究，决定对{officer.name}同志予以通报批评。",
                "全区各行政执法单位要引以为戒，加强对本单位执法人员的教育管理，严格规范公正文明执法。",
            ],
        )
    record = ConductRecord.objects.create(
        officer=officer, occurred_on=occurred_on, description=description, source=source,
        sanction=decision.sanction, ordinal_in_window=decision.ordinal, window_start=decision.window_start,
        document=document, recorded_by=actor,
    )
    audit.record(actor=actor, action="conduct.record", obj=record, unit=officer.unit,
                 after=audit.snapshot(record, ("occurred_on", "sanction", "ordinal_in_window", "window_start", "document")),
                 reason=description, legal_basis=rules.BASIS_CONDUCT)
    link = officer_link(officer)
    notify_officer(officer, title=f"您收到一份{document.kind_label}（{document.number}）", link=link)
    notify_unit(officer.unit, title=f"{officer.name}被{decision.label}（{document.number}）", link=link)
    return record


@transaction.atomic
def assessment_record(
    *, actor, officer: Officer, year: int, grade: str, decided_on: date, note: str = ""
) -> Assessment:
    """Record an annual assessment grade (R-PER-6). 不称职 suspends the certificate and pauses
    the qualification; the second consecutive 不称职 (a parameter), or a suspension that would
    reach the suspension limit, revokes it instead (R-PER-7) — all decided by the rules."""
    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.manage", unit=officer.unit)
    errors: dict[str, str] = {}
    now = today()
    if grade not in Assessment.Grade.values:
        errors["grade"] = "考核等次应为优秀、称职、基本称职或不称职。"
    if not isinstance(year, int) or year < 2000 or year > now.year:
        errors["year"] = f"考核年度应在2000年至{now.year}年之间。"
    else:
        errors.update(check_date(decided_on, "decided_on", "评定日期", not_after=now,
                                 not_before=date(year, 1, 1), not_before_label=f"{year}年1月1日"))
    raise_if(errors)
    if Assessment.objects.filter(officer=officer, year=year).exists():
        raise Conflict("assessment_exists", f"{officer.name}的{year}年度考核等次已登记，不能重复登记。")
    consequence = rules.Consequence(rules.ACT_NONE)
    if grade == rules.INCOMPETENT:  # only 不称职 has consequences: read the history and figures then
        grades = dict(Assessment.objects.filter(officer=officer, year__lt=year).values_list("year", "grade"))
        certificate = live_certificate(officer, lock=True)
        consequence = rules.assessment_consequence(
            grade=grade,
            certificate_status=certificate.status if certificate else None,
            incompetent_streak_before=rules.incompetent_streak(grades, before_year=year),
            consecutive_incompetent_revoke=int(param("personnel.assessment.consecutive_incompetent_revoke",
                                                     on=decided_on, unit=officer.unit)),
            prior_suspensions=prior_suspensions(officer),
            revoke_at=int(param("personnel.suspension.revoke_at", on=decided_on, unit=officer.unit)),
        )
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                officer=officer, year=year, grade=grade, decided_on=decided_on, note=(note or "").strip()[:200],
                consequence=consequence.action, recorded_by=actor,
            )
    except IntegrityError:
        raise Conflict("assessment_exists", f"{officer.name}的{year}年度考核等次已登记，不能重复登记。") from None
    audit.record(actor=actor, action="assessment.record", obj=assessment, unit=officer.unit,
                 after=audit.snapshot(assessment, ("year", "grade", "decided_on", "consequence")),
                 reason=consequence.reason)
    facts = f"{year}年度考核等次为{rules.GRADE_LABELS[grade]}。"
    apply_consequence(officer=officer, consequence=consequence, on=decided_on, actor=actor, facts=facts)
    return assessment


@transaction.atomic
def officer_revoke(*, actor, officer: Officer, trigger: str, reason: str, effective_on: date | None = None) -> Officer:
    """Revoke on the facts (R-PER-7): criminal punishment, expulsion, inaction or misconduct with
    serious consequences, brutal enforcement, abuse of power. The agency decides; the decision
    document, the cancelled qualification and the transfer task follow."""
    officer = Officer.objects.select_for_update().select_related("unit").get(pk=officer.pk)
    require(actor, "personnel.sanction", unit=officer.unit)
    effective_on = effective_on or today()
    errors = check_date(effective_on, "effective_on", "生效日期", not_after=today())
    if trigger not in rules.MANUAL_TRIGGERS:
        errors["trigger"] = "请选择收回情形：受到刑事处罚、受到开除处分、执法不作为乱作为造成严重后果、粗暴执法、以权谋私徇私枉法。"
    if not (reason or "").strip():
        errors["reason"] = "请写明查实的事实及处理依据（如判决书、处分决定文号）。"
    raise_if(errors)
    if officer.qualification_cancelled_on and live_certificate(officer) is None:
        raise Conflict("qualification_already_cancelled",
                       f"{officer.name}的执法资格已于{officer.qualification_cancelled_on:%Y-%m-%d}取消。")
    revoke(officer=officer, trigger=trigger, reason=reason.strip(), effective_on=effective_on, actor=actor)
    officer.refresh_from_db()
    return officer

