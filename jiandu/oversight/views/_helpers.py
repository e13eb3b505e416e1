"""What every supervision page shares: running one of a record's actions from a POST, labels."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.shortcuts import redirect

from jiandu.core import audit
from jiandu.core.errors import DomainError, Forbidden
from jiandu.core.views import form_error


@dataclass
class Action:
    """One thing a user may do on a page: the form that collects it and the service call."""

    form: Callable[..., forms.Form]
    run: Callable[[forms.Form], str]  # returns the success message
    allowed: bool = True


def dispatch(request, actions: dict[str, Action], *, success_url: str):
    """Bind and run the posted action. Returns ``(response, forms, open_action)``: a redirect after
    success, or the forms (the failed one bound, with the service's Chinese message on it)."""
    bound = {name: a.form() for name, a in actions.items() if a.allowed}
    if request.method != "POST":
        return None, bound, None
    name = request.POST.get("action", "")
    action = actions.get(name)
    if action is None or not action.allowed:
        raise Forbidden()
    form = action.form(request.POST, request.FILES)
    bound[name] = form
    if form.is_valid():
        try:
            message = action.run(form)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, message)
            return redirect(success_url), bound, None
    return None, bound, name


ACTION_LABELS = {
    "complaint.receive": "收到", "complaint.accept": "受理", "complaint.reject": "不予受理", "complaint.assign": "交办",
    "complaint.handle": "办结", "complaint.reply": "反馈",
    "letter.issue": "制发", "letter.reply": "单位回复", "letter.follow_up": "督办", "letter.close": "办结",
    "rectification.open": "列入整改台账", "rectification.submit": "报送整改情况", "rectification.close_out": "销号",
    "rectification.send_back": "退回重新整改",
    "inspection.plan": "制定督察方案", "inspection.record_step": "记录督察环节", "inspection.conclude": "完成督察",
    "inspection.publish": "发布通报",
    "campaign.launch": "启动", "campaign.conclude": "结束",
    "review.launch": "启动评查", "review.rubric_set": "修改评分标准", "review.draw": "随机抽取案卷",
    "review.conclude": "完成评查", "review.publish": "发布结果通报",
    "joint_input.record": "登记", "joint_input.respond": "登记办理情况",
    "supervisor.appoint": "聘任", "supervisor.dismiss": "解聘",
}


def _detail(event, units: dict[int, str]) -> str:
    """What the event's reason does not say: which unit and which of 一听二查三问四反 a step was."""
    if event.action == "inspection.record_step" and isinstance(event.after, dict):
        from jiandu.oversight.models import InspectionStep

        kind = dict(InspectionStep.Kind.choices).get(event.after.get("kind"), "")
        unit = units.get(event.after.get("target"), "")
        return f"{unit}：{kind}（{event.after.get('done_on', '')}）" if unit else kind
    return event.reason


def history(obj) -> list[dict[str, Any]]:
    """The record's events from the audit chain, oldest first, with Chinese labels."""
    from jiandu.organization.models import Unit

    events = list(audit.history(obj))
    targets = {e.after.get("target") for e in events if e.action == "inspection.record_step" and isinstance(e.after, dict)}
    units = {u.pk: u.display_name for u in Unit.objects.filter(pk__in=[t for t in targets if t])} if targets else {}
    return [
        {"when": e.occurred_at, "who": e.actor_name, "what": ACTION_LABELS.get(e.action, e.action),
         "reason": _detail(e, units)}
        for e in events
    ]


def client_ip(request) -> str:
    """The client address for rate limiting. Behind a reverse proxy, configure it to set
    REMOTE_ADDR (X-Forwarded-For is not trusted here: anyone can send it)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"
