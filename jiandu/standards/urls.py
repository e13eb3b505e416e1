from __future__ import annotations

from django.urls import path

from jiandu.standards.views import exemptions, items

app_name = "standards"

urlpatterns = [
    # item lists (R-STD-1)
    path("items/", items.item_lists, name="item_lists"),
    path("items/unit/<int:unit_id>/", items.unit_items, name="unit_items"),
    path("items/unit/<int:unit_id>/draft/", items.open_draft, name="item_open_draft"),
    path("items/unit/<int:unit_id>/import/", items.import_page, name="import"),
    path("items/unit/<int:unit_id>/template.xlsx", items.import_template, name="import_template"),
    path("items/import/<int:job_id>/", items.import_status, name="import_status"),
    path("items/import/<int:job_id>/errors.csv", items.import_errors_csv, name="import_errors"),
    path("items/list/<int:list_id>/", items.item_list_detail, name="item_list"),
    path("items/list/<int:list_id>/export.xlsx", items.item_list_export, name="item_list_export"),
    path("items/list/<int:list_id>/add/", items.item_edit, name="item_add"),
    path("items/list/<int:list_id>/<str:action>/", items.item_list_action, name="item_list_action"),
    path("items/item/<int:item_id>/edit/", items.item_edit, name="item_edit"),
    path("items/item/<int:item_id>/delete/", items.item_delete, name="item_delete"),
    # due-diligence exemptions (R-STD-2)
    path("exemptions/", exemptions.exemption_list, name="exemptions"),
    path("exemptions/new/", exemptions.exemption_new, name="exemption_new"),
    path("exemptions/<int:exemption_id>/", exemptions.exemption_detail, name="exemption"),
    path("exemptions/<int:exemption_id>/withdraw/", exemptions.exemption_withdraw, name="exemption_withdraw"),
]
