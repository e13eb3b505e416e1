"""Tables of the standards app (R-STD-1…9). Import models from here: ``standards.models.ItemList``."""

from __future__ import annotations

from jiandu.standards.models.advisors import AdvisorContract, AdvisorWork, LegalAdvisor
from jiandu.standards.models.base import VersionedList, VersionStatus
from jiandu.standards.models.benchmarks import Benchmark, BenchmarkSet, BenchmarkTier
from jiandu.standards.models.equipment import AvRecord, Equipment, EquipmentLoan, EquipmentRoom
from jiandu.standards.models.exemptions import Exemption
from jiandu.standards.models.four_lists import FourList, FourListEntry
from jiandu.standards.models.items import EnforcementItem, ItemList
from jiandu.standards.models.systems import SystemDocument
from jiandu.standards.models.venues import Venue

__all__ = [
    "AdvisorContract", "AdvisorWork", "AvRecord", "Benchmark", "BenchmarkSet", "BenchmarkTier", "EnforcementItem",
    "Equipment", "EquipmentLoan", "EquipmentRoom", "Exemption", "FourList", "FourListEntry", "ItemList",
    "LegalAdvisor", "SystemDocument", "Venue", "VersionStatus", "VersionedList",
]
