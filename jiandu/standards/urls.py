from __future__ import annotations

from django.urls import path

from jiandu.standards.views import benchmarks, exemptions, four_lists, items, ledgers, systems

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
    # four lists (R-STD-5)
    path("four-lists/", four_lists.overview, name="four_lists"),
    path("four-lists/unit/<int:unit_id>/", four_lists.unit_page, name="unit_four_lists"),
    path("four-lists/unit/<int:unit_id>/draft/", four_lists.open_draft, name="four_list_open_draft"),
    path("four-lists/list/<int:list_id>/", four_lists.detail, name="four_list"),
    path("four-lists/list/<int:list_id>/<str:action>/", four_lists.action, name="four_list_action"),
    path("four-lists/entry/<int:entry_id>/edit/", four_lists.entry_edit, name="four_list_entry_edit"),
    path("four-lists/entry/<int:entry_id>/delete/", four_lists.entry_delete, name="four_list_entry_delete"),
    # discretion benchmarks (R-STD-6)
    path("benchmarks/", benchmarks.overview, name="benchmarks"),
    path("benchmarks/unit/<int:unit_id>/", benchmarks.unit_page, name="unit_benchmarks"),
    path("benchmarks/unit/<int:unit_id>/draft/", benchmarks.open_draft, name="benchmark_open_draft"),
    path("benchmarks/set/<int:set_id>/", benchmarks.set_detail, name="benchmark_set"),
    path("benchmarks/set/<int:set_id>/<str:action>/", benchmarks.action, name="benchmark_set_action"),
    path("benchmarks/item/<int:benchmark_id>/", benchmarks.benchmark_detail, name="benchmark"),
    path("benchmarks/item/<int:benchmark_id>/delete/", benchmarks.benchmark_delete, name="benchmark_delete"),
    path("benchmarks/tier/<int:tier_id>/edit/", benchmarks.tier_edit, name="tier_edit"),
    path("benchmarks/tier/<int:tier_id>/delete/", benchmarks.tier_delete, name="tier_delete"),
    # due-diligence exemptions (R-STD-2)
    path("exemptions/", exemptions.exemption_list, name="exemptions"),
    path("exemptions/new/", exemptions.exemption_new, name="exemption_new"),
    path("exemptions/<int:exemption_id>/", exemptions.exemption_detail, name="exemption"),
    path("exemptions/<int:exemption_id>/withdraw/", exemptions.exemption_withdraw, name="exemption_withdraw"),
    # three systems (R-STD-4)
    path("systems/", systems.overview, name="systems"),
    path("systems/unit/<int:unit_id>/", systems.unit_page, name="unit_systems"),
    path("systems/doc/<int:doc_id>/download/", systems.download, name="system_download"),
    path("systems/doc/<int:doc_id>/<str:action>/", systems.action, name="system_action"),
    # legal advisors (R-STD-3)
    path("advisors/", ledgers.advisors, name="advisors"),
    path("advisors/unit/<int:unit_id>/", ledgers.unit_advisors, name="unit_advisors"),
    path("advisors/<int:advisor_id>/", ledgers.advisor_detail, name="advisor"),
    # venues (R-STD-7)
    path("venues/", ledgers.venues, name="venues"),
    path("venues/unit/<int:unit_id>/", ledgers.unit_venues, name="unit_venues"),
    path("venues/unit/<int:unit_id>/room/<int:venue_id>/", ledgers.unit_venues, name="venue_edit"),
    path("venues/room/<int:venue_id>/retire/", ledgers.venue_retire, name="venue_retire"),
    # equipment (R-STD-8) and AV evidence (R-STD-9)
    path("equipment/", ledgers.equipment, name="equipment"),
    path("equipment/unit/<int:unit_id>/", ledgers.unit_equipment, name="unit_equipment"),
    path("equipment/item/<int:equipment_id>/", ledgers.equipment_detail, name="equipment_item"),
    path("av/", ledgers.av_records, name="av"),
    path("av/new/", ledgers.av_new, name="av_new"),
    path("av/<int:record_id>/", ledgers.av_detail, name="av_record"),
]
