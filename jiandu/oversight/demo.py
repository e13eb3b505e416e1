"""华容区 demo, supervision part (R-SUP-1…8): a year of the supervision office's work, all through
the services so the audit chain, the numbered documents and the notifications are real.

- complaints and reports at every stage (待受理, one past its acceptance deadline, 不予受理, 已受理,
  办理中 — one past its handling deadline —, 已办结待反馈 — one past its reply deadline —, 已反馈);
  every one has a tracking code (two examples are printed at the end of ``load_demo``);
- social supervisors of four units, one of them the demo account ``shjd``, with an observation;
- joint supervision inputs from 人大, 检察, 监察 and a court;
- opinion letters from a complaint, an inspection, a reconsideration case, a joint input and the
  case-file review: closed, overdue, replied, followed up;
- rectification items from every source, in every state (some overdue, some closed out);
- a published inspection (一听二查三问四反 at two units) and one in progress; a special campaign;
- this year's case-file review: self-review coverage, a seeded draw (recorded seed and population),
  every drawn file scored (one failing on a veto item) and the results notice.

Dates are relative to ``ctx.today``. The platform never guesses a year the working-day calendar does
not know, so steps whose deadline would run into such a year (late in December, before the next
year's holidays are entered) are dated back far enough for the deadline to fit (``_fit``).

The draw needs decided files of this year: the cases demo supplies them; when it is not loaded (or a
unit has too few), a few decided files are imported through the cases intake service.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count

from jiandu.cases.models import Case
from jiandu.cases.services.intake import case_import
from jiandu.core import holidays
from jiandu.core.workdays import CalendarYearMissing
from jiandu.organization.models import User
from jiandu.oversight import sweeps
from jiandu.oversight.models import (
    Complaint, InspectionStep, JointInput, OpinionLetter, Rectification, ReviewCampaign, ReviewFile, SocialSupervisor,
)
from jiandu.oversight.services import complaints as cs
from jiandu.oversight.services import inspections as ins
from jiandu.oversight.services import letters as ls
from jiandu.oversight.services import rectifications as rs
from jiandu.oversight.services import reviews as rv
from jiandu.oversight.services import supervision as sv
from jiandu.standards.models import EnforcementItem, ItemList

DEMO_UNITS = ("区市场监管局", "区城管局", "华容镇", "葛店镇")
LEGAL = {"区市场监管局": "scjg_legal", "区城管局": "cgj_legal", "华容镇": "hrz_legal", "葛店镇": "gdz_legal"}
# Decided files of this year each demo unit should have per category for the draw (fallback only).
WANTED = {"penalty": 4, "coercion": 2, "licensing": 2}
FALLBACK_TITLES = {
    "penalty": ["未按规定公示经营信息案", "超范围经营案", "占道经营案", "违规设置户外广告案", "未取得许可擅自经营案"],
    "coercion": ["查封涉案场所案", "扣押涉案物品案", "暂扣违规经营工具案"],
    "licensing": ["户外广告设置许可申请", "临时占用道路许可申请", "经营许可申请"],
}
FALLBACK_PARTIES = ["华容区恒信商贸有限公司", "葛店镇顺发建材经营部", "华容镇李某某", "鄂州市华容区兴达物流有限公司",
                    "庙岭镇王某某", "段店镇丰盛农资店", "临江乡陈某某", "华容区鑫源餐饮店"]
KIND_WORD = {"penalty": "罚", "coercion": "强", "licensing": "许"}
OUTCOME = {"penalty": "penalized", "coercion": "coercion_applied", "licensing": "licensed"}


class _Days:
    """Demo dates: ``ago(n)`` is the last working day on or before ``n`` days ago; ``fit(d, n)``
    moves ``d`` back until a deadline ``n`` working days after it lies in a year the calendar knows."""

    def __init__(self, today: date):
        self.today = today
        self.cal = holidays.load_calendar()

    def ago(self, n: int) -> date:
        d = self.today - timedelta(days=n)
        try:
            while not self.cal.is_workday(d):
                d -= timedelta(days=1)
        except CalendarYearMissing:
            pass
        return d

    def fit(self, d: date, n: int) -> date:
        for _ in range(60):
            try:
                self.cal.add_working_days(d, n)
                return d
            except CalendarYearMissing:
                d -= timedelta(days=7)
        return d

    def after(self, d: date, n: int) -> date:
        """``n`` days after ``d``, never later than today."""
        return min(self.today, d + timedelta(days=n))


# --- files for the case-file review -------------------------------------------------------------------


def _ensure_review_files(ctx, users: dict[str, User]) -> int:
    """Import a few decided files of this year for the demo units short of them (R-CAS-10 intake)."""
    year_start = date(ctx.today.year, 1, 1)
    created = 0
    for short in DEMO_UNITS:
        unit = ctx.unit(short)
        have = dict(Case.objects.filter(unit=unit, decided_on__gte=year_start, decided_on__lte=ctx.today)
                    .order_by().values_list("kind").annotate(n=Count("id")))
        items = {}
        for kind, code in EnforcementItem.objects.filter(
                item_list__unit=unit, item_list__status=ItemList.Status.PUBLISHED, kind__in=list(WANTED)).order_by(
                "code").values_list("kind", "code"):
            items.setdefault(kind, []).append(code)
        rows = []
        for kind, wanted in WANTED.items():
            codes = items.get(kind)
            if not codes:
                continue
            for i in range(max(0, wanted - have.get(kind, 0))):
                n = len(rows) + 1
                decided = max(year_start, ctx.today - timedelta(days=20 + 9 * n))
                filed = max(year_start, decided - timedelta(days=30))
                prefix = unit.doc_prefix or short[:3]
                rows.append({
                    "source_number": f"{prefix}{KIND_WORD[kind]}〔{ctx.today.year}〕{100 + n}号", "unit_code": unit.code,
                    "kind": kind,
                    "item_code": codes[i % len(codes)], "title": FALLBACK_TITLES[kind][i % len(FALLBACK_TITLES[kind])],
                    "party_kind": "organisation",
                    "party_name": FALLBACK_PARTIES[(n + len(short)) % len(FALLBACK_PARTIES)],
                    "filed_on": filed.isoformat(), "status": "closed", "decided_on": decided.isoformat(),
                    "outcome": OUTCOME[kind], "fine_amount": str(2000 * n) if kind == "penalty" else "",
                    "decision_number": f"{prefix}{KIND_WORD[kind]}决字〔{ctx.today.year}〕{100 + n}号",
                })
        if rows:
            batch = case_import(actor=users[LEGAL[short]], source_system="原办案系统", rows=rows)
            created += batch.created_count
    return created


# --- the parts of the story -------------------------------------------------------------------------


def _supervisors(ctx, users, days: _Days) -> SocialSupervisor:
    year = ctx.today.year
    start, end = date(year - 1, 3, 1), date(year + 1, 2, 28)
    shjd = sv.supervisor_appoint(
        actor=users["scjg_legal"], unit=ctx.unit("区市场监管局"), name="宋雨涵", category="npc_deputy",
        organisation="华容区人大代表、华容镇社区卫生服务中心护士长", term_start=start, term_end=end,
        duties="对区市场监管局食品安全、价格监管执法活动进行社会监督，收集群众意见并反映执法中存在的问题。",
        phone="13907110235", user=users["shjd"])
    for short, name, category, org in [
        ("区城管局", "高建明", "cppcc_member", "区政协委员、华容区个体劳动者协会副会长"),
        ("华容镇", "汪晓燕", "legal_worker", "湖北华容律师事务所律师"),
        ("葛店镇", "柯文杰", "journalist", "鄂州日报社华容记者站记者"),
    ]:
        sv.supervisor_appoint(actor=users[LEGAL[short]], unit=ctx.unit(short), name=name, category=category,
                              organisation=org, term_start=start, term_end=end,
                              duties=f"对{short}行政执法活动进行社会监督，参加执法评议，反映群众意见。")
    old = sv.supervisor_appoint(actor=users["gdz_legal"], unit=ctx.unit("葛店镇"), name="邵国平", category="npc_deputy",
                                organisation="原葛店镇人大代表", term_start=date(year - 2, 3, 1), term_end=end,
                                duties="对葛店镇行政执法活动进行社会监督。")
    sv.supervisor_dismiss(supervisor=old, actor=users["gdz_legal"], reason="人大代表任期届满，本人申请不再担任",
                          on=days.ago(200) if days.ago(200) > old.term_start else None)
    return shjd


def _complaint(agency, *, unit, channel, kind, title, content, received, name="", phone="", anonymous=False,
               request=""):
    complaint, code = cs.complaint_register(
        actor=agency, channel=channel, kind=kind, anonymous=anonymous, filer_name=name, filer_phone=phone,
        subject_unit=unit, title=title, content=content, request=request, received_on=received)
    return complaint, code


def _complaints(ctx, agency, users, days: _Days) -> dict[str, tuple[Complaint, str]]:
    u = ctx.unit
    out: dict[str, tuple[Complaint, str]] = {}
    handler = {"区市场监管局": users["scjg_legal"], "区城管局": users["cgj_legal"]}

    def walk(key, stages, *, unit_short, received_days, finding="substantiated", result="", reply="", **kw):
        """Register and take a complaint through ``stages`` (accept, assign, handle, reply)."""
        received = days.ago(received_days)
        accepted = days.fit(days.after(received, 2), 45)
        received = min(received, accepted)
        complaint, code = _complaint(agency, unit=u(unit_short), received=received, **kw)
        who = handler.get(unit_short, agency)
        if "accept" in stages:
            complaint = cs.complaint_accept(complaint=complaint, actor=agency, note="属于行政执法监督受理范围。",
                                            on=accepted)
        if "assign" in stages:
            complaint = cs.complaint_assign(complaint=complaint, actor=agency, unit=u(unit_short),
                                            on=days.after(complaint.accepted_on, 1))
        if "handle" in stages:
            handled = days.fit(days.after(complaint.assigned_on, stages["handle"]), 5)
            complaint = cs.complaint_handle(complaint=complaint, actor=who, finding=finding, result=result,
                                            on=max(handled, complaint.assigned_on))
        if "reply" in stages:
            complaint = cs.complaint_reply(complaint=complaint, actor=who, reply=reply,
                                           on=days.after(complaint.handled_on, stages["reply"]))
        out[key] = (complaint, code)
        return complaint

    # 待受理: filed online today (the public form), and one from the hotline past its acceptance deadline.
    try:
        out["online"] = cs.complaint_submit_public(
            kind="report", anonymous=True, subject_unit=u("区市场监管局"), title="华容镇某超市销售过期食品",
            content="华容镇新街某超市货架上有多种过期的袋装食品和饮料，本人向所在市场监管所反映后无人处理。",
            request="请依法查处并督促执法人员履职。")
    except CalendarYearMissing as exc:  # the last days of a year whose successor is not entered yet
        ctx.stdout.write(f"   （跳过今日网上投诉举报：{exc.message}）")
    out["hotline_late"] = _complaint(
        agency, unit=u("区城管局"), channel="hotline_12345", kind="complaint", name="吴海波", phone="13972345678",
        title="城管执法人员收缴三轮车未出具任何手续",
        content="12345 热线转办：本人在葛华大道摆摊，城管执法人员收走三轮车，未出具扣押决定书和物品清单。",
        request="要求退还三轮车并说明依据。", received=days.ago(20))
    # 不予受理.
    rejected = walk("rejected", {}, unit_short="葛店镇", received_days=35, channel="letter", kind="complaint",
                    name="余桂兰", phone="13886123456", title="反映邻居建房占用本人宅基地",
                    content="邻居新建房屋占用本人宅基地约十平方米，请政府处理。")
    out["rejected"] = (cs.complaint_reject(complaint=rejected, actor=agency, on=days.after(rejected.received_on, 3),
                                           reason="所反映事项属于民事权属纠纷，不属于行政执法监督范围。已告知可向葛店镇人民调解委员会"
                                                  "申请调解或依法向人民法院起诉。"), out["rejected"][1])
    # 已受理待交办.
    walk("accepted", {"accept": 1}, unit_short="华容镇", received_days=40, channel="visit", kind="complaint",
         name="胡志强", phone="13545678901", title="综合执法队罚款后未出具罚款收据",
         content="华容镇综合行政执法队以占道经营为由当场罚款 200 元，未出具任何票据。", request="要求说明罚款依据并出具收据。")
    # 办理中: one in time, one past its handling deadline.
    walk("assigned", {"accept": 1, "assign": 1}, unit_short="区市场监管局", received_days=45, channel="phone",
         kind="complaint", name="彭丽", phone="15827123456", title="同一违法行为被两次罚款",
         content="本店因标价不规范被市场监管所罚款后，一个月内又因同一问题被再次罚款。", request="请求撤销重复处罚。")
    walk("handle_late", {"accept": 1, "assign": 1}, unit_short="区城管局", received_days=110, channel="hotline_12345",
         kind="complaint", name="邓建华", phone="13797234567", title="拆除广告牌前未告知陈述申辩权利",
         content="城管局拆除本公司门头广告牌，事前没有书面通知，也没有告知陈述、申辩的权利。", request="要求依法处理并赔偿损失。")
    # 已办结待反馈: one in time, one past its reply deadline.
    walk("handled", {"accept": 1, "assign": 1, "handle": 200}, unit_short="区市场监管局", received_days=70,
         channel="letter", kind="report", name="匿名群众", phone="", anonymous=True, finding="partly",
         title="执法人员检查时未出示执法证件",
         content="市场监管所两名工作人员到店检查时未出示执法证件，态度生硬。",
         result="经调阅执法记录仪视频，执法人员出示了证件但未主动告知，已对相关人员批评教育。")
    walk("reply_late", {"accept": 1, "assign": 1, "handle": 60}, unit_short="葛店镇", received_days=100,
         channel="visit", kind="complaint", name="熊建国", phone="13607112345", finding="unsubstantiated",
         title="镇执法队查封养殖场程序违法",
         content="葛店镇综合执法队查封本人养殖场，认为程序违法。",
         result="经核查，查封决定书、现场笔录、清单齐全，已依法送达，程序合法。")
    # 已反馈: substantiated (it led to a letter and a rectification), and unsubstantiated.
    walk("replied", {"accept": 1, "assign": 1, "handle": 30, "reply": 3}, unit_short="区市场监管局",
         received_days=150, channel="hotline_12345", kind="complaint", name="刘德胜", phone="13872345678",
         title="办理食品经营许可超过法定期限",
         content="本人 3 月提交食品经营许可申请，材料齐全，一个多月未作出决定，也未告知延期。", request="请督促依法办理。",
         result="经核查，区市场监管局受理后超过法定期限 8 个工作日作出许可决定，未书面告知延期，反映属实。",
         reply="您反映的问题经核查属实。我局已向区市场监管局制发行政执法监督意见书，责令其规范许可办理时限管理，"
               "并对相关责任人员进行了批评教育。感谢您对行政执法工作的监督。")
    walk("replied_no", {"accept": 1, "assign": 1, "handle": 20, "reply": 2}, unit_short="区城管局",
         received_days=130, channel="phone", kind="complaint", name="谢丽华", phone="18971234567",
         finding="unsubstantiated", title="对渣土车处罚金额有异议",
         content="本人渣土车未密闭运输被罚款 5000 元，认为处罚过重。",
         result="经核查，处罚适用《鄂州市城市市容和环境卫生管理条例》，罚款金额在裁量基准范围内。",
         reply="经核查，区城管局对您作出的处罚事实清楚、依据正确、裁量适当，反映问题不属实。如不服可依法申请行政复议或提起行政诉讼。")
    return out


def _observation(ctx, shjd: User) -> Complaint | None:
    """宋雨涵 (account ``shjd``), 区人大代表 serving 区市场监管局, reports what she saw (R-SUP-7)."""
    try:
        complaint, _code = cs.observation_submit(
            actor=shjd, unit=ctx.unit("区市场监管局"), title="农贸市场快检室长期无人值守",
            content="华容镇农贸市场食品快检室近一个月多次无人值守，快检结果公示栏空白，群众反映较多。")
    except CalendarYearMissing as exc:
        ctx.stdout.write(f"   （跳过今日社会监督员意见：{exc.message}）")
        return None
    return complaint


def _joint_inputs(ctx, agency, days: _Days) -> dict[str, JointInput]:
    u, year = ctx.unit, ctx.today.year
    out = {}
    out["jcy"] = sv.joint_input_record(
        actor=agency, unit=u("区城管局"), source="procuratorate", source_org="华容区人民检察院", document_kind="检察建议书",
        document_number=f"华检行建〔{year}〕6号", received_on=days.ago(60),
        summary="在办理行政非诉执行监督案件中发现，区城管局对违法建设作出限期拆除决定后，未依法催告即申请强制执行。",
        reply_due_on=days.ago(60) + timedelta(days=60))
    sv.joint_input_respond(joint_input=out["jcy"], actor=agency, on=days.ago(25),
                           response="已督促区城管局完善催告程序，修订强制执行工作规程，并书面回复区人民检察院。")
    out["npc"] = sv.joint_input_record(
        actor=agency, unit=u("区市场监管局"), source="npc", source_org="华容区人大常委会", document_kind="代表建议",
        document_number=f"第{year % 100}号", received_on=days.ago(30),
        summary="建议加强农村集贸市场食品安全执法，减少重复检查、多头检查。", reply_due_on=days.ago(30) + timedelta(days=90))
    out["jw"] = sv.joint_input_record(
        actor=agency, unit=u("华容镇"), source="supervision_commission", source_org="华容区监察委员会",
        document_kind="监察建议书", document_number=f"华监建〔{year}〕2号", received_on=days.ago(15),
        summary="华容镇综合执法队罚没款收缴管理不规范，存在当场收缴罚款未及时上缴的问题。")
    out["court"] = sv.joint_input_record(
        actor=agency, unit=u("葛店镇"), source="court", source_org="鄂州市华容区人民法院", document_kind="司法建议书",
        document_number=f"（{year}）鄂0703行建1号", received_on=days.ago(80),
        summary="葛店镇人民政府在一起行政处罚案件中送达程序不规范，建议加强执法文书送达管理。")
    sv.joint_input_respond(joint_input=out["court"], actor=agency, on=days.ago(50),
                           response="葛店镇已组织执法人员学习文书送达规定，并回复区人民法院。")
    return out


def _inspections(ctx, agency, days: _Days):
    u, year, today = ctx.unit, ctx.today.year, ctx.today
    year_start = date(year, 1, 1)
    # A published inspection earlier in the year, at 区城管局 and 葛店镇.
    start = max(year_start, days.ago(150))
    done = ins.inspection_plan(
        actor=agency, title=f"{year}年上半年行政执法“三项制度”落实情况法治督察", year=year,
        plan="采取“一听二查三问四反”方式，督察行政执法公示、执法全过程记录、重大执法决定法制审核制度落实情况。",
        starts_on=start, ends_on=days.after(start, 20), target_units=[u("区城管局"), u("葛店镇")])
    texts = {
        "listen": "听取单位主要负责人关于行政执法“三项制度”落实情况的汇报。",
        "check": "随机调阅行政处罚、行政强制案卷各 5 卷，查阅执法公示平台和执法记录仪管理台账。",
        "ask": "与执法人员、法制审核人员座谈，问询法制审核流程和执法记录仪使用情况。",
        "feedback": "现场集中反馈督察发现的问题，提出整改要求。",
    }
    for offset, target in enumerate(("区城管局", "葛店镇")):
        for i, kind in enumerate(InspectionStep.Kind.values):
            ins.inspection_record_step(inspection=done, actor=agency, target_unit=u(target), kind=kind, summary=texts[kind],
                                       done_on=days.after(start, 2 + offset * 4 + (i > 1)),
                                       participants="区司法局 王建国、李晓东")
    problems = {
        "城管": ins.inspection_add_finding(
            inspection=done, actor=agency, target_unit=u("区城管局"), found_on=days.after(start, 3),
            problem="部分行政处罚案件执法全过程记录不完整，现场执法视音频未归档。", deadline=days.after(start, 45)),
        "葛店": ins.inspection_add_finding(
            inspection=done, actor=agency, target_unit=u("葛店镇"), found_on=days.after(start, 7),
            problem="行政执法公示信息更新不及时，部分处罚决定未在 7 个工作日内公示。", deadline=days.after(start, 40)),
    }
    ins.inspection_conclude(inspection=done, actor=agency, on=days.after(start, 12))
    ins.inspection_publish(
        inspection=done, actor=agency, notice_title=f"关于{year}年上半年行政执法“三项制度”落实情况法治督察的通报",
        notice_summary="区司法局对区城管局、葛店镇人民政府开展了法治督察。\n"
                       "督察发现执法全过程记录不完整、执法公示不及时等问题，已列入整改台账并限期整改。")
    # One in progress at 区市场监管局 and 华容镇.
    start2 = max(year_start, days.ago(10))
    running = ins.inspection_plan(
        actor=agency, title=f"{year}年下半年重点领域行政执法法治督察", year=year,
        plan="督察食品安全、城乡建设领域行政执法裁量基准执行情况。", starts_on=start2,
        ends_on=start2 + timedelta(days=30), target_units=[u("区市场监管局"), u("华容镇")])
    for kind in ("listen", "check"):
        ins.inspection_record_step(inspection=running, actor=agency, target_unit=u("区市场监管局"), kind=kind,
                                   summary=texts[kind], done_on=start2, participants="区司法局 王建国、陈静")
    problems["市监"] = ins.inspection_add_finding(
        inspection=running, actor=agency, target_unit=u("区市场监管局"), found_on=start2,
        problem="个别行政处罚案件未按裁量基准说明从轻处罚的理由。", deadline=today + timedelta(days=30))
    return done, running, problems


def _letters(ctx, agency, users, days: _Days, complaints, joint, inspection, review) -> dict[str, OpinionLetter]:
    u = ctx.unit
    out = {}
    replied = complaints["replied"][0]
    on = days.fit(max(replied.handled_on, days.ago(90)), 20)
    out["complaint"] = ls.letter_issue(
        actor=agency, unit=u("区市场监管局"), kind="supervision_opinion", source_type="complaint",
        source_id=str(replied.pk), title="关于规范行政许可办理时限的监督意见", on=on, open_rectification=True,
        problems="办理食品经营许可超过法定期限，未书面告知申请人延期理由。",
        requirements="一、严格执行行政许可法定办理时限；二、建立许可办理时限预警；三、对相关责任人员批评教育。")
    ls.letter_reply(letter=out["complaint"], actor=users["scjg_legal"], on=days.after(on, 15),
                    reply="我局已建立许可办理时限预警机制，对责任人员进行了批评教育，相关制度已印发执行。")
    ls.letter_close(letter=out["complaint"], actor=agency, on=days.after(on, 20), note="整改到位，予以办结。")
    on = days.fit(days.ago(50), 20)
    out["inspection"] = ls.letter_issue(
        actor=agency, unit=u("区城管局"), kind="supervision_suggestion", source_type="inspection",
        source_id=str(inspection.pk), title="关于完善执法全过程记录的监督建议", on=on,
        problems="执法全过程记录制度落实不到位，视音频资料未按规定归档。",
        requirements="建议完善执法记录仪使用管理制度，建立视音频资料集中存储和归档机制。")
    on = days.fit(days.ago(45), 20)
    out["reconsideration"] = ls.letter_issue(
        actor=agency, unit=u("葛店镇"), kind="reconsideration_opinion", source_type="reconsideration",
        source_label=f"华容区人民政府行政复议决定书 华政复决〔{on.year}〕12号", title="关于规范行政强制措施程序的行政复议意见书",
        on=on, problems="在一起查封案件中未当场告知当事人采取行政强制措施的理由、依据以及依法享有的权利。",
        requirements="严格依照《行政强制法》第十八条实施行政强制措施，组织执法人员专题学习。")
    ls.letter_reply(letter=out["reconsideration"], actor=users["gdz_legal"], on=days.after(on, 15),
                    reply="已组织学习。")
    ls.letter_follow_up(letter=out["reconsideration"], actor=agency, on=days.fit(days.after(on, 18), 10),
                        note="回复过于简单，请补充学习培训记录、整改制度文本等佐证材料")
    on = days.fit(days.ago(20), 20)
    out["joint"] = ls.letter_issue(
        actor=agency, unit=u("区城管局"), kind="supervision_opinion", source_type="joint_input",
        source_id=str(joint["jcy"].pk), title="关于落实检察建议、规范非诉执行申请的监督意见", on=on,
        problems="申请人民法院强制执行前未依法书面催告当事人履行义务。",
        requirements="严格执行《行政强制法》第五十四条，申请强制执行前书面催告，并建立申请强制执行案件台账。")
    ls.letter_reply(letter=out["joint"], actor=users["cgj_legal"], on=days.after(on, 12),
                    reply="已修订强制执行工作规程，增加催告环节审核，并建立申请强制执行案件台账，附制度文本。")
    on = days.fit(ctx.today, 20)
    out["review"] = ls.letter_issue(
        actor=agency, unit=u("华容镇"), kind="supervision_suggestion", source_type="case_review",
        source_id=str(review.pk), source_label=review.title, title="关于提高行政执法案卷质量的监督建议", on=on,
        problems="案卷评查发现部分案卷证据收集不全面、法制审核意见过于简单。",
        requirements="建议开展案卷制作专题培训，落实重大执法决定法制审核制度。")
    return out


def _rectifications(ctx, agency, users, days: _Days, complaints, joint, campaign, observation, problems):
    """The ledger's other sources and the states: submitted, returned, closed out, overdue."""
    u, today = ctx.unit, ctx.today
    replied = complaints["replied"][0]
    items = {}
    items["complaint"] = rs.rectification_open(
        source_type="complaint", source_id=replied.pk, unit=u("区市场监管局"), actor=agency,
        problem="食品经营许可办理超过法定期限，未告知申请人延期理由。", found_on=replied.handled_on,
        deadline=replied.handled_on + timedelta(days=30))
    items["joint"] = rs.rectification_open(
        source_type="joint_input", source_id=joint["jw"].pk, unit=u("华容镇"), actor=agency,
        problem="当场收缴的罚款未在规定期限内缴付指定银行。", found_on=joint["jw"].received_on,
        deadline=today + timedelta(days=20))
    if observation is not None:
        items["observation"] = rs.rectification_open(
            source_type="observation", source_id=observation.pk, unit=u("区市场监管局"), actor=users["scjg_legal"],
            problem="农贸市场快检室长期无人值守，快检结果未公示。", deadline=today + timedelta(days=25))
    items["other"] = rs.rectification_open(
        source_type="other", source_id="", source_label="区委依法治区办交办", unit=u("华容镇"), actor=agency,
        problem="行政执法人员执法证件信息未在门户网站公示。", found_on=days.ago(60), deadline=days.ago(15))
    items["campaign_a"] = ins.campaign_add_problem(
        campaign=campaign, actor=agency, unit=u("区城管局"), found_on=days.ago(40), deadline=days.ago(5),
        problem="查处占道经营时存在言语粗暴、随意扣押经营工具的情况。")
    items["campaign_b"] = ins.campaign_add_problem(
        campaign=campaign, actor=agency, unit=u("葛店镇"), found_on=days.ago(40), deadline=today + timedelta(days=10),
        problem="部分执法文书未载明救济途径和期限。")
    # Closed out: the complaint's and the letter's items.
    letter_item = Rectification.objects.get(source_type="letter", unit=u("区市场监管局"))
    for item in (items["complaint"], letter_item):
        item = rs.rectification_submit(rectification=item, actor=users["scjg_legal"], on=days.after(item.found_on, 14),
                                       measures="印发许可办理时限管理办法，建立到期预警；对责任人员批评教育。",
                                       evidence="《行政许可办理时限管理办法》文本、批评教育谈话记录。")
        rs.rectification_close_out(rectification=item, actor=agency, on=days.after(item.submitted_on, 3),
                                   note="整改措施落实到位，予以销号。")
    # The inspection finding at 葛店镇: submitted, closed out. At 区城管局: still open and overdue.
    item = rs.rectification_submit(rectification=problems["葛店"], actor=users["gdz_legal"],
                                   on=days.after(problems["葛店"].found_on, 20),
                                   measures="指定专人负责执法公示，建立公示台账。", evidence="执法公示台账、公示网页截图。")
    rs.rectification_close_out(rectification=item, actor=agency, on=days.after(item.submitted_on, 5), note="已核实，予以销号。")
    # Submitted, waiting for the agency: the joint-input item.
    rs.rectification_submit(rectification=items["joint"], actor=users["hrz_legal"], on=today,
                            measures="罚没款全部缴入财政专户，建立当场收缴罚款台账。", evidence="银行缴款凭证、收缴台账。")
    # Returned: the campaign's item at 葛店镇 was sent back once.
    item = rs.rectification_submit(rectification=items["campaign_b"], actor=users["gdz_legal"], on=days.ago(10),
                                   measures="已要求执法人员注意。", evidence="会议记录。")
    rs.rectification_send_back(rectification=item, actor=agency, on=days.ago(8), new_deadline=today + timedelta(days=15),
                               reason="整改措施过于笼统，未提供修改后的文书样式，请补充。")
    return items


