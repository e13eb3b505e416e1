"""Venue compliance with the six-haves (“六有”, R-STD-7, plan §二(三)7).

A room lacks a feature when it does not have it; the window guard is only required for rooms at or
above ``window_guard_min_floor`` (the plan: "有窗户防栏（二楼以上）", a dated parameter). A unit
complies when it has a room serving interrogation and one serving hearing (a combined room serves
both) and none of its rooms in use lacks anything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

FEATURES: tuple[tuple[str, str], ...] = (
    ("dedicated_room", "专用房间"),
    ("furniture", "配套桌椅"),
    ("av_monitoring", "音视频监控"),
    ("computer_printer", "电脑打印设备"),
    ("window_guard", "窗户防护栏"),
    ("name_plates", "专用席卡"),
)
INTERROGATION, HEARING, COMBINED = "interrogation", "hearing", "combined"


def venue_missing(features: Mapping[str, bool], *, floor: int, window_guard_min_floor: int) -> list[str]:
    """Labels of the six-haves this room lacks, in the plan's order."""
    missing = []
    for key, label in FEATURES:
        if key == "window_guard" and floor < window_guard_min_floor:
            continue
        if not features.get(key, False):
            missing.append(label)
    return missing


@dataclass(frozen=True)
class RoomFacts:
    name: str
    purpose: str
    missing: tuple[str, ...]


@dataclass
class UnitCompliance:
    compliant: bool
    has_interrogation: bool
    has_hearing: bool
    problems: list[str] = field(default_factory=list)
    room_count: int = 0


def unit_compliance(rooms: Sequence[RoomFacts], *, purpose_labels: Mapping[str, str] | None = None) -> UnitCompliance:
    labels = purpose_labels or {INTERROGATION: "询问室", HEARING: "听证室", COMBINED: "询问室、听证室合一"}
    has_interrogation = any(r.purpose in (INTERROGATION, COMBINED) for r in rooms)
    has_hearing = any(r.purpose in (HEARING, COMBINED) for r in rooms)
    problems = []
    if not has_interrogation:
        problems.append("未设询问室")
    if not has_hearing:
        problems.append("未设听证室")
    for room in rooms:
        if room.missing:
            problems.append(f"{labels.get(room.purpose, '')}“{room.name}”缺少：{'、'.join(room.missing)}")
    return UnitCompliance(compliant=not problems, has_interrogation=has_interrogation, has_hearing=has_hearing,
                          problems=problems, room_count=len(rooms))
