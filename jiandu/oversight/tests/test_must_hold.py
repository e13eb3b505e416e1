"""Issue #5 "What must hold", the points the other test files leave open:

- point 2: a sweep run every day through the National Day week sends each alert once, on the
  deadline counted in working days (R-SUP-1/2/3, R-PLT-5);
- point 6: on every supervision list a unit sees its own complaints, letters and rectifications
  only, and the public sees only what is published (R-SUP-1…4, R-SUP-6).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from jiandu.core.models import Notification
from jiandu.oversight import sweeps
from jiandu.oversight.models import Complaint, Rectification
from jiandu.oversight.services import complaints as cs
from jiandu.oversight.services import inspections as ins
from jiandu.oversight.services import rectification_open
from jiandu.oversight.services.letters import letter_issue
from jiandu.oversight.tests.factories import public_complaint


def test_a_daily_sweep_through_the_national_day_week_alerts_each_deadline_once(world, fixed_today, cal):
    """R-SUP-1/3, R-PLT-5 (issue #5 point 2): deadlines in working days across 中秋 and 国庆 2026 (Sep 25
    and Oct 1–7 off, Sat Oct 10 a make-up working day); sweeping every calendar day, twice a day, notifies each
    step once — a reminder before, an overdue alert after — and never on the holiday itself."""
    fixed_today(date(2026, 9, 24))  # Thursday
    complaint, _ = public_complaint(world, title="国庆前收到的投诉")
    # 7 working days after Thu Sep 24: Fri Sep 25 is 中秋节, so Sep 28, 29, 30, Oct 8, 9, 10 (the make-up
    # Saturday), 12.
    assert complaint.accept_due_on == date(2026, 10, 12)
    item = rectification_open(source_type="other", source_id="", unit=world.unit("scjg"), problem="执法公示不及时",
                              deadline=date(2026, 9, 30), actor=world.agency)
    day = date(2026, 9, 25)
    while day <= date(2026, 10, 16):
        fixed_today(day)
        sweeps.sweep(day, cal)
        sweeps.sweep(day, cal)  # a second worker, or a rerun: nothing twice
        if day in (date(2026, 10, 1), date(2026, 10, 7)):
            assert not Complaint.objects.get(pk=complaint.pk).accept_overdue
        day += timedelta(days=1)

    keys = Counter(Notification.objects.filter(category__startswith="oversight.").values_list("recipient_id", "dedupe_key"))
    assert keys and max(keys.values()) == 1
    accept_alerts = Notification.objects.filter(recipient=world.agency, category="oversight.overdue",
                                                dedupe_key__startswith=f"oversight:complaint:{complaint.pk}:accept_overdue")
    assert accept_alerts.count() == 1
    assert accept_alerts.get().dedupe_key.endswith(":2026-10-12")
    assert Complaint.objects.get(pk=complaint.pk).accept_overdue
    assert Notification.objects.filter(recipient=world.agency, category="oversight.reminder",
                                       dedupe_key=f"oversight:complaint:{complaint.pk}:accept_overdue:due_soon:2026-10-12").count() == 1
    overdue = Notification.objects.filter(recipient=world.scjg_legal,
                                          dedupe_key=f"oversight:rectification:{item.pk}:overdue:2026-09-30")
    assert overdue.count() == 1
    assert Rectification.objects.get(pk=item.pk).is_overdue


def _records_of(world, title_prefix: str, short: str):
    """A complaint assigned to, a letter sent to and a rectification raised for one unit."""
    unit = world.unit(short)
    complaint, _ = public_complaint(world, title=f"{title_prefix}投诉", subject_unit=unit)
    cs.complaint_accept(complaint=complaint, actor=world.agency)
    cs.complaint_assign(complaint=complaint, actor=world.agency, unit=unit)
    letter_issue(actor=world.agency, unit=unit, kind="supervision_opinion", source_type="other", source_label="日常监督",
                 title=f"{title_prefix}意见书", problems="问题", requirements="意见")
    rectification_open(source_type="other", source_id="", unit=unit, problem=f"{title_prefix}整改事项",
                       deadline=None, actor=world.agency)


def test_a_unit_sees_only_its_own_complaints_letters_and_rectifications_on_every_list(world, client_for):
    """R-SUP-1/2/3 (issue #5 point 6): the lists of 区市场监管局 hold nothing of 区城管局 and the other
    way round; the agency sees both; another district's agency sees neither."""
    _records_of(world, "市监局的", "scjg")
    _records_of(world, "城管局的", "cgj")
    scjg, cgj, agency = client_for("scjg_legal"), client_for("cgj_legal"), client_for("agency")
    other_district = client_for("lzh_agency")
    for url, word in [("/oversight/complaints/", "投诉"), ("/oversight/letters/", "意见书"),
                      ("/oversight/rectifications/", "整改事项")]:
        mine, theirs, everyone = (c.get(url).content.decode() for c in (scjg, cgj, agency))
        assert f"市监局的{word}" in mine and f"城管局的{word}" not in mine, url
        assert f"城管局的{word}" in theirs and f"市监局的{word}" not in theirs, url
        assert f"市监局的{word}" in everyone and f"城管局的{word}" in everyone, url
        elsewhere = other_district.get(url).content.decode()
        assert f"市监局的{word}" not in elsewhere and f"城管局的{word}" not in elsewhere, url
    other = Rectification.objects.get(problem="城管局的整改事项")
    assert scjg.get(f"/oversight/rectifications/{other.pk}/").status_code == 404


def test_the_public_sees_only_published_inspections_and_reviews_and_no_complaint_list(world, client):
    """R-SUP-1/4/6 (issue #5 point 6): unpublished notices stay internal; complaints are reachable
    only with their code."""
    plan = ins.inspection_plan(actor=world.agency, title="尚未通报的督察", year=2026, plan="方案",
                               starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30), target_units=[world.unit("scjg")])
    public_complaint(world, title="只有查询码才能看到的投诉")
    listing = client.get("/public/oversight/inspections/").content.decode()
    assert "尚未通报的督察" not in listing
    assert client.get(f"/public/oversight/inspections/{plan.pk}/").status_code == 404
    assert "只有查询码才能看到的投诉" not in client.get("/public/oversight/complaints/track/").content.decode()
    assert client.get("/oversight/complaints/").status_code == 302  # staff pages ask for a login
