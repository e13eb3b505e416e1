"""Pages of the personnel app: each renders for the roles that use it, forms refuse bad input
with the service's Chinese message and change nothing, and actions go through the services."""

from __future__ import annotations

import io
from datetime import date

from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook

from jiandu.core.models import BackgroundJob
from jiandu.personnel import rules, services
from jiandu.personnel.models import ConductRecord, Officer, TrainingAttendance
from jiandu.personnel.tests.conftest import id_number


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_every_personnel_page_renders_for_the_agency(client_for, world, people):
    officer = people.certified("scjg", name="页面甲")
    services.conduct_record(actor=world.agency, officer=officer, occurred_on=date(2026, 3, 1), description="未出示执法证件")
    application = services.application_submit(actor=world.scjg_legal, officer=people.officer("scjg", name="申领乙"))
    session = services.training_session_create(actor=world.agency, unit=world.unit("agency"), title="全区培训",
                                               method="expert_lecture", held_on=date(2026, 5, 1), hours=4)
    test = services.closed_book_test_create(actor=world.agency, title="闭卷测试", held_on=date(2026, 5, 1))
    referral = services.referral_create(actor=world.agency, officer=officer, referred_on=date(2026, 6, 1),
                                        facts="在执法中接受宴请，群众实名举报。")
    c = client_for("agency")
    for url in ["/personnel/", "/personnel/officers/new/", f"/personnel/officers/{officer.pk}/",
                f"/personnel/officers/{officer.pk}/edit/", f"/personnel/officers/{officer.pk}/post/",
                f"/personnel/officers/{officer.pk}/leave/", f"/personnel/officers/{officer.pk}/conduct/",
                f"/personnel/officers/{officer.pk}/assessment/", f"/personnel/officers/{officer.pk}/revoke/",
                f"/personnel/officers/{officer.pk}/refer/", f"/personnel/officers/{officer.pk}/certificate/",
                "/personnel/applications/", f"/personnel/applications/{application.pk}/", "/personnel/reviews/",
                "/personnel/training/", "/personnel/training/plan/", "/personnel/training/sessions/new/",
                f"/personnel/training/sessions/{session.pk}/", "/personnel/tests/", "/personnel/tests/new/",
                f"/personnel/tests/{test.pk}/", "/personnel/referrals/", f"/personnel/referrals/{referral.pk}/",
                "/personnel/transfers/", "/"]:
        page(c, url)
    file = page(c, f"/personnel/officers/{officer.pk}/")
    assert "页面甲" in file and "谈话提醒通知" in file and "操作记录" in file


def test_the_officer_list_shows_filters_status_and_hours(client_for, people):
    people.certified("hrz", name="列表甲")
    people.officer("hrz", name="辅助乙", category="auxiliary")
    html = page(client_for("hrz_legal"), "/personnel/?category=auxiliary")
    assert "辅助乙" in html and "列表甲" not in html
    html = page(client_for("hrz_legal"), "/personnel/?cert_status=valid")
    assert "列表甲" in html and 'data-cert-status="valid"' in html


def test_creating_an_officer_with_a_bad_id_shows_the_reason_and_saves_nothing(client_for, world):
    c = client_for("hrz_legal")
    before = Officer.objects.count()
    html = c.post("/personnel/officers/new/", {"unit": world.unit("hrz").pk, "name": "新人", "id_number": "420703198507121230",
                                               "category": "officer", "post": "队员", "is_enforcement_post": "1",
                                               "on_establishment": "1", "fiscally_funded": "1"}).content.decode()
    assert "校验码不正确" in html and Officer.objects.count() == before
    good = id_number()
    response = c.post("/personnel/officers/new/", {"unit": world.unit("hrz").pk, "name": "新人", "id_number": good,
                                                   "category": "officer", "post": "队员", "is_enforcement_post": "1",
                                                   "on_establishment": "0", "fiscally_funded": "1"})
    created = Officer.objects.get(id_number=good)
    assert response.status_code == 302 and response.url == f"/personnel/officers/{created.pk}/"
    assert created.on_establishment is False


