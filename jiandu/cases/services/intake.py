"""Bulk intake of cases from other systems (R-CAS-10): Excel (as a background job) or JSON (API).

- Idempotent on the source system's case number: a row whose ``(source_system, source_number)``
  already exists is skipped, so importing the same batch twice creates nothing new.
- All or nothing: every row is validated first (in Python, against lookups loaded once — no
  per-row query); one bad row rejects the whole batch with a row-level report naming each row.
- Fast: rows are written with PostgreSQL's COPY (``bulk_create`` on SQLite) in one transaction.
- One audit event per batch, with the SHA-256 digest of the rows as received.

Imported rows are either still open (在办: 立案 / 受理, with the deadline running to the decision)
or finished (已结案 with the decision, or 已终止). Officers and steps stay in the source system.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from jiandu.cases import rules
from jiandu.cases.models import Case, CaseDeadline, CaseParty, ImportBatch
from jiandu.cases.services.lifecycle import CREDIT_CODE, ID_NUMBER, MAIN_DEADLINE, OUTCOMES
from jiandu.core import audit, holidays, scope
from jiandu.core.errors import InvalidInput
from jiandu.core.models import PolicyParameter
from jiandu.core.workdays import CalendarYearMissing
from jiandu.organization.models import Unit
from jiandu.standards.models import EnforcementItem, ItemList

# (field, Chinese column header, required)
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("source_number", "来源系统案件编号", True),
    ("unit_code", "办案单位编码", True),
    ("kind", "案件类别", True),
    ("item_code", "执法事项编码", True),
    ("procedure", "程序", False),
    ("title", "案由", True),
    ("party_kind", "当事人类型", True),
    ("party_name", "当事人", True),
    ("party_id_number", "证件号码", False),
    ("party_phone", "联系电话", False),
    ("party_address", "地址", False),
    ("filed_on", "立案（受理）日期", True),
    ("status", "办理状态", True),
    ("decided_on", "决定日期", False),
    ("outcome", "处理结果", False),
    ("fine_amount", "罚款金额（元）", False),
    ("decision_number", "决定书文号", False),
    ("is_major", "重大执法决定", False),
)
HEADERS = {label: name for name, label, _ in COLUMNS}

_KINDS = {v: v for v in Case.Kind.values} | {label: v for v, label in Case.Kind.choices} | {
    "处罚": "penalty", "强制": "coercion", "许可": "licensing", "检查": "inspection"}
_PROCEDURES = {"": "general", "simple": "simple", "general": "general", "简易": "simple", "简易程序": "simple",
               "普通": "general", "普通程序": "general"}
_PARTY = {"person": "person", "organisation": "organisation", "自然人": "person", "个人": "person",
          "法人或其他组织": "organisation", "法人": "organisation", "单位": "organisation", "组织": "organisation"}
_STATUS = {"open": "open", "closed": "closed", "terminated": "terminated", "在办": "open", "办理中": "open",
           "已结案": "closed", "结案": "closed", "已终止": "terminated", "终止": "terminated"}
_OUTCOMES = {v: v for v in Case.Outcome.values} | {label: v for v, label in Case.Outcome.choices} | {
    "处罚": "penalized", "不予处罚": "no_penalty", "准予许可": "licensed", "不予许可": "licence_refused"}
_TRUE = {"1", "true", "是", "yes", "y", "重大"}
_CENT = Decimal("0.01")

POLICY_KEYS = ("cases.penalty.decision_days", "cases.licensing.decision_working_days", "cases.inspection.conclusion_days")


def digest_of(source_system: str, rows: list[dict[str, Any]]) -> str:
    payload = json.dumps({"source_system": source_system, "rows": rows}, sort_keys=True, ensure_ascii=False,
                         separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text) if len(text) == 10 else datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError from None


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name)
    if value.__class__ is str:  # the common case, first
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # Excel turns codes like 1001 into 1001.0
        value = int(value)
    return str(value).strip()


_NAMES = tuple(name for name, _, _ in COLUMNS)
_REQUIRED = tuple((name, label) for name, label, required in COLUMNS if required)


def _existing(source_system: str, numbers: list[str], case_numbers: list[str]) -> tuple[set[str], set[str]]:
    """(source numbers already imported from ``source_system``, platform case numbers taken by a case
    of another origin). On PostgreSQL one query each with an array parameter (a long ``IN`` list
    costs more to build than to run); elsewhere in chunks."""
    wanted = [n for n in numbers if n]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT source_number FROM cases_case WHERE source_system = %s AND source_number = ANY(%s)",
                           [source_system, wanted])
            existing = {r[0] for r in cursor.fetchall()}
            cursor.execute("SELECT number FROM cases_case WHERE number = ANY(%s) AND source_system <> %s",
                           [case_numbers, source_system])
            taken = {r[0] for r in cursor.fetchall()}
        return existing, taken
    existing: set[str] = set()
    for i in range(0, len(wanted), 5000):
        existing.update(Case.objects.filter(source_system=source_system, source_number__in=wanted[i:i + 5000])
                        .values_list("source_number", flat=True))
    taken: set[str] = set()
    for i in range(0, len(case_numbers), 5000):
        taken.update(Case.objects.filter(number__in=case_numbers[i:i + 5000]).exclude(source_system=source_system)
                     .values_list("number", flat=True))
    return existing, taken


class _Policy:
    """The dated parameters for many units and dates at once, resolved like ``core.policy.resolve``
    (most specific jurisdiction at or above the unit first, then the latest effective date)."""

    def __init__(self, keys: tuple[str, ...]):
        self.rows: dict[str, list[tuple[int | None, date, Any, str]]] = {k: [] for k in keys}
        for key, jid, eff, value, ref in PolicyParameter.objects.filter(key__in=keys).values_list(
                "key", "jurisdiction_id", "effective_from", "value", "legal_reference"):
            self.rows[key].append((jid, eff, value, ref))
        self.cache: dict[tuple, tuple[Any, str]] = {}

    def get(self, key: str, unit: Unit, on: date) -> tuple[Any, str]:
        cache_key = (key, unit.pk, on)
        if cache_key not in self.cache:
            depth = {uid: i for i, uid in enumerate(unit.ancestor_ids())}
            candidates = [r for r in self.rows[key] if r[1] <= on and (r[0] is None or r[0] in depth)]
            if not candidates:
                raise ValueError(f"政策参数“{key}”在{on}没有生效的取值")
            best = max(candidates, key=lambda r: (depth.get(r[0], -1), r[1]))
            self.cache[cache_key] = (best[2], best[3])
        return self.cache[cache_key]


def validate(
    *, actor, source_system: str, rows: list[dict[str, Any]], first_row: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Check every row against lookups loaded once. Returns (prepared rows to create, errors, skipped)."""
    units = {u.code: u for u in scope.visible(Unit.objects.filter(is_enforcement_unit=True, is_active=True), actor, area="cases")}
    items: dict[tuple[int, str], tuple[int, str]] = {
        (uid, code): (iid, kind) for iid, uid, code, kind in EnforcementItem.objects.filter(
            item_list__unit__in=list(units.values()), item_list__status=ItemList.Status.PUBLISHED,
        ).values_list("id", "item_list__unit_id", "code", "kind")
    }
    numbers = [_text(r, "source_number") for r in rows]
    case_numbers = [f"{source_system}-{n}" for n in numbers]
    existing, taken = _existing(source_system, numbers, case_numbers)
    today = timezone.localdate()
    prepared: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    skipped = 0
    total = len(rows)
    parsed_dates: dict[Any, date | None] = {}

    def parse_date(value):
        # Batches repeat the same few hundred dates: parse each once.
        try:
            return parsed_dates[value]
        except KeyError:
            parsed_dates[value] = result = _date(value)
            return result
        except TypeError:  # an unhashable cell
            return _date(value)

    for index, row in enumerate(rows):
        if progress is not None and index % 5000 == 0:
            progress(index, total)
        problems: list[str] = []
        number = numbers[index]
        if not number:
            problems.append("缺少来源系统案件编号。")
        elif number in seen:
            problems.append(f"来源系统案件编号“{number}”在本批次中重复。")
        seen.add(number)
        if number and number in existing:
            skipped += 1  # already imported: idempotent
            continue
        v = {name: _text(row, name) for name in _NAMES}
        for name, label in _REQUIRED:
            if not v[name]:
                problems.append(f"缺少“{label}”。")
        unit_code = v["unit_code"]
        unit = units.get(unit_code)
        if unit_code and unit is None:
            problems.append(f"办案单位编码“{unit_code}”不存在或不在您的管理范围内。")
        kind = _KINDS.get(v["kind"])
        if v["kind"] and kind is None:
            problems.append(f"案件类别“{v['kind']}”无效（应为行政处罚、行政强制、行政许可或行政检查）。")
        procedure = _PROCEDURES.get(v["procedure"])
        if procedure is None:
            problems.append("程序应为“简易程序”或“普通程序”。")
        elif procedure == "simple" and kind not in (None, "penalty"):
            problems.append("只有行政处罚可以适用简易程序。")
        item = items.get((unit.pk, v["item_code"])) if unit is not None else None
        if unit is not None and v["item_code"] and item is None:
            problems.append(f"执法事项编码“{v['item_code']}”不在该单位已公布的事项清单中。")
        elif item is not None and kind is not None and item[1] != kind:
            problems.append("执法事项类别与案件类别不一致。")
        party_kind = _PARTY.get(v["party_kind"])
        if v["party_kind"] and party_kind is None:
            problems.append("当事人类型应为“自然人”或“法人或其他组织”。")
        id_number = v["party_id_number"].upper()
        if id_number and party_kind == "person" and not ID_NUMBER.match(id_number):
            problems.append("自然人证件号码应为18位身份证号。")
        if id_number and party_kind == "organisation" and not CREDIT_CODE.match(id_number):
            problems.append("统一社会信用代码应为18位数字或大写字母。")
        try:
            filed_on = parse_date(row.get("filed_on"))
            decided_on = parse_date(row.get("decided_on"))
        except ValueError:
            problems.append("日期格式应为 YYYY-MM-DD。")
            filed_on = decided_on = None
        if filed_on and filed_on > today:
            problems.append("立案（受理）日期不能晚于今天。")
        if filed_on and decided_on and decided_on < filed_on:
            problems.append("决定日期不能早于立案（受理）日期。")
        if decided_on and decided_on > today:
            problems.append("决定日期不能晚于今天。")
        status = _STATUS.get(v["status"])
        if v["status"] and status is None:
            problems.append("办理状态应为“在办”“已结案”或“已终止”。")
        outcome = _OUTCOMES.get(v["outcome"]) if v["outcome"] else ""
        if outcome is None:
            problems.append(f"处理结果“{v['outcome']}”无效。")
        if status == "closed":
            if not decided_on:
                problems.append("已结案的案件须填写决定日期。")
            if not outcome:
                problems.append("已结案的案件须填写处理结果。")
            elif kind and outcome not in OUTCOMES.get(kind, ()):
                problems.append("处理结果与案件类别不一致。")
        elif status == "open" and (decided_on or outcome):
            problems.append("在办案件不应填写决定日期或处理结果（已决定的请按已结案导入，或在平台上继续办理）。")
        fine = None
        if v["fine_amount"]:
            try:
                fine = Decimal(v["fine_amount"]).quantize(_CENT)
                if fine < 0:
                    problems.append("罚款金额不能为负数。")
            except InvalidOperation:
                problems.append("罚款金额应为数字。")
        if case_numbers[index] in taken:
            problems.append("案件编号与平台上已有案件重复。")
        if problems:
            errors.append({"row": first_row + index, "source_number": number, "errors": problems})
            continue
        prepared.append({
            "source_number": number, "unit": unit, "kind": kind, "item_id": item[0], "procedure": procedure,
            "title": v["title"][:200], "party_kind": party_kind, "party_name": v["party_name"][:200],
            "party_id_number": id_number, "party_phone": v["party_phone"][:30],
            "party_address": v["party_address"][:200], "filed_on": filed_on, "decided_on": decided_on,
            "status": status, "outcome": outcome or ("terminated" if status == "terminated" else ""), "fine_amount": fine,
            "decision_number": v["decision_number"][:80],
            "is_major": v["is_major"].lower() in _TRUE,
        })
    if progress is not None:
        progress(total, total)
    return prepared, errors, skipped


