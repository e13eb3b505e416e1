"""Every state change of the criminal linkage (R-LNK-1…4): one function per use case."""

from __future__ import annotations

from jiandu.linkage.services.meetings import meeting_record, meeting_task_add, meeting_task_complete
from jiandu.linkage.services.risk import (
    case_quantity_record,
    risk_evaluate_case,
    risk_flag_resolve,
    risk_rule_create,
    risk_rule_deactivate,
)
from jiandu.linkage.services.transfers import (
    default_police_unit,
    material_verify,
    supervision_record,
    transfer_act,
    transfer_material_add,
    transfer_propose,
)

__all__ = [
    "case_quantity_record", "default_police_unit", "material_verify", "meeting_record", "meeting_task_add",
    "meeting_task_complete", "risk_evaluate_case", "risk_flag_resolve", "risk_rule_create", "risk_rule_deactivate",
    "supervision_record", "transfer_act", "transfer_material_add", "transfer_propose",
]
