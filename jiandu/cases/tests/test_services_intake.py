"""R-CAS-10 (must hold 6): bulk intake is idempotent, all-or-nothing with a row-level report, one
audit event per batch with its digest; the Excel path runs as a job with progress."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jiandu.cases.jobs import read_workbook, template_bytes
from jiandu.cases.models import Case, CaseDeadline, ImportBatch
from jiandu.cases.services import case_import
from jiandu.cases.services.intake import COLUMNS, digest_of
from jiandu.cases.tests import factories as f
from jiandu.core import jobs
from jiandu.core.errors import InvalidInput
from jiandu.core.models import AuditEvent, BackgroundJob


def rows(world, n: int = 5, **override) -> list[dict]:
    unit = world.unit("scjg")
    item = f.item_for(unit, "penalty", code="SCJG-CF-001")
    out = []
    for i in range(n):
        row = {
            "source_number": f"XZCF-{i:05d}", "unit_code": unit.code, "kind": "行政处罚", "item_code": item.code,
            "procedure": "普通程序", "title": f"销售过期食品案{i}", "party_kind": "法人或其他组织",
            "party_name": f"华容区某食品店{i}", "party_id_number": "", "filed_on": "2026-03-02",
            "status": "已结案", "decided_on": "2026-04-20", "outcome": "给予行政处罚", "fine_amount": "5000",
            "decision_number": f"华市监罚决〔2026〕{i + 1}号",
        }
        row.update(override)
        out.append(row)
    return out


def test_a_batch_imports_every_row_with_its_party_and_one_audit_event_with_the_digest(world):
    data = rows(world, 5)
    batch = case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data)
    assert (batch.status, batch.created_count, batch.skipped_count) == ("succeeded", 5, 0)
    cases = Case.objects.filter(import_batch=batch)
    assert cases.count() == 5 and {c.status for c in cases} == {"closed"}
    case = cases.get(source_number="XZCF-00003")
    assert case.number == "省执法办案系统-XZCF-00003" and case.fine_amount == 5000
    assert case.parties.get().name == "华容区某食品店3" and case.outcome == "penalized"
    event = AuditEvent.objects.get(action="case.import", object_id=str(batch.pk))
    assert event.after["digest"] == digest_of("省执法办案系统", data) == batch.digest
    assert event.after["created"] == 5


def test_importing_the_same_batch_twice_creates_nothing_new(world):
    """Idempotent on the source system's case number (must hold 6)."""
    data = rows(world, 4)
    case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data)
    again = case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data)
    assert (again.created_count, again.skipped_count) == (0, 4)
    assert Case.objects.filter(source_system="省执法办案系统").count() == 4
    other = case_import(actor=world.scjg_legal, source_system="市网格系统", rows=data[:1])
    assert other.created_count == 1  # another system's numbers are its own


def test_a_batch_with_one_bad_row_imports_nothing_and_names_the_row(world):
    """All or nothing (must hold 6): row 3 has a fine that is not a number; nothing is created."""
    data = rows(world, 5)
    data[2]["fine_amount"] = "五千"
    before = Case.objects.count()
    with pytest.raises(InvalidInput) as exc:
        case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data)
    assert Case.objects.count() == before
    assert exc.value.code == "import_rejected" and "第3行" in exc.value.message
    report = exc.value.details["rows"]
    assert [(r["row"], r["source_number"]) for r in report] == [(3, "XZCF-00002")]
    assert report[0]["errors"] == ["罚款金额应为数字。"]
    batch = ImportBatch.objects.get(pk=exc.value.details["batch"])
    assert batch.status == "failed" and batch.errors == report
    assert AuditEvent.objects.filter(action="case.import_rejected", object_id=str(batch.pk)).exists()


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"unit_code": "t-hrz"}, "不在您的管理范围内"),
        ({"item_code": "NOPE"}, "不在该单位已公布的事项清单中"),
        ({"kind": "行政征收"}, "案件类别"),
        ({"filed_on": "2026/13/01"}, "日期格式"),
        ({"decided_on": "2026-01-01"}, "决定日期不能早于"),
        ({"status": "已结案", "outcome": ""}, "须填写处理结果"),
        ({"status": "在办", "decided_on": "", "outcome": ""}, None),
        ({"party_kind": "自然人", "party_id_number": "12345"}, "身份证号"),
        ({"procedure": "简易", "kind": "行政许可"}, "简易程序"),
        ({"title": ""}, "缺少“案由”"),
    ],
)
def test_each_kind_of_bad_row_is_reported_in_chinese(world, override, message):
    data = rows(world, 2)
    data[1].update(override)
    if message is None:
        batch = case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data)
        assert batch.created_count == 2
        return
    with pytest.raises(InvalidInput) as exc:
        case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data)
    assert any(message in e for e in exc.value.details["rows"][0]["errors"]), exc.value.details