def _review(ctx, agency, users, days: _Days) -> ReviewCampaign:
    """This year's case-file review: self-review, the seeded draw, scores (one veto), the notice."""
    rng, today = ctx.random, ctx.today
    campaign = rv.review_launch(actor=agency, year=today.year, title=f"{today.year}年度全区行政执法案卷评查",
                                self_review_due_on=today)
    # Self-review: the demo units record theirs (区市场监管局 all of them, the others most).
    for short in DEMO_UNITS:
        unit = ctx.unit(short)
        files = list(rv.population_cases(campaign).filter(unit=unit).order_by("id"))
        if short != "区市场监管局":  # the others are part-way through (coverage below 100 %)
            files = files[: min(40, max(1, len(files) * 3 // 4))]
        for case in files:
            rv.self_review_record(campaign=campaign, case=case, actor=users[LEGAL[short]],
                                  score=Decimal(rng.choice(range(78, 97))), on=today)
    seed = f"{rng.getrandbits(64):016x}"
    campaign = rv.review_draw(campaign=campaign, actor=agency, size=2, seed=seed)
    veto_done = False
    deadline = today + timedelta(days=30)
    files = list(campaign.files.select_related("unit", "case").order_by("unit__sort_order", "unit_id", "category", "rank"))
    scjg = ctx.unit("区市场监管局")
    for i, f in enumerate(files):
        awarded = {}
        for section in ("form", "content"):
            for item in campaign.rubric[section]:
                points = Decimal(str(item["points"]))
                cut = Decimal(rng.choice((0, 0, 0, 1, 1, 2))) / 2 * (2 if points >= 10 else 1)
                awarded[item["code"]] = str(max(Decimal(0), points - cut))
        vetoes, text = [], ""
        if not veto_done and (f.unit_id == scjg.pk or i == len(files) - 1):
            vetoes, veto_done = ["V5"], True
            text = "主要证据仅有当事人陈述，无现场检查笔录和抽样检验报告，证据不足以认定违法事实。"
        elif i % 5 == 2:
            awarded["C3"] = "5"
            awarded["C4"] = "4"
            text = "告知陈述申辩权利的文书未载明期限；法制审核意见过于简单。"
        rv.review_score(review_file=f, actor=agency, failed_vetoes=vetoes, awarded=awarded, problems=text,
                        rectification_deadline=deadline if text else None)
    rv.review_conclude(campaign=campaign, actor=agency, on=today)
    return rv.review_publish(
        campaign=campaign, actor=agency, notice_title=f"关于{today.year}年度全区行政执法案卷评查情况的通报",
        notice_summary=f"根据年度工作安排，区司法局组织开展了{today.year}年度行政执法案卷评查。\n"
                       "各单位对本年度行政处罚、行政强制、行政许可案卷开展了自评，区司法局按类别随机抽取案卷集中评查。\n"
                       "评查结果如下，发现的问题已列入整改台账，请各单位限期整改。")


def load(ctx) -> None:
    today = ctx.today
    days = _Days(today)
    agency: User = ctx["agency_user"]
    names = ["scjg_legal", "cgj_legal", "hrz_legal", "gdz_legal", "shjd"]
    users = {n: ctx["users"][n] for n in names}
    imported = _ensure_review_files(ctx, users)
    _supervisors(ctx, users, days)
    complaints = _complaints(ctx, agency, users, days)
    observation = _observation(ctx, users["shjd"])
    joint = _joint_inputs(ctx, agency, days)
    done, _running, problems = _inspections(ctx, agency, days)
    campaign = ins.campaign_launch(
        actor=agency, title=f"{today.year}年度行政执法“四不”问题专项整治", year=today.year,
        focus=["not_standard", "not_civil"], starts_on=max(date(today.year, 1, 1), days.ago(60)),
        ends_on=date(today.year, 12, 31), description="集中整治执法不规范、不文明问题，问题列入整改台账限期整改。")
    review = _review(ctx, agency, users, days)
    letters = _letters(ctx, agency, users, days, complaints, joint, done, review)
    _rectifications(ctx, agency, users, days, complaints, joint, campaign, observation, problems)
    flagged = sweeps.sweep(today, days.cal)
    ctx["oversight_codes"] = {k: code for k, (_c, code) in complaints.items()}
    overdue = Rectification.objects.filter(is_overdue=True, status__in=Rectification.WORKING).count()
    ctx.stdout.write(
        f"    监督：投诉举报 {Complaint.objects.count()} 件、监督意见书 {len(letters)} 份、整改事项 "
        f"{Rectification.objects.count()} 项（逾期 {overdue} 项）、联合监督 {len(joint)} 件、法治督察 2 次、"
        f"案卷评查抽取 {ReviewFile.objects.filter(campaign=review).count()} 卷"
        + (f"（补充导入 {imported} 件已结案件）" if imported else "")
        + f"；查询码示例：已反馈 {complaints['replied'][1]}，待受理 {complaints['hotline_late'][1]}；"
          f"超期标记 {sum(v for k, v in flagged.items() if k != 'reminders')} 项")
