from __future__ import annotations

from django.urls import path

from jiandu.core import views

app_name = "core"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read, name="inbox_read_all"),
    path("inbox/<int:notification_id>/read/", views.inbox_read, name="inbox_read"),
    path("jobs/", views.jobs, name="jobs"),
    path("jobs/<int:job_id>/", views.job_detail, name="job"),
    path("documents/<int:document_id>/download/", views.document_download, name="document_download"),
    path("system/policy/", views.policy_list, name="policy"),
    path("system/calendar/", views.calendar_view, name="calendar"),
    path("system/audit/", views.audit_list, name="audit"),
]
