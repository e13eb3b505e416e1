"""Closed-book test pages (R-PER-10): tests, results, retakes and the district notice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jiandu.core.errors import DomainError, NotFound
from jiandu.personnel import forms, selectors, services
from jiandu.personnel.models import Officer
from jiandu.personnel.services._common import agency_for
from jiandu.personnel.views._common import action_page, can, submit

TESTS = ("执法能力测试", "/personnel/tests/")


def _agency_can(user) -> bool:
    if not user.unit_id:
        return False
    try:
        return can(user, "personnel.sanction", agency_for(user.unit))
    except DomainError:
        return False


@login_required
def test_list(request):
    tests = selectors.tests_visible(request.user).order_by("-held_on", "-id")
    return render(request, "personnel/test_list.html", {
        "tests": tests[:50], "retakes": selectors.retakes_due(request.user)[:100], "can_create": _agency_can(request.user),
        "page_title": "执法能力闭卷测试", "breadcrumbs": [("执法能力测试", None)],
    })


@login_required
def test_create(request):
    if not _agency_can(request.user):
        raise NotFound()
    form = forms.TestForm(request.POST or None, initial={"held_on": timezone.localdate()})
    done = submit(request, form, lambda **d: services.closed_book_test_create(actor=request.user, **d),
                  success="已创建测试，请登记成绩。", next_url=lambda t: reverse("personnel:test", args=[t.pk]))
    return done or action_page(request, title="组织闭卷测试", form=form, submit_label="创建",
                               breadcrumbs=[TESTS, ("组织闭卷测试", None)], cancel_url=TESTS[1])


@login_required
def test_detail(request, test_id: int):
    test = selectors.closed_book_test_get(request.user, test_id)
    user = request.user
    results = list(selectors.closed_book_results_visible(user, test).order_by("officer__unit__sort_order", "officer__name", "attempt"))
    may = can(user, "personnel.sanction", test.unit)
    results_form = retake_form = None
    url = reverse("personnel:test", args=[test.pk])
    if may:
        action = request.POST.get("action")
        results_form = forms.ResultsForm(request.POST if action == "results" else None)

        def record(lines):
            numbers = [n for _, n, _ in lines]
            found = {o.id_number: o for o in selectors.officers_visible(user).filter(id_number__in=numbers)}
            missing = [str(row) for row, n, _ in lines if n not in found]
            if missing:
                from jiandu.core.errors import InvalidInput

                raise InvalidInput(details={"lines": f"第{'、'.join(missing)}行的身份证号未找到对应人员（或不在您的管理范围内）。"})
            entries = [services.ScoreEntry(officer=found[n], score=s, row=row) for row, n, s in lines]
            return services.closed_book_test_record_results(actor=user, test=test, entries=entries)

        done = submit(request, results_form, record, success="已登记成绩。", next_url=url)
        if done:
            return done
        due = selectors.retakes_due(user).filter(test=test).values("officer_id")
        retake_form = forms.RetakeForm(request.POST if action == "retake" else None,
                                       officers=Officer.objects.filter(pk__in=due).select_related("unit"),
                                       initial={"taken_on": timezone.localdate()})
        done = submit(request, retake_form, lambda **d: services.closed_book_test_record_retake(actor=user, test=test, **d),
                      success="已登记补考成绩。", next_url=url)
        if done:
            return done
        if action == "notice":
            try:
                document = services.closed_book_test_publish_notice(actor=user, test=test)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"已印发不合格人员通报（{document.number}）。")
            return redirect(url)
    first = [r for r in results if r.attempt == 1]
    return render(request, "personnel/test_detail.html", {
        "test": test, "results": results, "may": may, "results_form": results_form, "retake_form": retake_form,
        "taken": len(first), "failed": sum(1 for r in first if not r.passed),
        "page_title": test.title, "breadcrumbs": [TESTS, (test.title, None)],
    })