def _rows_for_insert(prepared: list[dict[str, Any]], source_system: str, batch: ImportBatch, actor, now) -> tuple[list, list, list]:
    """(case values, party values, deadline values) keyed positionally with the case index."""
    calendar = holidays.load_calendar()
    policy = _Policy(POLICY_KEYS)
    due_cache: dict[tuple, tuple[date | None, str]] = {}
    cases, parties, deadlines = [], [], []
    for i, r in enumerate(prepared):
        flow = rules.flow_of(r["kind"], r["procedure"])
        finished = r["status"] != "open"
        status = {"open": rules.START_STATUS[flow], "closed": "closed", "terminated": "terminated"}[r["status"]]
        next_due = None
        if not finished and flow in MAIN_DEADLINE:
            kind, key, counting = MAIN_DEADLINE[flow]
            days, ref = policy.get(key, r["unit"], r["filed_on"])
            cache_key = (r["filed_on"], int(days), counting)
            if cache_key not in due_cache:
                try:
                    due_cache[cache_key] = (rules.due_date(r["filed_on"], int(days), counting, calendar=calendar), "")
                except CalendarYearMissing as exc:
                    due_cache[cache_key] = (None, f"工作日历缺少{exc.year}年安排，期限待录入后计算")
            next_due, note = due_cache[cache_key]
            deadlines.append((i, kind, r["filed_on"], int(days), counting, True, next_due, ref[:200], note))
        cases.append({
            "unit_id": r["unit"].pk, "number": f"{source_system}-{r['source_number']}"[:80], "kind": r["kind"],
            "item_id": r["item_id"], "procedure": r["procedure"], "is_major": r["is_major"], "status": status,
            "title": r["title"], "party_kind": r["party_kind"], "party_name": r["party_name"], "filed_on": r["filed_on"],
            "decided_on": r["decided_on"], "closed_on": r["decided_on"] if r["status"] == "closed" else None,
            "outcome": r["outcome"], "fine_amount": r["fine_amount"], "decision_number": r["decision_number"],
            "penalties": ["fine"] if r["fine_amount"] else [], "next_due_on": next_due,
            "source_system": source_system, "source_number": r["source_number"], "import_batch_id": batch.pk,
            "created_by_id": actor.pk, "created_at": now, "updated_at": now,
        })
        parties.append((i, r["party_kind"], r["party_name"], r["party_id_number"], r["party_phone"], r["party_address"]))
    return cases, parties, deadlines


