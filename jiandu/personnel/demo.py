"""华容区 demo for the personnel app (runs after organization's): a few hundred officers and
auxiliary staff across the enforcement units, certificates for most, applications at every
stage, conduct records with their documents, suspensions, revocations, training plans and
sessions (some people short of 40 hours), a district test with fails and retakes, referrals.

Everything goes through the services, so the audit chain and the numbered documents are real.
Dates are relative to ``ctx.today`` (the current year's training is always "this year").
"""

from __future__ import annotations

from datetime import date, timedelta

from jiandu.core import policy
from jiandu.core.workdays import CalendarYearMissing
from jiandu.organization.demo import KEY_DEPARTMENTS, OTHER_DEPARTMENTS, TOWNSHIPS, person_name
from jiandu.personnel import rules, services
from jiandu.personnel.models import Officer
from jiandu.personnel.services.certificates import add_years

DEPARTMENT_POSTS = ["执法大队队员", "执法大队队员", "执法中队中队长", "稽查科科员", "监督检查股科员", "执法大队副大队长",
                    "执法一中队队员", "执法二中队队员"]
TOWNSHIP_POSTS = ["综合行政执法队队员", "综合行政执法队队员", "综合行政执法队副队长", "综合执法办科员"]
OFFICE_POSTS = ["办公室文秘", "财务股会计", "人事股科员"]
AUXILIARY_POSTS = ["协管员", "执法辅助人员", "巡查队员"]
REGIONS = ["420703"] * 8 + ["420702", "420704"]


class _Ids:
    """Well-formed, fictitious identity numbers: correct check character, unique."""

    def __init__(self, rng):
        self.rng, self.used = rng, set()

    def next(self) -> str:
        while True:
            born = date(1968, 1, 1) + timedelta(days=self.rng.randint(0, 365 * 30))
            first17 = f"{self.rng.choice(REGIONS)}{born:%Y%m%d}{self.rng.randint(0, 999):03d}"
            number = first17 + rules.id_check_char(first17)
            if number not in self.used:
                self.used.add(number)
                return number


def _spread(start: date, end: date, n: int) -> list[date]:
    """``n`` dates evenly between ``start`` and ``end`` (both inside), never on a weekend."""
    span = max(1, (end - start).days)
    days = [start + timedelta(days=round(span * (i + 1) / (n + 1))) for i in range(n)]
    return [d - timedelta(days=max(0, d.weekday() - 4)) for d in days]


