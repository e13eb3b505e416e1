from __future__ import annotations

from datetime import date

from django.utils import timezone
from ninja import Router, Schema

from jiandu.core import holidays, notifications, policy, scope
from jiandu.core.models import BackgroundJob, Notification

router = Router(tags=["公共机制"])


class WorkdayOut(Schema):
    start: date
    working_days: int
    deadline: date


@router.get("/workdays/add", response=WorkdayOut, summary="工作日期限计算（起算日不计入）")
def workdays_add(request, start: date, working_days: int):
    if working_days < 0 or working_days > 365:
        from jiandu.core.errors import InvalidInput

        raise InvalidInput(details={"working_days": "工作日数应在 0 至 365 之间。"})
    deadline = holidays.load_calendar().add_working_days(start, working_days)
    return {"start": start, "working_days": working_days, "deadline": deadline}


class PolicyOut(Schema):
    key: str
    value: object
    effective_from: date
    legal_reference: str
    label: str


@router.get("/policy/{key}", response=PolicyOut, summary="按日期读取政策参数")
def policy_value(request, key: str, on: date | None = None):
    unit = request.user.unit
    r = policy.resolve(key, on=on or timezone.localdate(), jurisdiction=unit)
    return {"key": r.key, "value": r.value, "effective_from": r.effective_from,
            "legal_reference": r.legal_reference, "label": r.label}


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    link: str
    category: str
    created_at: object
    read: bool


@router.get("/notifications", response=list[NotificationOut], summary="我的站内通知（最近100条）")
def my_notifications(request, unread: bool = False):
    qs = Notification.objects.filter(recipient=request.user)
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return [
        {"id": n.id, "title": n.title, "body": n.body, "link": n.link, "category": n.category,
         "created_at": n.created_at, "read": n.read_at is not None}
        for n in qs[:100]
    ]


@router.post("/notifications/read", summary="全部标为已读")
def read_all(request):
    return {"marked": notifications.mark_read(request.user)}


class JobOut(Schema):
    id: int
    kind: str
    label: str
    status: str
    stage: str
    progress_done: int
    progress_total: int
    percent: int
    message: str
    errors: object | None
    result: object | None


@router.get("/jobs/{job_id}", response=JobOut, summary="后台任务进度")
def job_status(request, job_id: int):
    return scope.get_visible(BackgroundJob.objects.all(), request.user, id=job_id)
