"""华容区 demo, enforcement cases part (R-CAS-1…10, R-PUB-1/4): about three hundred cases of the
district's units at every stage, through the case services so the audit chain and the numbered
documents are real.

- 区市场监管局, 区城管局, 华容镇 and 葛店镇 (units with a legal officer's account) carry the
  general-procedure penalties and the coercive measures, which need a written legal review: filed,
  investigating, paused for testing, notified, at a hearing, awaiting review, reviewed, decided,
  served, executing, closed, terminated; review opinions that send a case back; a fine outside its
  benchmark tier (flagged); a major decision with its post-evaluation; decisions disclosed on
  time, late (flagged) and not at all (flagged by the sweep); a reconsideration and a lawsuit,
  one of them correcting a decision whose disclosure is then withdrawn.
- Every unit with published items has simple-procedure penalties; 区交通运输局 and 区生态环境分局
  add licensing and inspections, so statistics and the case-file review have several units per kind.
- The first decided penalty cases of 区市场监管局 are product-quality cases: the linkage demo that
  follows transfers them to the police (it needs at least nine).
- scjg_officer (徐明) has open cases with deadlines at several stages, one of them overdue.
- An officer whose certificate was revoked mid-case, and an evidence file altered on disk after
  registration, are found by the sweep / checksum verification and flagged.

Dates run backwards from ``ctx.today``; a working-day deadline reaching a year the calendar lacks
is stored without a date (the services say so), and steps that would need one are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile

from jiandu.cases import contracts, rules, services, sweeps
from jiandu.cases.models import Case, CaseDeadline, Challenge, Disclosure, Evidence, LegalReview
from jiandu.core import holidays
from jiandu.core.errors import DomainError
from jiandu.core.workdays import CalendarYearMissing
from jiandu.organization.demo import person_name
from jiandu.personnel import rules as personnel_rules
from jiandu.personnel.models import Officer
from jiandu.personnel.selectors import officers_certified_on
from jiandu.standards.rules.penalty import Tier
from jiandu.standards.selectors import published_benchmark, tier_values

LEGAL = {"区市场监管局": "scjg_legal", "区城管局": "cgj_legal", "华容镇": "hrz_legal", "葛店镇": "gdz_legal"}
# Parties by the kind of matter (a keyword of the item's name), so a food case is against a food business.
PARTIES = [
    (("食品", "明码标价", "卫生"), ["鑫源副食商行", "佳佳乐超市", "福满楼酒家", "美味卤菜坊", "老街烧烤店", "好邻居便利店",
                                "利民粮油店", "香满园餐馆", "惠民生鲜超市", "一品香面馆"]),
    (("广告", "宣传"), ["新时代广告有限公司", "康宁大药房", "美丽人生美容院", "宏达商贸有限公司", "金桥装饰工程有限公司"]),
    (("产品", "商标"), ["万家电器商行", "恒通电料经营部", "红星五金店", "安达劳保用品店", "顺达车行", "丰收农资店"]),
    (("变更登记",), ["宏达商贸有限公司", "楚天物流有限公司", "金桥装饰工程有限公司", "绿源农业专业合作社"]),
    (("排放", "污染", "废物", "环境", "排污"), ["华兴汽修厂", "宏运砂石场", "鄂东建材有限公司", "蓝天洗涤服务部", "长江化工有限公司"]),
    (("公路", "道路运输", "车辆", "客运", "货物运输"), ["楚天物流有限公司", "顺丰达货运有限公司", "华容客运有限公司", "宏运砂石场"]),
    (("建设", "搭建", "建筑", "拆除", "施工", "道路", "排水", "垃圾"), ["鄂东建筑工程有限公司", "金桥装饰工程有限公司", "恒丰建材经营部",
                                                               "宏运砂石场", "福满楼酒家"]),
]
SHOPS = ["鑫源副食商行", "佳佳乐超市", "万家电器商行", "红星五金店", "宏达商贸有限公司", "好邻居便利店", "华兴汽修厂"]
# Items whose party is, in practice, an individual (an unlicensed stall, a passer-by, a driver…).
PERSON_ITEMS = ("未经设立登记", "乱扔", "占道经营", "涂写", "殴打", "滥伐", "村庄")
PLACES = ["华容区", "鄂州市华容区", "华容镇", "葛店镇", "庙岭镇", "段店镇", "临江乡", "蒲团乡"]
VILLAGES = ["红莲村", "龙王村", "三山村", "何湾村", "新庙村", "刘家院村", "涂家垴村", "蒲团村"]
# The linkage demo's transfers are for product-quality offences: the first decided penalties of 区市场监管局.
PRODUCT_CASES = [
    ("华容区万家电器商行", "销售不合格插座、插线板", 46000), ("华容区恒通电料经营部", "销售不合格电线电缆", 86000),
    ("鄂州市华容区安达劳保用品店", "销售不合格安全帽", 62000), ("葛店镇兴旺烟酒商行", "销售假冒白酒", 120000),
    ("华容镇美味卤菜坊", "销售不合格卤制品", 58000), ("段店镇丰收农资店", "销售掺杂掺假化肥", 75000),
    ("庙岭镇便民超市", "销售伪劣香烟", 35000), ("临江乡顺达车行", "销售不合格电动车头盔", 52000),
    ("蒲团乡利民粮油店", "销售不合格食用植物油", 41000), ("华容区红星五金店", "销售不合格电热水壶", 28000),
]
EVIDENCE = [("document", "现场检查笔录", ".pdf"), ("photo", "现场照片", ".jpg"), ("document", "询问笔录", ".pdf"),
            ("video", "执法记录仪视频", ".mp4"), ("document", "抽样检验报告", ".pdf"), ("audio", "询问录音", ".mp3")]


@dataclass
class Plan:
    """One case's story: what it is and how far it has come."""

    unit: str
    kind: str
    code: str
    stage: str  # filed/investigating/paused/notified/hearing/review/reviewed/decided/served/executing/closed/terminated
    procedure: str = "general"
    age: int | None = None  # days since filing (else chosen from the stage)
    officers: int = 2
    xu: bool = False  # 徐明 is the lead officer
    person: bool = False
    party: str = ""
    title: str = ""
    goods_value: int | None = None
    circumstance: str = ""
    fine: int | None = None  # proposed fine (else one inside the benchmark tier)
    outside_benchmark: bool = False
    send_back: bool = False  # the first review opinion returns the case
    is_major: bool = False
    waive_hearing: bool = True
    disclosure: str = "on_time"  # on_time / late / missing
    challenge: str = ""  # reconsideration_upheld / reconsideration_revoked / litigation_pending
    evaluate: bool = False
    pause: str = ""  # open / closed
    extend: bool = False
    late_payment: bool = False
    outcome: str = ""
    extra: dict = field(default_factory=dict)