def _insert_postgres(cases: list[dict], parties: list, deadlines: list) -> None:
    """COPY the rows in: ids are reserved from the sequences first so parties and deadlines can
    point at their case without reading anything back."""
    case_fields = [f for f in Case._meta.concrete_fields if not f.primary_key]
    position = {f.attname: i + 1 for i, f in enumerate(case_fields)}  # 0 is the id
    template = [None] + [json.dumps(f.get_default()) if f.attname == "penalties" else f.get_default() for f in case_fields]
    penalties_text = {0: "[]", 1: '["fine"]'}
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('cases_case', 'id')) FROM generate_series(1, %s)", [len(cases)])
        ids = [row[0] for row in cursor.fetchall()]
        raw = cursor.cursor
        columns = ", ".join(['"id"'] + [f'"{f.column}"' for f in case_fields])
        with raw.copy(f"COPY cases_case ({columns}) FROM STDIN") as copy:
            for case_id, values in zip(ids, cases, strict=True):
                row = template.copy()
                row[0] = case_id
                for name, value in values.items():
                    row[position[name]] = value
                penalties = values.get("penalties", [])
                row[position["penalties"]] = (penalties_text[len(penalties)] if penalties in ([], ["fine"])
                                              else json.dumps(penalties))
                copy.write_row(row)
        with raw.copy('COPY cases_caseparty ("case_id", "kind", "name", "id_number", "phone", "address", '
                      '"legal_representative") FROM STDIN') as copy:
            for i, kind, name, id_number, phone, address in parties:
                copy.write_row((ids[i], kind, name, id_number, phone, address, ""))
        with raw.copy('COPY cases_casedeadline ("case_id", "kind", "starts_on", "days", "counting", "extension_days", '
                      '"pausable", "due_on", "status", "legal_reference", "note") FROM STDIN') as copy:
            for i, kind, starts_on, days, counting, pausable, due_on, ref, note in deadlines:
                copy.write_row((ids[i], kind, starts_on, days, counting, 0, pausable, due_on, "open", ref, note))


