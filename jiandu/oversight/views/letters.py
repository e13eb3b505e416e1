"""Pages of opinion letters (R-SUP-2)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from jiandu.core.errors import DomainError, Forbidden
from jiandu.core.paging import offset_page
from jiandu.core.scope import has_permission
from jiandu.core.views import form_error
from jiandu.oversight import forms as f
from jiandu.oversight import selectors
from jiandu.oversight.models import OpinionLetter
from jiandu.oversight.services import letters as ls
from jiandu.oversight.views._helpers import Action, dispatch, history


@login_required
def letter_list(request):
    today = timezone.localdate()
    qs = selectors.letters_visible(request.user)
    if status := request.GET.get("status"):
        qs = qs.filter(status=status)
    if kind := request.GET.get("kind"):
        qs = qs.filter(kind=kind)
    if request.GET.get("overdue"):
        qs = qs.filter(status=OpinionLetter.Status.ISSUED, reply_due_on__lt=today)
    page = offset_page(request, qs.order_by("-issued_on", "-id"), per_page=20)
    return render(request, "oversight/letter_list.html", {
        "page": page, "today": today, "statuses": OpinionLetter.Status.choices, "kinds": OpinionLetter.Kind.choices,
        "can_issue": has_permission(request.user, "oversight.manage"),
        "page_title": "监督意见书", "breadcrumbs": [("监督意见书", None)],
    })


def _prefill(request) -> dict:
    """A letter started from a complaint or an inspection carries its source."""
    source_type, source_id = request.GET.get("source_type", ""), request.GET.get("source_id", "")
    initial = {"source_type": source_type or "other", "source_id": source_id, "unit": request.GET.get("unit")}
    if source_type == "complaint" and source_id.isdigit():
        complaint = selectors.complaints_visible(request.user).filter(pk=source_id).first()
        if complaint is not None:
            initial.update(source_label=f"投诉举报 {complaint.number}", problems=complaint.handling_result,
                           title=f"关于{complaint.title}问题的行政执法监督意见书")
    elif source_type == "inspection" and source_id.isdigit():
        inspection = selectors.inspections_visible(request.user).filter(pk=source_id).first()
        if inspection is not None:
            initial.update(source_label=inspection.title)
    return initial


@login_required
def letter_new(request):
    if not has_permission(request.user, "oversight.manage"):
        raise Forbidden()
    units = selectors.enforcement_units_for(request.user)
    form = f.LetterForm(initial=_prefill(request), units=units)
    if request.method == "POST":
        form = f.LetterForm(request.POST, units=units)
        if form.is_valid():
            try:
                letter = ls.letter_issue(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"已制发 {letter.document.number}，回复期限 {letter.reply_due_on:%Y年%m月%d日}。")
                return redirect("oversight:letter", letter_id=letter.pk)
    return render(request, "oversight/letter_new.html", {
        "form": form, "page_title": "制发监督意见书（建议书）",
        "breadcrumbs": [("监督意见书", reverse("oversight:letters")), ("制发", None)],
    })


@login_required
def letter_detail(request, letter_id: int):
    letter = selectors.letter_get(request.user, letter_id)
    user, status = request.user, letter.status
    manage, respond = has_permission(user, "oversight.manage"), has_permission(user, "oversight.respond")
    actions = {
        "reply": Action(lambda *a: f.LetterReplyForm(*a, prefix="reply"),
                        lambda form: ls.letter_reply(letter=letter, actor=user, reply=form.cleaned_data["reply"]) and "已回复。",
                        allowed=respond and status == "issued"),
        "close": Action(lambda *a: f.NoteForm(*a, prefix="close"),
                        lambda form: ls.letter_close(letter=letter, actor=user, note=form.cleaned_data["note"]) and "已办结。",
                        allowed=manage and status == "replied"),
        "follow_up": Action(lambda *a: f.ReasonForm(*a, prefix="follow"),
                            lambda form: ls.letter_follow_up(letter=letter, actor=user, note=form.cleaned_data["reason"])
                            and "已督办，单位需重新回复。", allowed=manage and status == "replied"),
    }
    response, forms, open_action = dispatch(request, actions, success_url=reverse("oversight:letter", args=[letter.pk]))
    if response:
        return response
    source_url = ""
    if letter.source_type == OpinionLetter.Source.COMPLAINT and letter.source_id:
        source_url = reverse("oversight:complaint", args=[letter.source_id])
    elif letter.source_type == OpinionLetter.Source.INSPECTION and letter.source_id:
        source_url = reverse("oversight:inspection", args=[letter.source_id])
    return render(request, "oversight/letter_detail.html", {
        "l": letter, "forms": forms, "open_action": open_action, "today": timezone.localdate(), "history": history(letter),
        "source_url": source_url, "rectifications": selectors.rectifications_from(user, "letter", letter.pk),
        "page_title": letter.title, "breadcrumbs": [("监督意见书", reverse("oversight:letters")), (letter.number, None)],
    })