class Builder:
    def __init__(self, ctx):
        self.ctx, self.rng, self.today = ctx, ctx.random, ctx.today
        self.users = ctx["users"]
        self.agency = ctx["agency_user"]
        self.xu = Officer.objects.get(user=self.users["scjg_officer"])
        self.items: dict[str, dict[str, object]] = {}
        self.officers: dict[str, list[Officer]] = {}
        self.calendar = holidays.load_calendar()
        self.ids: set[str] = set()
        self.skipped = 0

    # --- people and things ---------------------------------------------------------------------------

    def manager(self, unit: str):
        return self.users[LEGAL[unit]] if unit in LEGAL else self.agency

    def item(self, unit: str, code: str):
        if unit not in self.items:
            self.items[unit] = {i.code: i for i in contracts.published_items(self.ctx.unit(unit)).select_related("item_list")}
        return self.items[unit].get(code)

    def items_of(self, unit: str, kind: str) -> list:
        self.item(unit, "")
        return [i for code, i in sorted(self.items[unit].items()) if i.kind == kind]

    def steady_officers(self, units: list[str], since: date) -> None:
        """Officers of each unit holding a valid certificate on every fortnight from ``since`` to
        today: any of them can act on any step of a case filed in that period."""
        pool = list(Officer.objects.filter(unit__in=[self.ctx.unit(u) for u in units], category=Officer.Category.OFFICER,
                                           status=Officer.Status.ACTIVE).exclude(pk=self.xu.pk).order_by("id"))
        ok = {o.pk for o in pool}
        d = since
        while ok and d <= self.today:
            ok &= {oid for oid, why in officers_certified_on(list(ok), d).items() if not why}
            d = min(self.today, d + timedelta(days=14)) if d < self.today else self.today + timedelta(days=1)
        for u in units:
            unit = self.ctx.unit(u)
            self.officers[u] = [o for o in pool if o.pk in ok and o.unit_id == unit.pk]

    def party(self, plan: Plan) -> dict:
        rng = self.rng
        if plan.person:
            name = plan.party or person_name(rng)
            while True:
                born = date(1960, 1, 1) + timedelta(days=rng.randint(0, 365 * 40))
                first17 = f"420703{born:%Y%m%d}{rng.randint(0, 999):03d}"
                number = first17 + personnel_rules.id_check_char(first17)
                if number not in self.ids:
                    self.ids.add(number)
                    break
            return {"kind": "person", "name": name, "id_number": number,
                    "phone": f"1{rng.choice('3578')}{rng.randint(100000000, 999999999)}",
                    "address": f"湖北省鄂州市华容区{rng.choice(PLACES[2:])}{rng.choice(VILLAGES)}{rng.randint(1, 12)}组{rng.randint(1, 60)}号"}
        pool = next((names for words, names in PARTIES if any(w in plan.extra.get("item_name", "") for w in words)), SHOPS)
        name = plan.party or f"{rng.choice(PLACES)}{rng.choice(pool)}"
        code = "92420703" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(10))
        return {"kind": "organisation", "name": name, "id_number": code,
                "phone": f"0711-{rng.randint(5000000, 5999999)}", "legal_representative": person_name(rng),
                "address": f"湖北省鄂州市华容区{rng.choice(PLACES[2:])}{rng.choice(['建设路', '人民路', '华容大道', '新民街'])}{rng.randint(1, 300)}号"}

    @staticmethod
    def title_of(item, party_name: str, plan: Plan) -> str:
        if plan.title:
            return f"{party_name}{plan.title}案" if item.kind == "penalty" else plan.title
        core = item.name.removeprefix("对").removesuffix("的处罚").removesuffix("的处理")
        if item.kind == "penalty":
            return f"{party_name}{core}案"
        if item.kind == "coercion":
            return f"{core.split('、')[0]}{party_name}涉案财物" if "扣" in core else f"{core}（{party_name}）"
        if item.kind == "licensing":
            return f"{party_name}{item.name}申请"
        return f"{party_name}{item.name}"

    def benchmark_choice(self, plan: Plan, item, unit: str) -> tuple[str, Decimal | None, list[str]]:
        """(circumstance, fine, penalties) inside a tier of the item's published benchmark, or a
        plausible proposal where there is none (outside the tier when the plan says so)."""
        rng = self.rng
        if plan.procedure == "simple":  # art. 51: a warning, or up to 200 yuan (person) / 3,000 yuan (organisation)
            if plan.fine or rng.random() < 0.7:
                fine = plan.fine or rng.choice([50, 100, 200] if plan.person else [500, 1000, 2000, 3000])
                return "", Decimal(min(fine, 200 if plan.person else 3000)), ["fine"]
            return "", None, ["warning"]
        bm = published_benchmark(self.ctx.unit(unit), item.code)
        tiers = [Tier.of(tier_values(t)) for t in bm.tiers.all()] if bm else []
        if not tiers:
            fine = plan.fine or rng.choice([200, 500, 1000, 2000] if plan.person else [3000, 5000, 8000, 10000, 20000, 30000])
            return plan.circumstance, Decimal(fine), ["fine"]
        usable = [t for t in tiers if t.fine_mode != "none" or t.other_penalties]
        tier = next((t for t in usable if t.label == plan.circumstance), None) or rng.choice(usable)
        allowed = set(tier.other_penalties)
        extra = [code for code, label in (("warning", "警告"), ("confiscate_gain", "没收违法所得")) if label in allowed]
        if tier.fine_mode == "none":
            return tier.label, None, extra[:1]
        if tier.fine_mode == "fixed":
            lo, hi = tier.min_value or Decimal(0), tier.max_value or (tier.min_value or Decimal(2500)) * 2
        else:
            base = Decimal(plan.goods_value or 0)
            lo, hi = (tier.min_value or 1) * base, (tier.max_value or (tier.min_value or 1) * 2) * base
        step = Decimal(1000) if hi >= 20000 else Decimal(100) if hi >= 1000 else Decimal(10)
        fine = ((lo + (hi - lo) * Decimal(rng.randint(25, 75)) / 100) / step).quantize(Decimal(1)) * step
        if plan.outside_benchmark:
            fine = (hi * Decimal("1.5") / step).quantize(Decimal(1)) * step
        elif plan.fine:
            fine = Decimal(plan.fine)
        return tier.label, fine, ["fine"] + [p for p in extra if p != "warning" and rng.random() < 0.5]

    # --- the walk ---------------------------------------------------------------------------------------

    def schedule(self, plan: Plan) -> list[tuple[str, int]]:
        """(action, day offset from filing) up to the plan's stage."""
        rng = self.rng
        if plan.procedure == "simple":
            full = [("notify", 0), ("decide", 0), ("serve", 0), ("close", rng.randint(0, 10))]
            upto = {"notified": 1, "decided": 2, "served": 3, "closed": 4}
            return full[:upto[plan.stage]]
        if plan.kind == "inspection":
            full = [("inspect", rng.randint(0, 3)), ("decide", rng.randint(6, 20)), ("close", rng.randint(21, 30))]
            return full[:{"filed": 0, "inspecting": 1, "decided": 2, "closed": 3}[plan.stage]]
        if plan.kind == "licensing":
            full = [("examine", 1), ("decide", rng.randint(8, 18)), ("serve", 20), ("close", 22)]
            return full[:{"filed": 0, "examining": 1, "decided": 2, "served": 3, "closed": 4}[plan.stage]]
        first = "investigate"
        notify = rng.randint(14, 30)
        steps = [(first, 1)]
        if plan.pause:
            steps.append(("pause", 5))
            if plan.pause == "closed":
                steps.append(("pause_end", 12))
        if plan.kind == "penalty":
            steps.append(("notify", notify))
            if plan.stage == "hearing" or plan.extra.get("hearing"):
                steps.append(("request_hearing", notify + 2))
                notify += 16
        if plan.send_back:
            steps += [("submit_review", notify + 2), ("review_revise", notify + 4)]
            if plan.kind == "penalty":
                steps.append(("notify", notify + 12))
            notify += 12
        steps += [("submit_review", notify + 3), ("review", notify + 5), ("decide", notify + 9), ("serve", notify + 11)]
        if plan.kind == "coercion":
            steps += [("execute", notify + 12), ("close", notify + 12 + rng.randint(10, 25))]
        else:
            steps += [("execute", notify + 30), ("close", notify + rng.randint(25, 40))]
        cut = {"filed": 0, "investigating": 1, "paused": 2, "notified": None, "hearing": None, "review": "submit_review",
               "reviewed": "review", "decided": "decide", "served": "serve", "executing": "execute", "closed": "close"}
        if plan.stage in ("filed", "investigating"):
            return steps[:cut[plan.stage]] + ([("extend", 80)] if plan.extend else [])
        if plan.stage == "paused":
            return [s for s in steps if s[0] in (first, "pause", "pause_end")]
        if plan.stage == "notified":
            return steps[:[a for a, _ in steps].index("notify") + 1]
        if plan.stage == "hearing":
            return steps[:[a for a, _ in steps].index("request_hearing") + 1]
        if plan.stage == "terminated":
            return steps[:1] + [("terminate", 20)]
        names = [a for a, _ in steps]
        target = cut[plan.stage]
        end = len(names) - 1 - names[::-1].index(target)
        result = steps[:end + 1]
        if plan.stage == "closed" and plan.kind == "penalty" and "execute" in names:
            result = [s for s in result if s[0] != "execute"]  # paid in time: no enforcement needed
        return result

    AGES = {"filed": (0, 4), "investigating": (8, 60), "inspecting": (3, 20), "examining": (3, 15), "paused": (30, 60),
            "notified": (20, 45), "hearing": (25, 40), "review": (22, 45), "reviewed": (25, 50), "decided": (0, 0),
            "served": (0, 0), "executing": (0, 0), "closed": (0, 0), "terminated": (25, 200)}

    def dates(self, plan: Plan, steps: list[tuple[str, int]]) -> tuple[date, list[tuple[str, date]]]:
        rng, today = self.rng, self.today
        last = max([o for _, o in steps], default=0)
        if plan.age is not None:
            age = plan.age
        else:
            lo, hi = self.AGES.get(plan.stage, (0, 0))
            if plan.stage in ("decided",):
                age = last + rng.randint(0, 3)
            elif plan.stage == "served":
                age = last + rng.randint(1, 8)
            elif plan.stage in ("executing",):
                age = last + rng.randint(5, 20)
            elif plan.stage == "closed":
                age = last + rng.randint(3, 250)
            else:
                age = max(last, rng.randint(lo, hi))
        filed = today - timedelta(days=age)
        if filed.weekday() > 4 and age >= 2:
            filed -= timedelta(days=filed.weekday() - 4)
        scale = min(1.0, (today - filed).days / last) if last else 1.0
        out = []
        prev = filed
        for action, offset in steps:
            d = max(prev, min(today, filed + timedelta(days=round(offset * scale))))
            out.append((action, d))
            prev = d
        return filed, out

    def evidence(self, case: Case, actor, on: date, n: int) -> None:
        for kind, label, ext in self.rng.sample(EVIDENCE, n):
            content = f"{label}\n{case.number}\n{case.title}\n{on:%Y-%m-%d}\n{self.rng.random()}\n".encode()
            services.evidence_add(actor=actor, case=case, kind=kind, title=label, collected_on=on,
                                  upload=ContentFile(content, name=f"{label}{ext}"))

    def build(self, plan: Plan) -> Case | None:
        rng = self.rng
        unit = self.ctx.unit(plan.unit)
        item = self.item(plan.unit, plan.code)
        if item is None:
            return None
        manager = self.manager(plan.unit)
        steps = self.schedule(plan)
        filed, dated = self.dates(plan, steps)
        pool = self.officers.get(plan.unit) or []
        team = ([self.xu] if plan.xu else []) + rng.sample(pool, min(len(pool), plan.officers - (1 if plan.xu else 0)))
        if len(team) < (1 if plan.procedure == "simple" else 2):
            return None
        plan.extra["item_name"] = item.name
        plan.person = plan.person or (any(w in item.name for w in PERSON_ITEMS) and plan.kind == "penalty")
        party = self.party(plan)
        short = party["name"] if plan.person else party["name"].removeprefix("鄂州市")
        facts = self.facts(plan, item, party)
        case = services.case_create(
            actor=manager, unit=unit, kind=plan.kind, item=item, procedure=plan.procedure, title=self.title_of(item, short, plan),
            party=party, filed_on=filed, officer_ids=[o.pk for o in team], lead_officer_id=team[0].pk, is_major=plan.is_major,
            facts=facts, violation_ended_on=filed - timedelta(days=rng.randint(3, 60)) if plan.kind == "penalty" else None,
            discovered_on=filed - timedelta(days=rng.randint(0, 2)) if plan.kind == "penalty" else None)
        if plan.goods_value:
            # The goods value is a figure of the investigation that no case service records yet; the
            # benchmark tiers counted in multiples of it (and the linkage risk rules) read it.
            Case.objects.filter(pk=case.pk).update(goods_value=Decimal(plan.goods_value))
            case.goods_value = Decimal(plan.goods_value)
        recorder = self.users["scjg_officer"] if plan.xu else manager
        circumstance, fine, penalties = (self.benchmark_choice(plan, item, plan.unit) if plan.kind == "penalty"
                                         else ("", None, []))
        try:
            for action, on in dated:
                case = self.act(case, plan, action, on, manager, recorder, circumstance, fine, penalties)
        except CalendarYearMissing:
            self.skipped += 1  # a working-day period reaching a year the calendar does not know yet
        return case

    def facts(self, plan: Plan, item, party: dict) -> str:
        who = party["name"]
        if plan.kind == "penalty":
            where = party.get("address", "")
            extra = f"，货值金额{plan.goods_value:,}元" if plan.goods_value else ""
            core = plan.title or item.name.removeprefix("对").removesuffix("的处罚")
            tail = f"当事人{who}（住址：{where}，联系电话{party['phone']}）" if plan.person else f"当事人{who}"
            return f"经查，{tail}存在{core}的行为{extra}。以上事实有现场检查笔录、询问笔录、现场照片等证据证实。"
        if plan.kind == "coercion":
            return f"{who}涉嫌违法，为防止证据损毁、避免危害发生，拟依法采取行政强制措施。"
        if plan.kind == "licensing":
            return f"申请人{who}申请办理{item.name}，提交了申请书及相关材料。"
        return f"依据年度监督检查计划，对{who}开展{item.name}。"

    def act(self, case: Case, plan: Plan, action: str, on: date, manager, recorder, circumstance, fine, penalties) -> Case:
        rng = self.rng
        legal = manager
        if action == "pause":
            services.case_pause_start(actor=recorder, case=case, reason=rng.choice(["testing", "appraisal"]), started_on=on,
                                      note="送检样品，等待检验结果")
            return case
        if action == "pause_end":
            pause = case.pauses.filter(ended_on__isnull=True).first()
            services.case_pause_end(actor=recorder, pause=pause, ended_on=on)
            return case
        if action in ("review", "review_revise"):
            review = case.legal_reviews.get(status=LegalReview.Status.PENDING)
            if action == "review_revise":
                services.legal_review_record(actor=legal, review=review, conclusion="revise", reviewed_on=on,
                                             opinion="证据不足：缺少当事人进货凭证及销售记录，违法所得计算依据不充分，请补充调查后重新送审。")
            else:
                opinion = ("经审核，本案主体适格，事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意作出决定。"
                           if not plan.outside_benchmark else
                           "经审核，拟罚款金额超出本单位裁量基准对应情形的幅度，但当事人拒不改正、情节恶劣，经集体讨论同意从重处罚，"
                           "请在决定书中载明理由。")
                services.legal_review_record(actor=legal, review=review, conclusion="approved", reviewed_on=on, opinion=opinion)
            return case
        fields: dict = {}
        actor = recorder
        if action == "investigate" or action == "inspect" or action == "examine":
            case = services.case_step(actor=actor, case=case, action=action, occurred_on=on, note="")
            if plan.procedure == "general" and plan.kind != "licensing":
                self.evidence(case, actor, on, 2 if plan.xu else 1)
            return case
        if action == "notify":
            fields = {"hearing_rights_notified": plan.kind == "penalty" and plan.procedure == "general"}
            fields["hearing_waived"] = plan.waive_hearing and plan.stage != "hearing" and not plan.extra.get("hearing")
        elif action == "request_hearing":
            notice = on + timedelta(days=1)
            fields = {"hearing_notice_on": notice, "hearing_on": self.calendar.add_working_days(notice, 8),
                      "chair": "法制股 " + person_name(rng)}
        elif action == "submit_review":
            fields = {"submission_note": "案件调查终结，拟作出决定，提请法制审核。"}
            if case.status == Case.Status.HEARING:
                held = case.steps.filter(action="request_hearing").values_list("data", flat=True).first() or {}
                fields["hearing_held_on"] = min(date.fromisoformat(held["hearing_on"]), on) if held.get("hearing_on") else on
            if case.kind == "penalty":
                fields.update(proposed_penalties=penalties, proposed_fine=fine, circumstance=circumstance)
        elif action == "decide":
            actor = manager if plan.kind in ("licensing",) else recorder
            fields = self.decision(case, plan, fine, penalties)
            window = case.deadlines.filter(kind=CaseDeadline.Kind.HEARING_REQUEST, status=CaseDeadline.Status.OPEN).first()
            if window and window.due_on and on <= window.due_on:
                on = min(self.today, window.due_on + timedelta(days=1))
                if on <= window.due_on:
                    return case
        elif action == "serve":
            fields = {"method": "当场交付" if plan.procedure == "simple" else rng.choice(["直接送达", "直接送达", "邮寄送达", "留置送达"])}
        elif action == "close":
            payment = case.deadlines.filter(kind=CaseDeadline.Kind.PAYMENT).first()
            if payment is not None and payment.due_on:
                paid = payment.due_on + timedelta(days=6) if plan.late_payment else min(on, payment.due_on)
                fields["paid_on"] = min(paid, self.today)
                on = max(on, fields["paid_on"])
            actor = manager
        elif action == "extend":
            fields = {"approval": "经本机关负责人批准（审批表编号：" + f"{on:%Y%m%d}-{rng.randint(10, 99)}）"}
            actor = manager
        elif action == "terminate":
            fields = {"reason": rng.choice(["经调查，违法事实不能成立，撤销立案。", "当事人已死亡且无其他当事人，终止调查。",
                                            "申请人书面申请撤回，终止审查。" if plan.kind == "licensing" else "违法行为已过追责期限，不予立案处罚，终止调查。"])}
            actor = manager
        elif action == "execute":
            fields = {}
        case = services.case_step(actor=actor, case=case, action=action, occurred_on=on, note=self.note(action, plan), **fields)
        if action == "decide":
            self.after_decision(case, plan, on, manager)
        return case

    @staticmethod
    def note(action: str, plan: Plan) -> str:
        if action == "decide" and plan.is_major:
            return "本案属重大执法决定，经法制审核后提交局长办公会议集体讨论决定。"
        return {"execute": "当事人逾期未履行，依法申请人民法院强制执行。" if plan.kind == "penalty" else "",
                "close": "案件已执行完毕，归档结案。"}.get(action, "")

    def decision(self, case: Case, plan: Plan, fine, penalties) -> dict:
        kind = case.kind
        if kind == "penalty":
            review = case.legal_reviews.filter(status=LegalReview.Status.DONE).order_by("-id").first()
            if plan.outcome == "no_penalty":
                return {"outcome": "no_penalty", "decision_text": "违法行为轻微并及时改正，没有造成危害后果，决定不予行政处罚。"}
            if review is not None:
                fine, penalties = review.proposed_fine, review.proposed_penalties
            penalties = penalties or ["warning"]
            parts = [f"罚款人民币{fine:,.2f}元" if p == "fine" else rules.PENALTY_LABELS[p] for p in penalties]
            text = "对当事人作出如下行政处罚：" + "；".join(f"{i}. {p}" for i, p in enumerate(parts, start=1)) + "。"
            return {"outcome": "penalized", "penalties": penalties, "fine_amount": fine, "decision_text": text}
        if kind == "coercion":
            return {"outcome": "coercion_applied", "decision_text": "依法对涉案财物采取查封、扣押措施，期限三十日。"}
        if kind == "licensing":
            return {"outcome": plan.outcome or "licensed"}
        return {"outcome": plan.outcome or self.rng.choice(["no_violation", "no_violation", "rectification_ordered"])}

    def after_decision(self, case: Case, plan: Plan, on: date, manager) -> None:
        rng, today = self.rng, self.today
        disclosure = Disclosure.objects.filter(case=case, status=Disclosure.Status.PENDING).first()
        if disclosure is not None and plan.disclosure != "missing":
            when = on + timedelta(days=rng.randint(1, 4) if plan.disclosure == "on_time" else rng.randint(14, 18))
            if when <= today:
                disclosure = services.disclosure_publish(actor=manager, disclosure=disclosure, published_on=when)
        if plan.challenge:
            self.challenge(case, plan, on, manager)
        if plan.evaluate and case.is_major:
            evaluation = case.post_evaluation
            when = min(today, on + timedelta(days=150))
            services.post_evaluation_record(actor=manager, evaluation=evaluation, rating="good", evaluated_on=when,
                                            opinion="决定执行到位，违法建设已全部拆除，周边群众反映良好；程序规范，未引发复议诉讼。")

    def challenge(self, case: Case, plan: Plan, on: date, manager) -> None:
        today = self.today
        kind = "litigation" if plan.challenge.startswith("litigation") else "reconsideration"
        body = "华容区人民法院" if kind == "litigation" else "华容区人民政府"
        filed = min(today, on + timedelta(days=20))
        challenge = services.challenge_record(actor=manager, case=case, kind=kind, body=body, filed_on=filed,
                                              reference=f"（{filed.year}）鄂0703行{'初' if kind == 'litigation' else '复'}{self.rng.randint(10, 99)}号",
                                              note="当事人认为处罚明显不当。")
        if plan.challenge.endswith("pending"):
            return
        outcome = Challenge.Outcome.REVOKED if plan.challenge.endswith("revoked") else Challenge.Outcome.UPHELD
        decided = min(today, filed + timedelta(days=45))
        services.challenge_decide(actor=manager, challenge=challenge, outcome=outcome, decided_on=decided,
                                  note="复议机关认为认定事实不清，撤销原处罚决定。" if outcome == Challenge.Outcome.REVOKED else "")
        published = Disclosure.objects.filter(case=case, status=Disclosure.Status.PUBLISHED).first()
        if outcome == Challenge.Outcome.REVOKED and published is not None and decided + timedelta(days=2) <= today:
            services.disclosure_withdraw(actor=manager, disclosure=published, withdrawn_on=decided + timedelta(days=2),
                                         reason="该处罚决定已被华容区人民政府行政复议决定撤销，依法撤回公示。")