def _insert_orm(cases: list[dict], parties: list, deadlines: list) -> None:
    created = Case.objects.bulk_create([Case(**values) for values in cases], batch_size=1000)
    CaseParty.objects.bulk_create([
        CaseParty(case_id=created[i].pk, kind=kind, name=name, id_number=id_number, phone=phone, address=address)
        for i, kind, name, id_number, phone, address in parties
    ], batch_size=2000)
    CaseDeadline.objects.bulk_create([
        CaseDeadline(case_id=created[i].pk, kind=kind, starts_on=starts_on, days=days, counting=counting, pausable=pausable,
                     due_on=due_on, legal_reference=ref, note=note)
        for i, kind, starts_on, days, counting, pausable, due_on, ref, note in deadlines
    ], batch_size=2000)


def case_import(
    *, actor, source_system: str, rows: list[dict[str, Any]], channel: str = ImportBatch.Channel.API, job=None,
    first_row: int = 1, progress=None,
) -> ImportBatch:
    """Import a batch. Refused as a whole (``InvalidInput`` with ``details["rows"]``, each bad
    row named) when any row is bad; the refused batch is still recorded and audited."""
    started = time.perf_counter()
    scope.require(actor, "cases.manage")
    source_system = (source_system or "").strip()[:40]
    if not source_system:
        raise InvalidInput(details={"source_system": "请填写来源系统名称。"})
    if not rows:
        raise InvalidInput(details={"rows": "没有可导入的数据行。"})

    def validating(done, total):
        if progress is not None:
            progress.update(done, total, stage="校验")

    prepared, errors, skipped = validate(actor=actor, source_system=source_system, rows=rows, first_row=first_row,
                                         progress=validating)
    unit = actor.unit or Unit.objects.filter(parent__isnull=True).order_by("id").first()
    if errors:
        digest = digest_of(source_system, rows)
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                unit=unit, source_system=source_system, channel=channel, status=ImportBatch.Status.FAILED, digest=digest,
                total_rows=len(rows), errors=errors[:1000], job=job, created_by=actor, finished_at=timezone.now(),
                seconds=time.perf_counter() - started)
            audit.record(actor=actor, action="case.import_rejected", obj=batch, unit=unit,
                         after={"digest": digest, "rows": len(rows), "bad_rows": len(errors), "source_system": source_system})
        first = errors[0]
        raise InvalidInput(
            f"第{first['row']}行有误：{first['errors'][0]} 共{len(errors)}行有错误，本批次未导入任何案件，请修改后重新导入。",
            code="import_rejected", details={"batch": batch.pk, "bad_rows": len(errors), "rows": errors[:1000]})
    # The digest (hashing the whole batch) runs on a thread while the main one waits for the
    # database to take the COPY in; it is stored before the transaction commits.
    hashing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-digest")
    pending_digest = hashing.submit(digest_of, source_system, rows)
    hashing.shutdown(wait=False)
    with transaction.atomic():
        batch = ImportBatch.objects.create(unit=unit, source_system=source_system, channel=channel, digest="",
                                           total_rows=len(rows), job=job, created_by=actor)
        if progress is not None:
            progress.update(0, len(prepared), stage="写入")
        now = timezone.now()
        cases, parties, deadlines = _rows_for_insert(prepared, source_system, batch, actor, now)
        if cases:
            if connection.vendor == "postgresql":
                _insert_postgres(cases, parties, deadlines)
            else:
                _insert_orm(cases, parties, deadlines)
        batch.status, batch.created_count, batch.skipped_count = ImportBatch.Status.SUCCEEDED, len(cases), skipped
        digest = batch.digest = pending_digest.result()
        batch.finished_at, batch.seconds = timezone.now(), time.perf_counter() - started
        batch.save()
        audit.record(actor=actor, action="case.import", obj=batch, unit=unit,
                     after={"digest": digest, "rows": len(rows), "created": len(cases), "skipped": skipped,
                            "source_system": source_system, "channel": channel})
    if progress is not None:
        progress.update(len(prepared), len(prepared), stage="完成")
    return batch