def test_a_township_cannot_pick_another_township_in_the_create_form(client_for, world):
    c = client_for("hrz_legal")
    html = page(c, "/personnel/officers/new/")
    assert "华容镇人民政府" in html and "葛店镇人民政府" not in html
    response = c.post("/personnel/officers/new/", {"unit": world.unit("gdz").pk, "name": "越权", "id_number": id_number(),
                                                   "category": "officer", "post": "队员", "is_enforcement_post": "1",
                                                   "on_establishment": "1", "fiscally_funded": "1"})
    assert response.status_code == 200 and not Officer.objects.filter(name="越权").exists()


def test_the_conduct_form_records_through_the_ladder_and_links_the_document(client_for, people):
    officer = people.certified("scjg")
    c = client_for("agency")
    response = c.post(f"/personnel/officers/{officer.pk}/conduct/", {"occurred_on": "2026-03-01", "source": "投诉举报",
                                                                      "description": "执法过程中态度生硬，未告知陈述申辩权利"})
    assert response.status_code == 302
    record = ConductRecord.objects.get(officer=officer)
    html = page(c, f"/personnel/officers/{officer.pk}/")
    assert record.document.number in html and "计数期内第1次" in html
    error = c.post(f"/personnel/officers/{officer.pk}/conduct/", {"occurred_on": "2999-01-01", "description": "x"}).content.decode()
    assert "不能是将来的日期" in error and ConductRecord.objects.filter(officer=officer).count() == 1


def test_the_application_page_shows_steps_and_the_seats_action(client_for, world, people):
    application = services.application_submit(actor=world.scjg_legal, officer=people.officer("scjg", name="步骤甲"))
    html = page(client_for("bb_review"), f"/personnel/applications/{application.pk}/")
    assert "jd-steps" in html and "签署审查意见（区委编办）" in html and "0/3 席位已签署" in html
    response = client_for("bb_review").post(f"/personnel/applications/{application.pk}/",
                                            {"action": "review", "verdict": "refuse", "reason": ""})
    assert "不同意的，请写明理由" in response.content.decode()
    html = page(client_for("city_review"), f"/personnel/applications/{application.pk}/")
    assert "签署审查意见" not in html  # not the city's turn yet
    queue = page(client_for("bb_review"), "/personnel/reviews/")
    assert "步骤甲" in queue


def test_training_page_shows_compliance_and_the_shortfall_list(client_for, world, people):
    short = people.officer("hrz", name="差学时")
    session = services.training_session_create(actor=world.hrz_legal, unit=world.unit("hrz"), title="学法",
                                               method="statute_study", held_on=date(2026, 3, 3), hours=6)
    services.training_attendance_record(actor=world.hrz_legal, session=session, entries=[services.AttendanceEntry(short)])
    html = page(client_for("hrz_legal"), "/personnel/training/?year=2026")
    assert "差学时" in html and "各单位达标情况" in html and "不少于 40 学时" in html


def test_attendance_import_through_the_page_runs_a_job(client_for, world, people):
    officer = people.officer("hrz", name="导入甲")
    session = services.training_session_create(actor=world.hrz_legal, unit=world.unit("hrz"), title="导入培训",
                                               method="other", held_on=date(2026, 3, 3), hours=3)
    wb = Workbook()
    wb.active.append(["身份证号", "姓名", "学时"])
    wb.active.append([officer.id_number, "导入甲", 3])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "学时.xlsx"
    response = client_for("hrz_legal").post(f"/personnel/training/sessions/{session.pk}/", {"action": "import", "file": buffer})
    job = BackgroundJob.objects.get(kind="personnel.attendance_import")
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    assert job.status == BackgroundJob.Status.SUCCEEDED
    assert TrainingAttendance.objects.filter(session=session, officer=officer).exists()
    assert client_for("hrz_legal").get("/personnel/training/template.xlsx").content[:2] == b"PK"