def _plans(rng) -> list[Plan]:
    plans: list[Plan] = []
    add = plans.append
    # 区市场监管局 — first the product-quality penalties the linkage demo builds on (decided, by id).
    for i, (party, title, value) in enumerate(PRODUCT_CASES[:9]):
        add(Plan("区市场监管局", "penalty", "SCJG-CF-007", "executing" if i % 3 == 2 else "closed", party=party, title=title,
                 goods_value=value, circumstance="一般", age=70 + 9 * (9 - i)))
    # 徐明's own cases: open at every stage, with deadlines (one due soon, one overdue); a few finished.
    for stage, code, extra in [("filed", "SCJG-CF-003", {}), ("investigating", "SCJG-CF-001", {}),
                               ("investigating", "SCJG-CF-004", {"age": 87}), ("investigating", "SCJG-CF-011", {"age": 97}),
                               ("notified", "SCJG-CF-009", {}),
                               ("review", "SCJG-CF-004", {"outside_benchmark": True, "circumstance": "一般"}),
                               ("reviewed", "SCJG-CF-010", {}), ("decided", "SCJG-CF-003", {}),
                               ("served", "SCJG-CF-001", {}), ("paused", "SCJG-CF-002", {"pause": "open", "goods_value": 8000}),
                               ("closed", "SCJG-CF-003", {"send_back": True})]:
        add(Plan("区市场监管局", "penalty", code, stage, xu=True, **extra))
    add(Plan("区市场监管局", "inspection", "SCJG-JC-001", "inspecting", xu=True, age=12))
    add(Plan("区市场监管局", "coercion", "SCJG-QZ-001", "executing", xu=True, age=40))
    # Other officers of 区市场监管局.
    add(Plan("区市场监管局", "penalty", "SCJG-CF-009", "notified", person=True))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-009", "hearing", waive_hearing=False, person=True))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-008", "closed", circumstance="一般", is_major=True, challenge="litigation_pending"))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-004", "closed", outside_benchmark=True, circumstance="一般",
             challenge="reconsideration_upheld", age=160))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-001", "closed", challenge="reconsideration_revoked", age=120))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-003", "closed", disclosure="late", age=70, person=True))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-011", "closed", disclosure="missing", age=80))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-010", "closed", outcome="no_penalty"))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-001", "investigating", age=110, extend=True))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-006", "terminated"))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-004", "closed", person=True))
    for stage, code in (("closed", "SCJG-QZ-001"), ("review", "SCJG-QZ-002")):
        add(Plan("区市场监管局", "coercion", code, stage))
    for stage in ("closed", "closed", "served", "examining"):
        add(Plan("区市场监管局", "licensing", "SCJG-XK-001", stage))
    for stage, code in (("closed", "SCJG-JC-001"), ("closed", "SCJG-JC-002"), ("inspecting", "SCJG-JC-002")):
        add(Plan("区市场监管局", "inspection", code, stage))
    add(Plan("区市场监管局", "penalty", "SCJG-CF-009", "closed", procedure="simple", officers=2))

    # 区城管局
    for i, stage in enumerate(["filed", "investigating", "notified", "hearing", "review", "reviewed", "decided", "served",
                               "executing", "closed", "closed", "terminated", "paused"]):
        code = ["CGJ-CF-003", "CGJ-CF-005", "CGJ-CF-004", "CGJ-CF-006", "CGJ-CF-007"][i % 5]
        add(Plan("区城管局", "penalty", code, stage, person=i % 3 == 0, waive_hearing=stage != "hearing",
                 pause="open" if stage == "paused" else ("closed" if i == 10 else "")))
    add(Plan("区城管局", "penalty", "CGJ-CF-005", "review", outside_benchmark=True, circumstance="一般"))
    add(Plan("区城管局", "penalty", "CGJ-CF-003", "closed", send_back=True, extra={"hearing": True}, waive_hearing=False))
    add(Plan("区城管局", "penalty", "CGJ-CF-005", "closed", disclosure="late", age=90))
    add(Plan("区城管局", "coercion", "CGJ-QZ-001", "closed", is_major=True, evaluate=True, age=240))
    add(Plan("区城管局", "coercion", "CGJ-QZ-001", "closed", is_major=True, age=120))
    for stage in ("executing", "reviewed"):
        add(Plan("区城管局", "coercion", "CGJ-QZ-002", stage))
    for stage in ("closed", "examining"):
        add(Plan("区城管局", "licensing", "CGJ-XK-001", stage))
    for stage in ("closed", "inspecting"):
        add(Plan("区城管局", "inspection", "CGJ-JC-001", stage))
    add(Plan("区城管局", "penalty", "CGJ-CF-001", "closed", procedure="simple", officers=2, person=True))

    # Townships: 综合行政执法, legal review by their 司法所.
    for town, prefix in (("华容镇", "HRZ"), ("葛店镇", "GDZ")):
        codes = [f"{prefix}-CF-00{n}" for n in (1, 2, 3)]
        for i, stage in enumerate(["filed", "investigating", "review", "reviewed", "decided", "closed", "closed"]):
            add(Plan(town, "penalty", codes[i % 3], stage, person=i % 2 == 0))
        add(Plan(town, "coercion", f"{prefix}-QZ-001", "closed" if town == "葛店镇" else "review"))
        add(Plan(town, "penalty", codes[2], "closed", procedure="simple", officers=1, person=True))
    for i, (town, prefix) in enumerate((("庙岭镇", "MLZ"), ("段店镇", "DDZ"), ("临江乡", "LJX"), ("蒲团乡", "PTX"))):
        if i % 2:
            add(Plan(town, "penalty", f"{prefix}-CF-003", "served", procedure="simple", officers=1, person=True))
        add(Plan(town, "penalty", f"{prefix}-CF-001", "investigating"))

    # 区交通运输局 and 区生态环境分局: licensing, inspections, on-the-spot penalties, investigations.
    for stage in ("closed", "served", "examining"):
        add(Plan("区交通运输局", "licensing", "JTYS-XK-001", stage))
    for stage in ("closed", "inspecting"):
        add(Plan("区交通运输局", "inspection", "JTYS-JC-001", stage))
    add(Plan("区交通运输局", "penalty", "JTYS-CF-001", "closed", procedure="simple", officers=2, fine=1000))
    add(Plan("区交通运输局", "penalty", "JTYS-CF-002", "investigating"))
    for stage in ("closed", "closed", "inspecting"):
        add(Plan("区生态环境分局", "inspection", "STHJ-JC-001", stage))
    add(Plan("区生态环境分局", "penalty", "STHJ-CF-001", "investigating"))
    add(Plan("区生态环境分局", "penalty", "STHJ-CF-002", "paused", pause="open"))
    # Other departments: on-the-spot penalties.
    for unit in ("区应急局", "区自然资源规划局"):
        add(Plan(unit, "penalty", "", "closed", procedure="simple", officers=2))
    return plans