def test_a_duplicate_source_number_inside_the_batch_is_a_bad_row(world):
    data = rows(world, 3)
    data[2]["source_number"] = data[0]["source_number"]
    with pytest.raises(InvalidInput) as exc:
        case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data)
    assert exc.value.details["rows"][0]["row"] == 3 and "重复" in exc.value.details["rows"][0]["errors"][0]


def test_open_imported_cases_get_their_running_deadline(world):
    data = rows(world, 2, status="在办", decided_on="", outcome="", fine_amount="")
    batch = case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data)
    case = Case.objects.filter(import_batch=batch).first()
    assert case.status == "filed"
    deadline = CaseDeadline.objects.get(case=case)
    assert deadline.kind == "decision" and deadline.due_on == date(2026, 5, 31) and case.next_due_on == deadline.due_on


def test_an_officer_cannot_import(world):
    with pytest.raises(Exception) as exc:
        case_import(actor=world.scjg_officer, source_system="x", rows=rows(world, 1))
    assert getattr(exc.value, "status", None) == 403


def workbook(data: list[dict]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([label + ("*" if required else "") for _, label, required in COLUMNS])
    for r in data:
        ws.append([r.get(name, "") for name, _, _ in COLUMNS])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_an_excel_import_runs_as_a_job_with_progress(world):
    upload = SimpleUploadedFile("cases.xlsx", workbook(rows(world, 3)))
    job = jobs.start(kind="cases.import_excel", label="案件导入", actor=world.scjg_legal, unit=world.unit("scjg"),
                     params={"source_system": "省执法办案系统"}, input_file=upload)
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.SUCCEEDED, (job.message, job.errors)
    assert job.result["created"] == 3 and job.percent == 100
    assert ImportBatch.objects.get(pk=job.result["batch"]).channel == "excel"


def test_an_excel_row_error_names_the_sheet_row_and_the_job_fails_with_the_report(world):
    data = rows(world, 3)
    data[1]["filed_on"] = "not a date"
    upload = SimpleUploadedFile("cases.xlsx", workbook(data))
    job = jobs.start(kind="cases.import_excel", label="案件导入", actor=world.scjg_legal, unit=world.unit("scjg"),
                     params={"source_system": "省执法办案系统"}, input_file=upload)
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED
    assert "第3行" in job.message  # header is sheet row 1, the second data row is sheet row 3
    assert job.errors["rows"][0]["row"] == 3
    assert not Case.objects.filter(source_system="省执法办案系统").exists()


def test_the_template_has_every_column_and_reads_back(world):
    parsed, first = read_workbook(template_bytes())
    assert first == 2 and parsed[0]["source_number"] == "XZCF-2026-000123"
    with pytest.raises(InvalidInput) as exc:
        read_workbook(b"not an excel file")
    assert "xlsx" in exc.value.details["file"]


def test_validation_reads_the_database_the_same_number_of_times_for_3_rows_or_300(world):
    """R-CAS-10 (≥ 10,000 rows/s): lookups are loaded once per batch, never per row, so a 100,000-row
    batch costs the same queries as a small one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jiandu.cases.services.intake import validate

    data = rows(world, 300)
    case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data[:3])  # these are there already
    counts = []
    for batch in (data[:3], data):
        with CaptureQueriesContext(connection) as ctx:
            prepared, errors, skipped = validate(actor=world.scjg_legal, source_system="省执法办案系统", rows=batch)
        counts.append(len(ctx.captured_queries))
        assert (len(prepared), errors, skipped) == (len(batch) - 3, [], 3)
    assert counts[0] == counts[1]


def test_cells_as_excel_types_them_are_read_like_text(world):
    """R-CAS-10: Excel gives numbers and dates, not text — a numeric fine, a datetime filing date and
    a code typed as a number import like their text forms."""
    from datetime import datetime

    unit = world.unit("scjg")
    f.item_for(unit, "penalty", code="1001")
    data = rows(world, 1, item_code=1001.0, fine_amount=5000, filed_on=datetime(2026, 3, 2, 0, 0),
                decided_on=date(2026, 4, 20))
    batch = case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data)
    case = Case.objects.get(import_batch=batch)
    assert (case.item.code, case.fine_amount, case.filed_on, case.decided_on) == ("1001", 5000, date(2026, 3, 2), date(2026, 4, 20))


def test_every_bad_row_of_a_large_batch_is_named_and_nothing_is_imported(world):
    """R-CAS-10 (must hold 6): in a batch of 1,200 rows, rows 7 and 1,105 are bad; the report names
    exactly those two, and no case of the batch exists."""
    data = rows(world, 1200)
    data[6]["filed_on"] = "2026-02-30"
    data[1104]["kind"] = "行政征收"
    with pytest.raises(InvalidInput) as exc:
        case_import(actor=world.scjg_legal, source_system="省执法办案系统", rows=data)
    assert [r["row"] for r in exc.value.details["rows"]] == [7, 1105]
    assert exc.value.details["bad_rows"] == 2 and "第7行" in exc.value.message
    assert not Case.objects.filter(source_system="省执法办案系统").exists()