def test_the_public_check_shows_name_unit_and_status_only(people):
    cache.clear()
    people.certified("scjg", name="公示甲", number="PUB-VIEW-1", phone="13871234567")
    html = page(Client(), "/public/certificate/?number=PUB-VIEW-1")
    assert "公示甲" in html and "华容区市场监督管理局" in html and "有效" in html
    assert "13871234567" not in html and "420703" not in html
    assert "未查询到该证件编号" in page(Client(), "/public/certificate/?number=NOPE")
    assert "行政执法证件查询" in page(Client(), "/public/")
    cache.clear()


def test_nav_and_dashboard_follow_the_role(client_for, world, people):
    people.certified("scjg", name="本人证", user=world.scjg_officer)
    agency = page(client_for("agency"), "/")
    assert all(s in agency for s in ("执法证状态", "培训学时", "执法队伍管理待办", "资格审查待办"))
    reviewer = page(client_for("city_review"), "/")
    assert "资格审查待办（市司法局）" in reviewer and "执法证状态" not in reviewer
    unit = page(client_for("scjg_legal"), "/")
    assert "本单位执法证" in unit and "本单位待办" in unit
    officer = page(client_for("scjg_officer"), "/")
    assert "我的执法证与学时" in officer and "我的执法证" in officer
    liaison = page(client_for("jw_liaison"), "/")
    assert "移送线索待办" in liaison and "执法人员" not in liaison


def test_an_enforcement_officer_without_a_file_gets_a_clear_message(client_for):
    html = page(client_for("scjg_officer"), "/personnel/me/", status=404)
    assert "尚未关联执法人员档案" in html


def test_the_return_button_reports_what_is_missing(client_for, world, people):
    officer = people.certified("scjg")
    services.assessment_record(actor=world.agency, officer=officer, year=2025, grade=rules.INCOMPETENT,
                               decided_on=date(2026, 1, 10))
    response = client_for("agency").post(f"/personnel/officers/{officer.pk}/return/", follow=True)
    assert "尚不符合发还条件" in response.content.decode()


def test_tests_page_records_results_by_id_number_and_publishes_the_notice(client_for, world, people):
    officer = people.certified("hrz", name="测试甲")
    test = services.closed_book_test_create(actor=world.agency, title="页面测试", held_on=timezone.localdate())
    c = client_for("agency")
    bad = c.post(f"/personnel/tests/{test.pk}/", {"action": "results", "lines": "420703000000000000 80"}).content.decode()
    assert "未找到对应人员" in bad
    c.post(f"/personnel/tests/{test.pk}/", {"action": "results", "lines": f"{officer.id_number} 45"})
    c.post(f"/personnel/tests/{test.pk}/", {"action": "notice"})
    test.refresh_from_db()
    assert test.notice_document is not None
    assert test.notice_document.number in page(c, f"/personnel/officers/{officer.pk}/")


def test_a_refused_batch_names_each_bad_entry_on_the_page(client_for, world, people):
    officer = people.officer("hrz", name="重复甲")
    session = services.training_session_create(actor=world.hrz_legal, unit=world.unit("hrz"), title="批量",
                                               method="other", held_on=date(2026, 3, 3), hours=2)
    services.training_attendance_record(actor=world.hrz_legal, session=session, entries=[services.AttendanceEntry(officer)])
    other = people.officer("hrz", name="正常乙")
    html = client_for("hrz_legal").post(f"/personnel/training/sessions/{session.pk}/", {
        "action": "attendance", "officers": [other.pk], "hours": "5"}).content.decode()
    assert "学时应大于0且不超过本场培训的2学时" in html
    assert not TrainingAttendance.objects.filter(officer=other).exists()
    test = services.closed_book_test_create(actor=world.agency, title="批量测试", held_on=date(2026, 3, 3))
    a = people.certified("hrz", name="成绩甲")
    html = client_for("agency").post(f"/personnel/tests/{test.pk}/", {
        "action": "results", "lines": f"{a.id_number} 80\n{a.id_number} 70"}).content.decode()
    assert "第2行：成绩甲的本次测试成绩已登记" in html