HISTORY_UNITS = ["区市场监管局", "区城管局", "华容镇", "葛店镇", "区交通运输局", "区生态环境分局", "庙岭镇", "段店镇", "临江乡",
                 "蒲团乡", "区农业农村局", "区应急局", "区卫健局", "区住建局", "区自然资源规划局", "区林业局", "区水利局", "区税务局",
                 "区人社局", "区文化旅游局"]


def _history(b: Builder) -> None:
    """R-CAS-10: the units' earlier cases, brought over from the provincial case system in one
    batch (idempotent on its case numbers): finished cases of every kind since last January."""
    rng, today = b.rng, b.today
    start = date(today.year - 1, 1, 5)
    rows = []
    for unit_name in HISTORY_UNITS:
        unit = b.ctx.unit(unit_name)
        items = [i for i in b.items_of(unit_name, "penalty") + b.items_of(unit_name, "coercion") +
                 b.items_of(unit_name, "licensing") + b.items_of(unit_name, "inspection")]
        if not items:
            continue
        weight = 18 if unit_name in LEGAL else 10 if unit_name in ("区交通运输局", "区生态环境分局") else 5
        for n in range(weight):
            item = items[n % len(items)] if n < len(items) else rng.choice(items)
            simple = item.kind == "penalty" and rng.random() < 0.4
            person = item.kind == "penalty" and rng.random() < 0.45
            person = person or (item.kind == "penalty" and any(w in item.name for w in PERSON_ITEMS))
            plan = Plan(unit_name, item.kind, item.code, "closed", person=person, extra={"item_name": item.name})
            party = b.party(plan)
            filed = start + timedelta(days=rng.randint(0, max(1, (today - start).days - 150)))
            decided = filed if simple else filed + timedelta(days=rng.randint(8, 60))
            outcome = {"penalty": "penalized", "coercion": "coercion_applied", "licensing": "licensed",
                       "inspection": rng.choice(["no_violation", "rectification_ordered"])}[item.kind]
            fine = ""
            if item.kind == "penalty":
                fine = rng.choice([50, 100, 200] if person else [500, 1000, 2000, 3000]) if simple else \
                    rng.choice([2000, 5000, 8000, 10000, 20000, 30000, 50000])
            short = party["name"].removeprefix("鄂州市")
            abbr = {"penalty": "罚", "coercion": "强", "licensing": "许", "inspection": "检"}[item.kind]
            rows.append({
                "source_number": f"{unit.doc_prefix or unit.display_name}{abbr}案〔{filed.year}〕{501 + len(rows)}号", "unit_code": unit.code,
                "kind": item.kind, "item_code": item.code, "procedure": "简易程序" if simple else "普通程序",
                "title": b.title_of(item, short, plan), "party_kind": party["kind"], "party_name": party["name"],
                "party_id_number": party["id_number"], "party_phone": party["phone"], "party_address": party.get("address", ""),
                "filed_on": filed.isoformat(), "status": "已结案", "decided_on": decided.isoformat(), "outcome": outcome,
                "fine_amount": str(fine), "decision_number": f"{unit.doc_prefix or unit.display_name}{abbr}决〔{decided.year}〕{len(rows) + 101}号",
            })
    services.case_import(actor=b.agency, source_system="省执法办案系统", rows=rows)


