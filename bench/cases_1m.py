"""A province-scale world for the benchmarks (R-CAS-10, architecture: 1,000,000 cases a year).

Structure (through the organization services, so paths and audit are real): a province with its
司法厅 (the supervising agency whose jurisdiction is the whole province), 10 cities, 10 enforcement
departments in each (100 enforcement units), a unit legal officer per unit, one officer account per
unit, published item lists of 20 items per unit.

Bulk tables (written with PostgreSQL COPY, not the services — the services write a few rows per
call and 1,000,000 cases would take hours): 20,000 officers with certificates (a few suspended or
revoked), the cases over the last 365 days with the proportions below, one or two parties per case,
two officers per case, each case's statutory main deadline (and, for decided penalties, the
disclosure deadline and the disclosure record).

Proportions (by kind): 处罚 55 % (35 % of them 简易程序), 检查 30 %, 许可 10 %, 强制 5 %. Cases
finish with age (most cases older than two months are closed, about 3 % of them stay open and run
over their deadline — what the sweep finds), cases per unit follow the city's size and the
department's weight (市场监管 and 城管 carry the most).

Rows are valid: every foreign key points at a row of the same world, statuses are states of the
case's flow, deadlines are computed with the working-day calendar and the dated policy parameters
exactly as the services compute them. Foreign-key triggers are switched off during the COPY
(``session_replication_role = replica``) because the generator builds the keys itself.
"""

from __future__ import annotations

import json
import random
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

PREFIX = "BENCH"  # case numbers, unit codes and usernames of this world start with it (lower case for codes)

CITIES = [  # (name, weight ~ caseload)
    ("武汉市", 5.0), ("黄石市", 1.0), ("十堰市", 1.1), ("宜昌市", 1.6), ("襄阳市", 1.7),
    ("鄂州市", 0.6), ("荆门市", 0.9), ("孝感市", 1.3), ("荆州市", 1.5), ("黄冈市", 1.6),
]
DEPARTMENTS = [  # (name, short, domain, weight)
    ("市场监督管理局", "市场监管局", "市场监管", 5.0),
    ("城市管理执法局", "城管局", "城市管理", 4.0),
    ("应急管理局", "应急局", "安全生产", 1.2),
    ("生态环境局", "生态环境局", "生态环境", 1.0),
    ("交通运输局", "交通运输局", "交通运输", 2.0),
    ("农业农村局", "农业农村局", "农业农村", 0.8),
    ("文化和旅游局", "文旅局", "文化旅游", 0.6),
    ("卫生健康委员会", "卫健委", "卫生健康", 0.9),
    ("自然资源和规划局", "自然资源局", "自然资源", 0.7),
    ("住房和城乡建设局", "住建局", "住房城乡建设", 0.8),
]
KIND_WEIGHTS = [("penalty", 55), ("inspection", 30), ("licensing", 10), ("coercion", 5)]
ITEMS_PER_KIND = {"penalty": 10, "inspection": 5, "licensing": 3, "coercion": 2}
OFFICERS = 20_000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文斌志红玉兰海燕鹏辉"
TRADES = ["食品", "商贸", "建材", "物流", "餐饮", "科技", "药房", "汽车维修", "农资", "印刷", "家具", "服装"]
TITLES = {
    "penalty": ["销售过期食品案", "未取得许可从事经营活动案", "占道经营案", "违规处置建筑垃圾案", "超限运输案",
                "未按规定公示信息案", "无证驾驶营运车辆案", "违规排放污染物案"],
    "inspection": ["食品安全日常检查", "安全生产专项检查", "消防安全联合检查", "市容环境卫生检查", "双随机抽查"],
    "licensing": ["食品经营许可申请", "户外广告设置许可申请", "道路运输经营许可申请"],
    "coercion": ["查封扣押涉案物品", "暂扣违法工具", "责令暂停施工"],
}


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _id_number(rng: random.Random, serial: int) -> str:
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 40))
    body = f"4201{rng.randrange(10, 99)}{born:%Y%m%d}{serial % 1000:03d}"
    return body + rng.choice("0123456789X")


