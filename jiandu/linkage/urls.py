from __future__ import annotations

from django.urls import path

from jiandu.linkage import views

app_name = "linkage"

urlpatterns = [
    path("transfers/", views.transfer_list, name="transfers"),
    path("transfers/received/", views.transfer_queue, name="queue"),
    path("transfers/new/", views.transfer_new, name="transfer_new"),
    path("transfers/<int:transfer_id>/", views.transfer_detail, name="transfer"),
    path("transfers/<int:transfer_id>/act/", views.transfer_act, name="transfer_act"),
    path("transfers/<int:transfer_id>/materials/", views.material_add, name="material_add"),
    path("transfers/<int:transfer_id>/materials/<int:material_id>/", views.material_download, name="material"),
    path("transfers/<int:transfer_id>/supervise/", views.supervise, name="supervise"),
    path("supervision/", views.supervision, name="supervision"),
    path("flags/", views.flag_list, name="flags"),
    path("flags/<int:flag_id>/", views.flag_detail, name="flag"),
    path("cases/<int:case_id>/evaluate/", views.case_evaluate, name="case_evaluate"),
    path("cases/<int:case_id>/quantity/", views.case_quantity, name="case_quantity"),
    path("rules/", views.rule_list, name="rules"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
]