def _officer_flag_case(b: Builder) -> None:
    """R-CAS-3: an open case whose officer lost the certificate mid-way (the sweep flags it)."""
    for unit in ("区城管局", "区市场监管局", "华容镇", "葛店镇"):
        past = b.today - timedelta(days=70)
        pool = list(Officer.objects.filter(unit=b.ctx.unit(unit), category=Officer.Category.OFFICER).order_by("id"))
        then = officers_certified_on([o.pk for o in pool], past)
        now = officers_certified_on([o.pk for o in pool], b.today)
        lost = [o for o in pool if not then[o.pk] and now[o.pk]]
        steady = b.officers.get(unit) or []
        if not lost or not steady:
            continue
        item = next(i for i in b.items_of(unit, "penalty") if not any(w in i.name for w in PERSON_ITEMS))
        manager = b.manager(unit)
        party = b.party(Plan(unit, "penalty", item.code, "investigating", extra={"item_name": item.name}))
        case = services.case_create(actor=manager, unit=b.ctx.unit(unit), kind="penalty", item=item, procedure="general",
                                    title=b.title_of(item, party["name"], Plan(unit, "penalty", item.code, "")), party=party,
                                    filed_on=past, officer_ids=[lost[0].pk, steady[0].pk], lead_officer_id=lost[0].pk,
                                    facts=f"群众举报{party['name']}涉嫌违法，经初步核实予以立案。")
        services.case_step(actor=manager, case=case, action="investigate", occurred_on=past + timedelta(days=2))
        b.evidence(case, manager, past + timedelta(days=2), 2)
        return


