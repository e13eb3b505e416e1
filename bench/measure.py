"""The measurements of ``bench/run.py``: bulk import, the deadline sweep, list latency — each beside
the nearest raw-SQL equivalent run in the same process, so the figures say how close to the
database's own speed the application gets."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent


def load() -> str:
    """The machine's load average: the figures depend on what else runs (2 shared cores)."""
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def _ms(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return statistics.median(values) * 1000, p95 * 1000


# --- import -------------------------------------------------------------------------------------------


def import_rows(n: int, tag: str) -> list[dict]:
    """``n`` rows as another system sends them (strings, Chinese labels), over all bench units."""
    from bench.cases_1m import TITLES
    from jiandu.organization.models import Unit

    units = list(Unit.objects.filter(code__startswith="bench-c", is_enforcement_unit=True).values_list("code", flat=True))
    today = timezone.localdate()
    rows = []
    for i in range(n):
        unit = units[i % len(units)]
        filed = today - timedelta(days=30 + i % 300)
        if i % 10 < 7:  # closed penalty with a fine
            rows.append({"source_number": f"{tag}-{i:07d}", "unit_code": unit, "kind": "行政处罚", "item_code": f"PE-{i % 10 + 1:03d}",
                         "procedure": "普通程序", "title": TITLES["penalty"][i % 8], "party_kind": "法人或其他组织",
                         "party_name": f"某某商贸有限公司{i}", "party_id_number": f"91420{i:013d}", "party_phone": "0711-5551234",
                         "party_address": "某街道1号", "filed_on": filed.isoformat(), "status": "已结案",
                         "decided_on": (filed + timedelta(days=20)).isoformat(), "outcome": "给予行政处罚",
                         "fine_amount": str(1000 + i % 5000), "decision_number": f"罚决〔{filed.year}〕{i}号", "is_major": "否"})
        elif i % 10 < 9:  # open inspection
            rows.append({"source_number": f"{tag}-{i:07d}", "unit_code": unit, "kind": "行政检查", "item_code": f"IN-{i % 5 + 1:03d}",
                         "title": TITLES["inspection"][i % 5], "party_kind": "自然人", "party_name": f"张{i % 97}某",
                         "party_id_number": f"420{i:014d}X", "filed_on": filed.isoformat(), "status": "在办"})
        else:  # open licensing (working-day deadline)
            rows.append({"source_number": f"{tag}-{i:07d}", "unit_code": unit, "kind": "行政许可", "item_code": f"LI-{i % 3 + 1:03d}",
                         "title": TITLES["licensing"][i % 3], "party_kind": "法人或其他组织", "party_name": f"某某餐饮店{i}",
                         "filed_on": filed.isoformat(), "status": "在办"})
    return rows


def measure_import(actor, n: int, log=print) -> list[tuple[str, str, str]]:
    from bench.cases_1m import _Copier
    from jiandu.cases.models import Case
    from jiandu.cases.services.intake import case_import
    from jiandu.core.errors import InvalidInput

    tag = f"B{int(time.time())}"
    rows = import_rows(n, tag)
    before = Case.objects.count()
    t = time.perf_counter()
    batch = case_import(actor=actor, source_system="bench-legacy", rows=rows)
    first = time.perf_counter() - t
    after_first = Case.objects.count()
    t = time.perf_counter()
    again = case_import(actor=actor, source_system="bench-legacy", rows=rows)
    second = time.perf_counter() - t
    after_second = Case.objects.count()
    log(f"  import: {batch.created_count:,} created in {first:.1f} s; again: {again.created_count} created, {again.skipped_count:,} skipped")

    bad = import_rows(10_000, tag + "x")
    bad[4_999]["filed_on"] = "2026-13-45"
    t = time.perf_counter()
    try:
        case_import(actor=actor, source_system="bench-legacy", rows=bad)
        refused = "NOT refused"
    except InvalidInput as exc:
        named = [r["row"] for r in exc.details.get("rows", [])]
        refused = f"refused, rows named: {named}"
    bad_seconds = time.perf_counter() - t
    after_bad = Case.objects.count()

    # Raw: plain COPY of the same case rows (new numbers and ids) into cases_case itself — same
    # indexes, same 1M rows, foreign keys checked (SET CONSTRAINTS ALL IMMEDIATE) — then rolled back.
    copier = _Copier(Case)
    names = [f.attname for f in copier.fields]
    sample = list(Case.objects.filter(import_batch=batch).order_by("id").values_list(*names)[:n])
    at = {name: i for i, name in enumerate(names)}
    json_at = [i for i, f in enumerate(copier.fields) if f.get_internal_type() == "JSONField"]

    class _Rollback(Exception):
        pass

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            raw = cursor.cursor
            t = time.perf_counter()
            raw.execute("SELECT nextval(pg_get_serial_sequence('cases_case', 'id')) FROM generate_series(1, %s)", [len(sample)])
            ids = [r[0] for r in raw.fetchall()]
            prepared = []
            for new_id, values in zip(ids, sample, strict=True):
                values = list(values)
                values[at["id"]] = new_id
                values[at["number"]] = f"raw-{values[at['number']]}"
                values[at["source_system"]] = "bench-raw"
                for i in json_at:
                    values[i] = json.dumps(values[i])
                prepared.append(values)
            copier.copy(raw, prepared)
            copy_seconds = time.perf_counter() - t
            t = time.perf_counter()
            raw.execute("SET CONSTRAINTS ALL IMMEDIATE")
            fk_seconds = time.perf_counter() - t
            raise _Rollback
    except _Rollback:
        pass
    return [
        ("import (validate + write, all-or-nothing)", f"{batch.created_count / first:,.0f} rows/s",
         f"{batch.created_count:,} rows in {first:.1f} s, cases {before:,} → {after_first:,}"),
        ("import the same batch again", f"{again.created_count} new", f"{again.skipped_count:,} skipped in {second:.1f} s, cases {after_first:,} → {after_second:,}"),
        ("import a batch with one bad row (of 10,000)", refused, f"{bad_seconds:.2f} s, cases {after_second:,} → {after_bad:,}"),
        ("raw SQL: plain COPY of the same case rows", f"{len(prepared) / (copy_seconds + fk_seconds):,.0f} rows/s",
         f"into cases_case, rolled back: COPY {copy_seconds:.1f} s + foreign-key checks {fk_seconds:.1f} s; "
         f"no validation, no parties or deadlines"),
    ]


# --- sweep --------------------------------------------------------------------------------------------


def measure_sweep(log=print) -> list[tuple[str, str, str]]:
    from jiandu.core import holidays
    from jiandu.core.ui import _modules

    today = timezone.localdate()
    result = []
    for run in ("first", "second (idempotent)"):
        calendar = holidays.load_calendar()
        t0 = time.perf_counter()
        per_app = []
        cases_result = {}
        for module in _modules("sweeps"):  # what core.sweeps.run_all does, timed per app
            if module.__name__ == "jiandu.core.sweeps":
                continue
            t = time.perf_counter()
            r = module.sweep(today, calendar)
            per_app.append(f"{module.__name__.split('.')[1]} {time.perf_counter() - t:.1f} s")
            if module.__name__ == "jiandu.cases.sweeps":
                cases_result = r
        total = time.perf_counter() - t0
        log(f"  sweep {run}: {total:.1f} s; cases: {cases_result}")
        changed = {k: v for k, v in cases_result.items() if v}
        result.append((f"sweep, {run} run (all apps)", f"{total:.1f} s", f"{'; '.join(per_app)}; cases changed: {changed or 'nothing'}"))
    with connection.cursor() as cursor:
        t = time.perf_counter()
        cursor.execute("ANALYZE cases_case")  # autovacuum would not yet: the first sweep changes ~5 % of the rows
        analyze = time.perf_counter() - t
        t = time.perf_counter()
        cursor.execute("SELECT count(*) FROM cases_casedeadline WHERE status = 'open' AND due_on < %s AND kind <> 'hearing_request'", [today])
        n = cursor.fetchone()[0]
        raw_select = time.perf_counter() - t
        t = time.perf_counter()
        cursor.execute("SELECT count(*) FROM cases_casedeadline WHERE status IN ('open', 'overdue') AND due_on < %s", [today])
        n_active = cursor.fetchone()[0]
        raw_active = time.perf_counter() - t
    result.append(("raw SQL: select the overdue deadlines", f"{raw_select * 1000:.0f} ms",
                   f"{n} still open past due; {n_active:,} active past due ({raw_active * 1000:.0f} ms); "
                   f"ANALYZE cases_case after the sweep: {analyze:.1f} s"))
    return result


# --- lists --------------------------------------------------------------------------------------------


def _raw_ms(queryset, repeat: int) -> float:
    sql, params = queryset.query.sql_with_params()
    times = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            t = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append(time.perf_counter() - t)
    return _ms(times)[0]


def list_targets(users) -> list[tuple[str, object, str, dict]]:
    """(label, user, url, filters for the raw query)."""
    from jiandu.cases import selectors
    from jiandu.core import paging

    agency = users["agency"]
    total = selectors.case_list(agency).count()
    deep = selectors.case_list(agency).values_list("filed_on", "id")[min(20_000, total // 2)]
    after = paging._encode([deep[0].isoformat(), deep[1]])
    big_unit = users["legal_big"].unit_id
    return [
        ("agency, first page", agency, "?", {}),
        ("agency, filtered (status=调查取证)", agency, "?status=investigating", {"status": "investigating"}),
        ("agency, filtered (one unit, 行政许可)", agency, f"?unit={big_unit}&kind=licensing", {"unit": big_unit, "kind": "licensing"}),
        ("agency, overdue only", agency, "?overdue=1", {"overdue": True}),
        ("agency, page 1,001 (keyset)", agency, f"?after={after}", {"after": deep}),
        (f"unit legal officer, big unit ({users['cases_big']:,} cases)", users["legal_big"], "?", {}),
        (f"unit legal officer, small unit ({users['cases_small']:,} cases)", users["legal_small"], "?", {}),
        (f"unit legal officer, township ({users['cases_tiny']:,} cases)", users["legal_tiny"], "?", {}),
    ]


def measure_lists(users, repeat: int = 50, log=print) -> list[tuple[str, str, str]]:
    from jiandu.cases import selectors

    clients = {}
    rows = []
    for label, user, query, filters in list_targets(users):
        if user.pk not in clients:
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)
        client = clients[user.pk]
        for kind, base in (("page /cases/", "/cases/"), ("API /api/v1/cases/cases", "/api/v1/cases/cases")):
            url = base + query
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - t)
            p50, p95 = _ms(times)
            rows.append((f"{kind} — {label}", f"p50 {p50:.0f} ms / p95 {p95:.0f} ms", ""))
        # Raw: the page's own SQL (scope + filters + keyset + LIMIT 21), executed directly.
        f = selectors.CaseFilters(**{k: v for k, v in filters.items() if k != "after"})
        qs = selectors.case_list(user, f).select_related("unit").only(*selectors.LIST_FIELDS)
        if "after" in filters:
            d, i = filters["after"]
            from django.db.models import Q
            qs = qs.filter(filed_on__lte=d).filter(Q(filed_on__lt=d) | Q(filed_on=d, id__lt=i))
        raw = _raw_ms(qs[:21], repeat)
        rows[-1] = (rows[-1][0], rows[-1][1], f"raw SQL of the page query: {raw:.1f} ms")
        rows[-2] = (rows[-2][0], rows[-2][1], f"raw SQL of the page query: {raw:.1f} ms")
        log(f"  {label}: {rows[-2][1]} (page), {rows[-1][1]} (API), raw {raw:.1f} ms")
    # The trap the list avoids: an exact COUNT(*) of the agency's list.
    qs = selectors.case_list(users["agency"]).order_by()
    with connection.cursor() as cursor:
        sql, params = qs.values("id").query.sql_with_params()
        t = time.perf_counter()
        cursor.execute(f"SELECT count(*) FROM ({sql}) s", params)
        total = cursor.fetchone()[0]
        count_ms = (time.perf_counter() - t) * 1000
    estimate, is_estimate = selectors.estimate_count(qs)
    rows.append(("raw SQL: exact COUNT(*) of the agency's list (not done by the page)", f"{count_ms:.0f} ms",
                 f"{total:,} rows; the page shows the planner estimate {estimate:,} (estimate={is_estimate})"))
    return rows


# --- HTTP (gunicorn + wrk) ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure_http(users, database_url: str, *, seconds: int = 15, connections: int = 8, log=print) -> list[tuple[str, str, str]]:
    if not shutil.which("wrk"):
        return [("HTTP (gunicorn + wrk)", "skipped", "wrk is not installed (apt-get install wrk)")]
    port = _free_port()
    env = dict(os.environ, DATABASE_URL=database_url, JIANDU_CONN_MAX_AGE="600", DJANGO_SETTINGS_MODULE="jiandu.settings")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    proc = subprocess.Popen([str(gunicorn), "jiandu.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2",
                             "--threads", "2", "--log-level", "warning"], cwd=ROOT, env=env, start_new_session=True)
    rows = []
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        targets = [t for t in list_targets(users) if t[0] in ("agency, first page", "agency, filtered (status=调查取证)",
                                                              "agency, page 1,001 (keyset)")]
        targets.append(next(t for t in list_targets(users) if t[0].startswith("unit legal officer, big")))
        cookies = {}
        for label, user, query, _ in targets:
            if user.pk not in cookies:
                client = Client()
                client.force_login(user)
                cookies[user.pk] = client.cookies["sessionid"].value
            for kind, base in (("page", "/cases/"), ("API", "/api/v1/cases/cases")):
                url = f"http://127.0.0.1:{port}{base}{query}"
                subprocess.run(["wrk", "-t1", "-c2", "-d2s", "-H", f"Cookie: sessionid={cookies[user.pk]}", url],
                               capture_output=True, check=True)  # warm-up: workers started, caches filled
                out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
                                      "-H", f"Cookie: sessionid={cookies[user.pk]}", url],
                                     capture_output=True, text=True, check=True).stdout
                rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
                p99 = re.search(r"99%\s+(\S+)", out).group(1)
                p50 = re.search(r"50%\s+(\S+)", out).group(1)
                non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
                note = f"p50 {p50}" + (f", NON-2xx: {non2xx.group(1)}" if non2xx else "")
                rows.append((f"HTTP {kind} — {label}", f"{float(rps):,.0f} req/s, p99 {p99}", note))
                log(f"  wrk {kind} {label}: {rps} req/s p99 {p99}")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    return rows


def table_sizes() -> list[tuple[str, str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid), pg_indexes_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 10""")
        rows = [(f"table {name}", f"{max(tuples, 0):,} rows", f"{size / 2**20:,.0f} MiB (indexes {idx / 2**20:,.0f} MiB)")
                for name, tuples, size, idx in cursor.fetchall()]
        cursor.execute("SELECT pg_database_size(current_database())")
        rows.append(("database total", f"{cursor.fetchone()[0] / 2**30:.2f} GiB", ""))
    return rows