def _credit_code(rng: random.Random) -> str:
    return "91420" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(13))


class _Copier:
    """COPY rows of one model: columns are the model's concrete fields, defaults filled in."""

    def __init__(self, model, fixed: dict | None = None):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.index = {f.attname: i for i, f in enumerate(self.fields)}
        now = timezone.now()
        base = []
        for f in self.fields:
            value = f.get_default()
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            if f.get_internal_type() == "JSONField":
                value = json.dumps(value)
            base.append(value)
        for name, value in (fixed or {}).items():
            base[self.index[name]] = value
        self.base = base

    def row(self, **values) -> list:
        row = self.base.copy()
        for name, value in values.items():
            row[self.index[name]] = value
        return row

    def copy(self, cursor, rows, table: str | None = None) -> int:
        cols = ", ".join(f'"{c}"' for c in self.columns)
        n = 0
        with cursor.copy(f'COPY "{table or self.model._meta.db_table}" ({cols}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        return n


def _next_id(cursor, table: str) -> int:
    cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"')
    return cursor.fetchone()[0]


def _sync_sequence(cursor, table: str) -> None:
    cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), COALESCE((SELECT MAX(id) FROM \"{table}\"), 1))")


def exists(cases: int) -> bool:
    """Whether a bench world with at least ``cases`` cases is there (``cases=0``: any part of one)."""
    from jiandu.cases.models import Case
    from jiandu.organization.models import Unit

    if cases == 0:
        return Unit.objects.filter(code="bench-42").exists()
    return Case.objects.filter(number__startswith=f"{PREFIX}-").count() >= cases


def build_structure(rng: random.Random) -> dict:
    """Units, accounts and item lists (small: through the services and the ORM)."""
    from django.contrib.auth.hashers import make_password

    from jiandu.organization import services as org
    from jiandu.organization.models import Unit, User, UserRole
    from jiandu.organization.roles import Role
    from jiandu.standards.models import EnforcementItem, ItemList

    province = org.unit_create(actor=None, name="湖北省人民政府（基准）", code="bench-42", kind=Unit.Kind.GOVERNMENT, parent=None,
                               level=Unit.Level.PROVINCE, short_name="湖北省")
    agency = org.unit_create(actor=None, name="湖北省司法厅（基准）", code="bench-sft", kind=Unit.Kind.AGENCY, parent=province,
                             level=Unit.Level.PROVINCE, short_name="省司法厅", review_seat=Unit.ReviewSeat.AGENCY,
                             doc_prefix="鄂司执监")
    units: list[tuple[Unit, float]] = []
    order = 0
    for ci, (city, cw) in enumerate(CITIES):
        gov = org.unit_create(actor=None, name=f"{city}人民政府", code=f"bench-c{ci:02d}", kind=Unit.Kind.GOVERNMENT,
                              parent=province, level=Unit.Level.CITY, short_name=city)
        for di, (dept, short, domain, dw) in enumerate(DEPARTMENTS):
            order += 1
            u = org.unit_create(actor=None, name=f"{city}{dept}", code=f"bench-c{ci:02d}d{di:02d}", kind=Unit.Kind.DEPARTMENT,
                                parent=gov, level=Unit.Level.CITY, short_name=f"{city[:-1]}{short}", is_enforcement_unit=True,
                                domain=domain, sort_order=order)
            units.append((u, cw * dw * rng.uniform(0.7, 1.3)))
        if ci == 5:  # one small township with a comprehensive enforcement office: ~60 cases a year
            u = org.unit_create(actor=None, name="段店镇人民政府", code="bench-t05", kind=Unit.Kind.TOWNSHIP, parent=gov,
                                level=Unit.Level.TOWNSHIP, short_name="段店镇", is_enforcement_unit=True,
                                domain="综合行政执法", sort_order=999)
            units.append((u, -1.0))
    total = sum(w for _, w in units if w > 0)
    units = [(u, w if w > 0 else total * 60 / 1_000_000) for u, w in units]
    unusable = make_password(None)
    agency_user = User.objects.create(username="bench_agency", full_name="基准监督员", unit=agency, password=unusable)
    UserRole.objects.create(user=agency_user, role=Role.AGENCY_OFFICER)
    legal = User.objects.bulk_create([
        User(username=f"bench_legal_{i:03d}", full_name=_name(rng), unit=u, password=unusable) for i, (u, _) in enumerate(units)])
    officer_users = User.objects.bulk_create([
        User(username=f"bench_officer_{i:03d}", full_name=_name(rng), unit=u, password=unusable) for i, (u, _) in enumerate(units)])
    UserRole.objects.bulk_create([UserRole(user=x, role=Role.UNIT_LEGAL_OFFICER) for x in legal]
                                 + [UserRole(user=x, role=Role.ENFORCEMENT_OFFICER) for x in officer_users])
    now = timezone.now()
    lists = ItemList.objects.bulk_create([
        ItemList(unit=u, version=1, status=ItemList.Status.PUBLISHED, note="基准数据", created_by=agency_user,
                 published_by=agency_user, published_at=now) for u, _ in units])
    items = []
    for (u, _), item_list in zip(units, lists, strict=True):
        for kind, n in ITEMS_PER_KIND.items():
            for k in range(n):
                items.append(EnforcementItem(item_list=item_list, code=f"{kind[:2].upper()}-{k + 1:03d}", kind=kind,
                                             name=f"{rng.choice(TITLES[kind])[:-1]}（{k + 1}）", law_name="《中华人民共和国行政处罚法》",
                                             responsible_unit=u, domain=u.domain))
    EnforcementItem.objects.bulk_create(items)
    item_ids: dict[tuple[int, str], list[int]] = {}
    for item in EnforcementItem.objects.filter(item_list__in=lists).values("id", "kind", "item_list__unit_id"):
        item_ids.setdefault((item["item_list__unit_id"], item["kind"]), []).append(item["id"])
    return {"units": units, "agency_user": agency_user, "legal": legal, "officer_users": officer_users, "items": item_ids}


def _open_states() -> dict[str, list[str]]:
    from jiandu.cases import rules
    from jiandu.cases.models import Case

    result = {}
    for flow, table in rules.TRANSITIONS.items():
        states = {s for s, _ in table} | {t.to for t in table.values()}
        result[flow] = sorted(s for s in states if s in Case.OPEN)
    return result


def build_cases(cases: int, *, seed: int = 2026, log=print) -> dict[str, float]:
    """The whole world. Returns timings in seconds per part."""
    from jiandu.cases.models import Case, CaseDeadline, CaseOfficer, CaseParty, Disclosure
    from jiandu.cases.services.intake import POLICY_KEYS, _Policy
    from jiandu.cases.services.lifecycle import MAIN_DEADLINE
    from jiandu.core import holidays
    from jiandu.core.workdays import CalendarYearMissing
    from jiandu.personnel.models import Certificate, Officer

    rng = random.Random(seed)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with transaction.atomic():
        world = build_structure(rng)
    timings["structure"] = time.perf_counter() - started
    units = world["units"]
    today = timezone.localdate()
    calendar = holidays.load_calendar()
    policy = _Policy(POLICY_KEYS)
    open_states = _open_states()
    before_decision = set(Case.BEFORE_DECISION)
    main_kind = {flow: v[0] for flow, v in MAIN_DEADLINE.items()}

    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor
        raw.execute("SET LOCAL session_replication_role = replica")  # FK triggers off: keys are built here
        # Officers and their certificates.
        t = time.perf_counter()
        officer_copier = _Copier(Officer)
        cert_copier = _Copier(Certificate)
        first_officer = _next_id(raw, Officer._meta.db_table)
        first_cert = _next_id(raw, Certificate._meta.db_table)
        total_weight = sum(w for _, w in units)
        per_unit = [max(20, round(OFFICERS * w / total_weight)) for _, w in units]
        officers_of: list[list[int]] = []
        bad_officers: set[int] = set()
        officer_rows, cert_rows = [], []
        oid = first_officer
        for ui, ((unit, _), n) in enumerate(zip(units, per_unit, strict=True)):
            ids = []
            for k in range(n):
                user_id = world["officer_users"][ui].pk if k == 0 else None
                officer_rows.append(officer_copier.row(
                    id=oid, unit_id=unit.pk, user_id=user_id, name=_name(rng), gender=rng.choice("MF"),
                    id_number=_id_number(rng, oid), phone=f"1{rng.randrange(3, 9)}{rng.randrange(10**9):09d}",
                    post="执法岗", joined_on=today - timedelta(days=rng.randrange(300, 9000))))
                issued = today - timedelta(days=rng.randrange(30, 1500))
                status = "valid"
                roll = rng.random()
                if k > 0 and roll < 0.004:
                    status = "suspended"
                elif k > 0 and roll < 0.006:
                    status = "revoked"
                if status != "valid":
                    bad_officers.add(oid)
                cert_rows.append(cert_copier.row(id=first_cert + len(cert_rows), officer_id=oid, number=f"鄂{oid:08d}",
                                                 enforcement_domain=unit.domain, issued_on=issued,
                                                 valid_until=issued + timedelta(days=365 * 5), status=status))
                ids.append(oid)
                oid += 1
            officers_of.append(ids)
        officer_copier.copy(raw, officer_rows)
        cert_copier.copy(raw, cert_rows)
        timings["officers"] = time.perf_counter() - t
        log(f"  officers: {len(officer_rows):,} with certificates ({len(bad_officers)} suspended or revoked)")

        # Cases and what hangs off them.
        t = time.perf_counter()
        case_copier = _Copier(Case)
        party_copier = _Copier(CaseParty)
        officer_link = _Copier(CaseOfficer)
        deadline_copier = _Copier(CaseDeadline)
        disclosure_copier = _Copier(Disclosure)
        case_id = _next_id(raw, Case._meta.db_table)
        ids = {name: _next_id(raw, m._meta.db_table) for name, m in
               (("party", CaseParty), ("officer", CaseOfficer), ("deadline", CaseDeadline), ("disclosure", Disclosure))}
        unit_weights = [w for _, w in units]
        kinds = [k for k, _ in KIND_WEIGHTS]
        kind_weights = [w for _, w in KIND_WEIGHTS]
        due_cache: dict[tuple, tuple] = {}
        now = timezone.now()
        counts = {"cases": 0, "parties": 0, "case_officers": 0, "deadlines": 0, "disclosures": 0}
        seq_of_unit = [0] * len(units)

        def due(start: date, days: int, counting: str):
            key = (start, days, counting)
            if key not in due_cache:
                try:
                    if counting == "working":
                        due_cache[key] = (calendar.add_working_days(start, days), "")
                    else:
                        due_cache[key] = (start + timedelta(days=days), "")
                except CalendarYearMissing as exc:
                    due_cache[key] = (None, f"工作日历缺少{exc.year}年安排，期限待录入后计算")
            return due_cache[key]

        def generate():
            nonlocal case_id
            case_rows, party_rows, link_rows, deadline_rows, disclosure_rows = [], [], [], [], []
            unit_choice = rng.choices(range(len(units)), weights=unit_weights, k=cases)
            kind_choice = rng.choices(kinds, weights=kind_weights, k=cases)
            for n in range(cases):
                ui = unit_choice[n]
                unit = units[ui][0]
                kind = kind_choice[n]
                procedure = "simple" if kind == "penalty" and rng.random() < 0.35 else "general"
                flow = f"penalty_{procedure}" if kind == "penalty" else kind
                age = rng.randrange(1, 366)
                filed_on = today - timedelta(days=age)
                finished = rng.random() < (0.97 if age > 60 else age / 62) or flow == "penalty_simple" and rng.random() < 0.95
                status, decided_on, closed_on, outcome, fine = None, None, None, "", None
                if finished:
                    status = "terminated" if rng.random() < 0.04 else "closed"
                else:
                    status = rng.choice(open_states[flow])
                if status not in before_decision and status != "terminated":
                    span = 0 if flow == "penalty_simple" else rng.randrange(1, max(2, min(age, 75)))
                    decided_on = min(today, filed_on + timedelta(days=span))
                    if status == "closed":
                        closed_on = min(today, decided_on + timedelta(days=rng.randrange(0, 30)))
                    outcome = {"penalty": "penalized" if rng.random() < 0.9 else "no_penalty",
                               "coercion": "coercion_applied",
                               "licensing": "licensed" if rng.random() < 0.85 else "licence_refused",
                               "inspection": "no_violation" if rng.random() < 0.7 else "rectification_ordered"}[kind]
                    if outcome == "penalized":
                        fine = Decimal(rng.choice((50, 100, 200)) if procedure == "simple"
                                       else round(rng.lognormvariate(8.5, 1.0), -1)).quantize(Decimal("0.01"))
                elif status == "terminated":
                    outcome = "terminated"
                person = rng.random() < 0.4
                party = _name(rng) if person else f"{units[ui][0].short_name[:2]}{rng.choice(TRADES)}{rng.choice(('有限公司', '经营部', '股份有限公司'))}"
                seq_of_unit[ui] += 1
                number = f"{PREFIX}-{unit.code[6:]}-{filed_on.year}-{seq_of_unit[ui]:06d}"
                next_due = None
                # The main deadline (filing → decision).
                if flow in MAIN_DEADLINE:
                    _, key, counting = MAIN_DEADLINE[flow]
                    days, ref = policy.get(key, unit, filed_on)
                    due_on, note = due(filed_on, int(days), counting)
                    if status in before_decision:
                        d_status, done_on, next_due = "open", None, due_on
                    elif status == "terminated":
                        d_status, done_on = "cancelled", None
                    else:
                        d_status, done_on = "done", decided_on
                    deadline_rows.append(deadline_copier.row(
                        id=ids["deadline"], case_id=case_id, kind=main_kind[flow], starts_on=filed_on, days=int(days),
                        counting=counting, pausable=True, due_on=due_on, status=d_status, done_on=done_on,
                        legal_reference=ref[:200], note=note))
                    ids["deadline"] += 1
                # Disclosure of a general-procedure penalty decision (7 working days).
                if flow == "penalty_general" and outcome == "penalized" and decided_on:
                    due_on, note = due(decided_on, 7, "working")
                    published = status == "closed" or rng.random() < 0.6
                    published_on = min(today, decided_on + timedelta(days=rng.randrange(1, 9))) if published else None
                    disclosure_rows.append(disclosure_copier.row(
                        id=ids["disclosure"], case_id=case_id, status="published" if published else "pending", due_on=due_on,
                        published_on=published_on, published_at=now if published else None,
                        is_late=bool(published and due_on and published_on > due_on), title=TITLES[kind][0],
                        unit_name=unit.name, kind=kind, decision_number=f"{unit.short_name}罚决〔{decided_on.year}〕{seq_of_unit[ui]}号",
                        party_display=party if not person else party[0] + "某", decided_on=decided_on))
                    ids["disclosure"] += 1
                    deadline_rows.append(deadline_copier.row(
                        id=ids["deadline"], case_id=case_id, kind="disclosure", starts_on=decided_on, days=7, counting="working",
                        due_on=due_on, status="done" if published else "open", done_on=published_on,
                        legal_reference="《行政处罚法》第48条", note=note))
                    ids["deadline"] += 1
                    if not published and next_due is None:
                        next_due = due_on
                case_rows.append(case_copier.row(
                    id=case_id, unit_id=unit.pk, number=number, kind=kind, item_id=rng.choice(world["items"][(unit.pk, kind)]),
                    procedure=procedure, is_major=fine is not None and fine > 100_000, status=status,
                    title=rng.choice(TITLES[kind]), party_kind="person" if person else "organisation", party_name=party,
                    filed_on=filed_on, decided_on=decided_on, closed_on=closed_on, outcome=outcome,
                    penalties=json.dumps(["fine"] if fine else []), fine_amount=fine, next_due_on=next_due,
                    benchmark_flag=fine is not None and rng.random() < 0.002, created_at=now, updated_at=now))
                for p in range(2 if rng.random() < 0.05 else 1):
                    party_rows.append(party_copier.row(
                        id=ids["party"], case_id=case_id, kind="person" if person else "organisation",
                        name=party if p == 0 else _name(rng),
                        id_number=_id_number(rng, case_id) if person else _credit_code(rng),
                        phone=f"1{rng.randrange(3, 9)}{rng.randrange(10**9):09d}", address=f"{unit.short_name[:2]}某街道{rng.randrange(1, 300)}号"))
                    ids["party"] += 1
                pool = officers_of[ui]
                for role, officer in zip(("lead", "assist"), rng.sample(pool, 2), strict=True):
                    link_rows.append(officer_link.row(id=ids["officer"], case_id=case_id, officer_id=officer, role=role,
                                                      assigned_on=filed_on))
                    ids["officer"] += 1
                case_id += 1
                if len(case_rows) >= 50_000 or n == cases - 1:
                    yield case_rows, party_rows, link_rows, deadline_rows, disclosure_rows
                    case_rows, party_rows, link_rows, deadline_rows, disclosure_rows = [], [], [], [], []

        for chunk in generate():
            for key, copier, rows in zip(("cases", "parties", "case_officers", "deadlines", "disclosures"),
                                         (case_copier, party_copier, officer_link, deadline_copier, disclosure_copier),
                                         chunk, strict=True):
                counts[key] += copier.copy(raw, rows)
            if counts["cases"] % 200_000 == 0:
                log(f"  cases: {counts['cases']:,} ({time.perf_counter() - t:.0f} s)")
        for model in (Officer, Certificate, Case, CaseParty, CaseOfficer, CaseDeadline, Disclosure):
            _sync_sequence(raw, model._meta.db_table)
        timings["cases"] = time.perf_counter() - t
        log("  " + ", ".join(f"{k}: {v:,}" for k, v in counts.items()))
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE") if not connection.in_atomic_block else cursor.execute("ANALYZE")
    timings["analyze"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - started
    return timings


def bench_users() -> dict:
    """The accounts the measurements act as (after ``build_cases`` or with ``--reuse``)."""
    from django.db.models import Count

    from jiandu.cases.models import Case
    from jiandu.organization.models import Unit, User

    by_unit = dict(Case.objects.filter(number__startswith=f"{PREFIX}-").values_list("unit_id").annotate(n=Count("id")))
    biggest = max(by_unit, key=by_unit.get)
    tiny = Unit.objects.get(code="bench-t05").pk
    smallest = min((u for u in by_unit if u != tiny), key=by_unit.get)
    legal = {u.unit_id: u for u in User.objects.filter(username__startswith="bench_legal_").select_related("unit")}
    return {
        "agency": User.objects.select_related("unit").get(username="bench_agency"),
        "legal_big": legal[biggest], "legal_small": legal[smallest],
        "legal_tiny": legal[tiny], "cases_big": by_unit[biggest], "cases_small": by_unit[smallest], "cases_tiny": by_unit.get(tiny, 0),
    }



__all__ = ["PREFIX", "build_cases", "bench_users", "exists", "datetime"]