def _tampered_file(b: Builder) -> None:
    """R-CAS-6: one stored file altered on disk after it was registered; verification flags the case."""
    evidence = (Evidence.objects.filter(case__unit=b.ctx.unit("葛店镇"), case__status=Case.Status.CLOSED)
                .order_by("id").first())
    if evidence is None:
        return
    with evidence.file.open("rb") as fh:
        original = fh.read()
    path = evidence.file.path
    with open(path, "wb") as fh:
        fh.write(original.replace(b"\n", b" ", 1) + "（已被改动）".encode())
    services.verify_files(Evidence.objects.filter(case=evidence.case))


def load(ctx) -> None:
    b = Builder(ctx)
    plans = _plans(b.rng)
    units = sorted({p.unit for p in plans})
    b.steady_officers(units, ctx.today - timedelta(days=300))
    for plan in plans:
        if not plan.code:
            items = b.items_of(plan.unit, "penalty")
            if not items:
                continue
            plan.code = b.rng.choice(items).code
        try:
            b.build(plan)
        except DomainError as exc:  # a demo must load: a refused step is reported, the rest goes on
            b.skipped += 1
            ctx.stdout.write(f"   （演示案件未能全部办理：{plan.unit} {plan.code} {plan.stage}：{exc.message} {exc.details or ''}）")
    _officer_flag_case(b)
    _tampered_file(b)
    _history(b)
    # What the periodic sweep has found by today: overdue steps, missing disclosures, officer flags.
    sweeps.sweep(ctx.today, holidays.load_calendar())
    ctx["cases_counts"] = {"cases": Case.objects.count()}
    skipped = f"，{b.skipped} 件因工作日历缺少下一年安排未办理完毕" if b.skipped else ""
    ctx.stdout.write(f"    执法案件：{Case.objects.count()} 件（超期 {Case.objects.filter(is_overdue=True).count()} 件{skipped}）")