def load(ctx) -> None:
    rng, today = ctx.random, ctx.today
    users = ctx["users"]
    agency = ctx["agency_user"]
    ids = _Ids(rng)
    year_start = date(today.year, 1, 1)
    legal_for = {"区市场监管局": users["scjg_legal"], "区城管局": users["cgj_legal"], "华容镇": users["hrz_legal"],
                 "葛店镇": users["gdz_legal"]}
    serial = {"n": 0}

    def cert_number(year: int) -> str:
        serial["n"] += 1
        return rules.certificate_number("420703", year, serial["n"])

    # --- the registry ------------------------------------------------------------------------------
    # Read once for the few hundred historical certificates (the service reads them when not given).
    validity_years = int(policy.value("personnel.certificate.validity_years", on=today, jurisdiction=ctx["district"]))
    issuer = policy.value("personnel.certificate.issuer", on=today, jurisdiction=ctx["district"])
    units = [(short, True) for _, short, *_ in KEY_DEPARTMENTS] + [(short, False) for _, short, *_ in OTHER_DEPARTMENTS] + \
            [(name, None) for name, _ in TOWNSHIPS]
    people: dict[str, list[Officer]] = {}
    certified: list[Officer] = []
    for short, key in units:
        unit = ctx.unit(short)
        actor = legal_for.get(short, agency)
        township = key is None
        size = rng.randint(8, 12) if township else (rng.randint(8, 13) if key else rng.randint(4, 6))
        staff: list[Officer] = []
        for i in range(size):
            office = rng.random() < 0.06
            officer = services.officer_create(
                actor=actor, unit=unit, name=person_name(rng), id_number=ids.next(),
                post=rng.choice(OFFICE_POSTS if office else TOWNSHIP_POSTS if township else DEPARTMENT_POSTS),
                is_enforcement_post=not office, on_establishment=rng.random() > 0.05, fiscally_funded=rng.random() > 0.03,
                phone=f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}",
                joined_on=date(rng.randint(1995, 2022), rng.randint(1, 12), rng.randint(1, 28)), on=today,
            )
            staff.append(officer)
            # A new registration has no certificate and no application: the plan's four conditions decide.
            eligible = officer.is_enforcement_post and officer.on_establishment and officer.fiscally_funded
            if eligible and rng.random() < 0.94:
                issued = date(rng.choice([2020, 2021] if rng.random() < 0.05 else [2022, 2023, 2024, 2025]),
                              rng.randint(1, 12), rng.randint(1, 28))
                services.certificate_register(actor=agency, officer=officer, number=cert_number(issued.year),
                                              issued_on=issued, valid_until=add_years(issued, validity_years),
                                              issuer=issuer)
                certified.append(officer)
        for _ in range(rng.randint(1, 3)):
            staff.append(services.officer_create(
                actor=actor, unit=unit, name=person_name(rng), id_number=ids.next(), post=rng.choice(AUXILIARY_POSTS),
                category=Officer.Category.AUXILIARY, on_establishment=False, fiscally_funded=rng.random() < 0.5,
                joined_on=date(rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)), on=today,
            ))
        people[short] = staff
    ctx["officers"] = people

    # The demo enforcement officer account: 徐明 of 区市场监管局 with a valid certificate.
    xu = services.officer_create(actor=users["scjg_legal"], unit=ctx.unit("区市场监管局"), name="徐明",
                                 id_number=ids.next(), post="执法大队队员", phone="13907110021",
                                 joined_on=date(2014, 8, 1), user=users["scjg_officer"], on=today)
    services.certificate_register(actor=agency, officer=xu, number=cert_number(2023), issued_on=date(2023, 6, 16))
    people["区市场监管局"].append(xu)

    def valid(short: str) -> list[Officer]:
        return [o for o in people[short] if o in certified and o is not xu]

    used: set[int] = {xu.pk}

    def pick(short: str) -> Officer:
        officer = next(o for o in valid(short) if o.pk not in used)
        used.add(officer.pk)
        return officer

    def days_ago(n: int) -> date:
        return max(year_start, today - timedelta(days=n))

    # --- people who left this year (before training, so they attend nothing after leaving) ------------
    left: set[int] = set()
    for short in ("区林业局", "段店镇"):
        officer = pick(short)
        services.officer_leave(actor=agency, officer=officer, left_on=days_ago(100), reason="退休")
        left.add(officer.pk)

    # Officers whose certificate story the demo tells: picked now so training can be arranged.
    last = today.year - 1
    decided = min(today, date(today.year, 1, 15))  # last year's assessment results
    suspended_waiting = pick("区住建局")  # 不称职: suspended, not yet trained enough nor examined
    returned = pick("区农业农村局")  # 不称职: suspended, trained and examined, returned by the rule
    twice = pick("区市场监管局")  # 不称职 two years in a row: revoked, moved off enforcement posts

    # New officers awaiting a certificate (their applications follow the training below).
    applicants: dict[str, Officer] = {}
    for short, name in [("区市场监管局", "田思远"), ("区城管局", "邵子轩"), ("华容镇", "韦雨涵"), ("葛店镇", "孔浩然"),
                        ("区市场监管局", "方欣怡"), ("区城管局", "龚凯"), ("华容镇", "段梓豪"), ("区市场监管局", "严立新"),
                        ("区城管局", "莫海燕"), ("葛店镇", "汤文博"), ("华容镇", "姜晨")]:
        applicants[name] = services.officer_create(
            actor=legal_for[short], unit=ctx.unit(short), name=name, id_number=ids.next(),
            post="执法大队队员" if short.startswith("区") else "综合行政执法队队员",
            joined_on=date(today.year - 1, rng.randint(3, 10), rng.randint(1, 28)), on=today)
        people[short].append(applicants[name])

    # --- training: plans, district and unit sessions ----------------------------------------------
    active = [o for staff in people.values() for o in staff if o.pk not in left]

    def attends(officer: Officer, held: date, chance: float) -> bool:
        if officer.pk == suspended_waiting.pk and held > decided:
            return False  # has not attended since the suspension
        return rng.random() < chance
    weak_unit = "蒲团乡"  # a unit whose own programme lags: its people rely on district sessions only
    for short, _ in units:
        services.training_plan_save(actor=legal_for.get(short, agency), unit=ctx.unit(short), year=today.year,
                                    title=f"{ctx.unit(short).display_name}{today.year}年度行政执法人员执法能力培训计划",
                                    planned_sessions=rng.randint(4, 8),
                                    content="学法条原文、专家讲座、以案说法、庭审旁听、学法考试相结合。")
    services.training_plan_save(actor=agency, unit=ctx["agency"], year=today.year,
                                title=f"{today.year}年度全区行政执法人员集中培训计划", planned_sessions=8,
                                content="区行政执法监督机构统一组织，各执法单位全体执法人员（含辅助人员）参加。")
    district_topics = [("《行政处罚法》条文精讲", "statute_study"), ("行政执法程序规范专家讲座", "expert_lecture"),
                       ("典型行政复议败诉案例以案说法", "case_study"), ("行政诉讼案件庭审旁听", "court_hearing"),
                       ("《行政强制法》专题辅导", "expert_lecture"), ("行政执法监督条例解读", "statute_study"),
                       ("年中学法考试", "exam")]
    late = {o.pk for o in active if rng.random() < 0.15}  # people who miss more sessions
    agency_unit = ctx["agency"]
    for (title, method), held in zip(district_topics, _spread(year_start, today - timedelta(days=7), len(district_topics)), strict=True):
        session = services.training_session_create(actor=agency, unit=agency_unit, title=f"全区{title}", method=method,
                                                   held_on=held, hours=rng.choice([4, 4, 5, 6]), location="区政府三楼会议室",
                                                   lecturer=rng.choice(["湖北省司法厅专家", "区司法局", "区人民法院法官", "律师事务所律师"]))
        entries = [services.AttendanceEntry(o) for o in active if attends(o, held, 0.55 if o.pk in late else 0.95)]
        services.training_attendance_record(actor=agency, session=session, entries=entries)
    for short, _ in units:
        if short == weak_unit:
            continue
        unit = ctx.unit(short)
        actor = legal_for.get(short, agency)
        for held in _spread(year_start + timedelta(days=20), today - timedelta(days=3), rng.randint(3, 4)):
            held = max(year_start, held - timedelta(days=rng.randint(0, 14)))  # units do not all train on one day
            held -= timedelta(days=max(0, held.weekday() - 4))
            title, method = rng.choice([("本领域法律法规学习", "statute_study"), ("执法案卷制作以案说法", "case_study"),
                                        ("执法规范化专题培训", "other"), ("业务知识学法考试", "exam")])
            session = services.training_session_create(actor=actor, unit=unit, title=f"{unit.display_name}{title}",
                                                       method=method, held_on=held, hours=rng.choice([3, 4, 4, 5]))
            entries = [services.AttendanceEntry(o) for o in people[short] if o.pk not in left
                       and attends(o, held, 0.5 if o.pk in late else 0.93)]
            if entries:
                services.training_attendance_record(actor=actor, session=session, entries=entries)

    # --- applications at every stage ------------------------------------------------------------------
    def submit(short: str, name: str, ago: int):
        return services.application_submit(actor=legal_for[short], officer=applicants[name], on=days_ago(ago))

    def sign(application, who, ago: int, approve=True, reason="经审核，符合申领条件。"):
        return services.application_review(actor=users.get(who) or agency, application=application, approve=approve,
                                           reason=reason, acted_on=days_ago(ago))

    submit("区市场监管局", "田思远", 3)
    app = submit("区城管局", "邵子轩", 12)
    sign(app, "jd_agency", 10)
    sign(app, "bb_review", 9)  # 区财政局 still to sign
    app = submit("华容镇", "韦雨涵", 30)
    for who, ago in (("jd_agency", 28), ("cz_review", 27), ("bb_review", 25)):
        sign(app, who, ago)  # now with the city
    app = submit("葛店镇", "孔浩然", 45)
    for who, ago in (("bb_review", 43), ("jd_agency", 42), ("cz_review", 40)):
        sign(app, who, ago)
    sign(app, "city_review", 35)  # now with the province
    exam_ready = []
    for short, name, ago in (("区市场监管局", "方欣怡", 70), ("区城管局", "龚凯", 80), ("华容镇", "段梓豪", 95)):
        app = submit(short, name, ago)
        for who, step in (("jd_agency", 2), ("bb_review", 3), ("cz_review", 4), ("city_review", 10), ("prov_review", 16)):
            sign(app, who, ago - step)
        exam_ready.append((app, ago))
    # exam pending: exam_ready[0]; awaiting issue: [1]; issued: [2]
    _, ago = exam_ready[1]
    services.application_record_exam(actor=users["prov_review"], application=exam_ready[1][0], score=82, exam_on=days_ago(ago - 30))
    app, ago = exam_ready[2]
    services.application_record_exam(actor=users["prov_review"], application=app, score=91, exam_on=days_ago(ago - 30))
    services.application_issue(actor=users["prov_review"], application=app, issued_on=days_ago(ago - 45),
                               number=cert_number(days_ago(ago - 45).year))
    certified.append(app.officer)
    app = submit("区市场监管局", "严立新", 60)
    sign(app, "jd_agency", 58)
    sign(app, "cz_review", 57, approve=False, reason="经核查，该同志经费由单位自有资金列支，不属于财政供给人员，不符合申领条件。")
    app = submit("区城管局", "莫海燕", 90)
    for who, ago in (("jd_agency", 88), ("bb_review", 87), ("cz_review", 86)):
        sign(app, who, ago)
    sign(app, "city_review", 80, approve=False, reason="申报材料中执法岗位说明与“三定”方案不一致，请核实后重新申报。")
    app = submit("葛店镇", "汤文博", 120)
    for who, step in (("jd_agency", 2), ("bb_review", 3), ("cz_review", 4), ("city_review", 10), ("prov_review", 16)):
        sign(app, who, 120 - step)
    services.application_record_exam(actor=agency, application=app, score=54, exam_on=days_ago(80))
    app = submit("华容镇", "姜晨", 20)
    services.application_withdraw(actor=legal_for["华容镇"], application=app, reason="该同志已借调至县级部门，暂缓申领。")

    # --- conduct ladder --------------------------------------------------------------------------------
    conduct = [
        ("区市场监管局", ["对食品经营户检查时未出示执法证件，亦未告知检查依据。"]),
        ("区城管局", ["查处占道经营时未制作现场笔录，仅口头责令改正。",
                     "暂扣摊贩物品未开具暂扣清单，当事人投诉后方予补办。"]),
        ("区交通运输局", ["治超检查中执法记录仪未全程开启。"]),
        ("华容镇", ["送达责令改正通知书未留存送达回证。"]),
        ("葛店镇", ["行政处罚告知书未载明当事人陈述、申辩权利。",
                  "现场检查笔录未经当事人签字确认，亦未注明拒签情况。"]),
        ("区生态环境分局", ["采样时未按规定拍照留存，证据链不完整。"]),
    ]
    sources = ["案卷评查", "投诉举报", "法治督察", "执法监督检查"]
    for short, records in conduct:
        officer = pick(short)
        for i, text in enumerate(records):
            services.conduct_record(actor=agency, officer=officer, occurred_on=days_ago(200 - 90 * i - rng.randint(0, 20)),
                                    description=text, source=rng.choice(sources))

    # --- annual assessments of last year, suspensions, returns, revocations -------------------------------
    special = {suspended_waiting.pk: rules.INCOMPETENT, returned.pk: rules.INCOMPETENT}
    for o in [o for o in certified if o.pk not in (xu.pk, twice.pk)]:
        grade = special.get(o.pk) or rng.choices(
            [rules.EXCELLENT, rules.COMPETENT, rules.BASICALLY_COMPETENT], weights=[15, 81, 4])[0]
        services.assessment_record(actor=agency, officer=o, year=last, grade=grade, decided_on=decided)
    services.assessment_record(actor=agency, officer=xu, year=last, grade=rules.EXCELLENT, decided_on=decided)
    # the suspended officer has begun training but has not yet passed an exam
    refresher = services.training_session_create(actor=agency, unit=agency_unit, title="暂扣执法证人员专题培训",
                                                 method="statute_study", held_on=min(today, decided + timedelta(days=30)), hours=2)
    services.training_attendance_record(actor=agency, session=refresher, entries=[
        services.AttendanceEntry(suspended_waiting), services.AttendanceEntry(returned)])
    second = services.training_session_create(actor=agency, unit=agency_unit, title="暂扣执法证人员专题培训（二）",
                                              method="case_study", held_on=min(today, decided + timedelta(days=37)), hours=3)
    services.training_attendance_record(actor=agency, session=second, entries=[services.AttendanceEntry(returned)])
    return_exam = services.closed_book_test_create(actor=agency, title="暂扣执法证人员发还考试",
                                                   held_on=min(today, decided + timedelta(days=45)))
    services.closed_book_test_record_results(actor=agency, test=return_exam,
                                             entries=[services.ScoreEntry(returned, 84)])  # → returned automatically
    try:
        services.assessment_record(actor=agency, officer=twice, year=last - 1, grade=rules.INCOMPETENT,
                                   decided_on=date(last, 1, 16), note="年度执法案件差错率高")
        services.assessment_record(actor=agency, officer=twice, year=last, grade=rules.INCOMPETENT, decided_on=decided)
        brutal = pick("区城管局")
        services.officer_revoke(actor=agency, officer=brutal, trigger=rules.TRIGGER_BRUTAL, effective_on=days_ago(40),
                                reason="在查处流动摊贩时推搡、辱骂当事人，造成恶劣社会影响，经区行政执法监督机构调查属实（华司执监调〔"
                                       f"{today.year}〕3号）。")
        services.officer_change_post(actor=users["scjg_legal"], officer=twice, post="办公室科员", is_enforcement_post=False,
                                     started_on=min(today, decided + timedelta(days=10)), reason="收回执法证后调离执法岗位")
    except CalendarYearMissing as exc:  # a demo loaded in a year the calendar does not know yet
        ctx.stdout.write(f"   （跳过需工作日期限的演示记录：{exc.message}）")

    # --- the district closed-book test, notice and retakes ----------------------------------------------
    test_day = days_ago(75)
    test = services.closed_book_test_create(actor=agency, title=f"{today.year}年度全区行政执法人员执法能力闭卷测试",
                                            held_on=test_day)
    takers = [o for o in certified if o.pk not in used]
    rng.shuffle(takers)
    takers = takers[:60]
    failing = takers[:7]
    entries = [services.ScoreEntry(o, rng.randint(35, 58) if o in failing else rng.randint(61, 98)) for o in takers]
    entries.append(services.ScoreEntry(xu, 88))
    services.closed_book_test_record_results(actor=agency, test=test, entries=entries)
    services.closed_book_test_publish_notice(actor=agency, test=test)
    retake_day, second_day = test_day + timedelta(days=21), test_day + timedelta(days=49)
    for i, officer in enumerate(failing[:6]):
        used.add(officer.pk)
        passed = i < 4
        services.closed_book_test_record_retake(actor=agency, test=test, officer=officer, taken_on=retake_day,
                                                score=rng.randint(62, 85) if passed else rng.randint(40, 55))
    # one of the two failed retakes passes the next retake: the certificate comes back by the rule
    services.closed_book_test_record_retake(actor=agency, test=test, officer=failing[4], taken_on=second_day, score=72)
    used.add(failing[6].pk)  # failing[6] still owes a retake; failing[5] stays suspended until a retake passes

    # --- clue referrals to discipline inspection -----------------------------------------------------------
    try:
        jw = users["jw_liaison"]
        r1 = services.referral_create(actor=agency, officer=pick("区自然资源规划局"), referred_on=days_ago(90),
                                      facts="群众实名举报该同志在违法用地查处中收受当事人财物、降低处罚标准，附举报信及转账截图复印件。")
        services.referral_receive(actor=jw, referral=r1, received_on=days_ago(87), note="已登记，转案件监督管理室")
        services.referral_conclude(actor=jw, referral=r1, outcome="sanctioned", concluded_on=days_ago(20),
                                   outcome_note="经查属实，给予政务记过处分（华监处〔%d〕7号）。" % today.year)
        r2 = services.referral_create(actor=agency, officer=pick("区卫健局"), referred_on=days_ago(30),
                                      facts="案卷评查发现该同志经办的3件处罚案件均在立案前已作出处罚决定，涉嫌徇私枉法。")
        services.referral_receive(actor=jw, referral=r2, received_on=days_ago(26))
        services.referral_create(actor=agency, officer=pick("区应急局"), referred_on=days_ago(14),
                                 facts="投诉反映该同志在安全生产检查中多次接受企业宴请，有照片及证人证言。")
    except CalendarYearMissing as exc:
        ctx.stdout.write(f"   （跳过需工作日期限的演示记录：{exc.message}）")
    ctx["personnel_counts"] = {"officers": Officer.objects.count(), "certified": len(certified)}
