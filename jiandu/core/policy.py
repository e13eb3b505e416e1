"""Dated policy parameters (R-PLT-3): every figure of the plan or of a statute is read here.

    policy.value("training.min_hours", on=date(2026, 5, 1), jurisdiction=unit)

Resolution: among the values of ``key`` whose ``effective_from`` ≤ ``on``, the one set for the
most specific jurisdiction at or above ``jurisdiction`` wins (a township's own value beats the
district's, which beats the platform default); within one jurisdiction the latest date wins.

Defaults ship as ``policy_defaults.toml`` files (one per app), each value with its legal or plan
reference, and are loaded into the table after every migration without overwriting edits.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.db import transaction

from jiandu.core.errors import DomainError


class PolicyMissing(DomainError):
    status = 500

    def __init__(self, key: str, on: date):
        super().__init__(
            "policy_missing",
            f"政策参数“{key}”在{on:%Y年%m月%d日}没有生效的取值，请在“政策参数”中设置。",
            details={"key": key, "on": on.isoformat()},
        )


@dataclass(frozen=True)
class Resolved:
    key: str
    value: Any
    effective_from: date
    legal_reference: str
    label: str
    jurisdiction_id: int | None


def resolve(key: str, *, on: date, jurisdiction=None) -> Resolved:
    from jiandu.core.models import PolicyParameter

    ancestor_ids = jurisdiction.ancestor_ids() if jurisdiction is not None else []
    rows = list(
        PolicyParameter.objects.filter(key=key, effective_from__lte=on)
        .filter(jurisdiction_id__in=ancestor_ids)
        .values("value", "effective_from", "legal_reference", "label", "jurisdiction_id")
    ) + list(
        PolicyParameter.objects.filter(key=key, effective_from__lte=on, jurisdiction__isnull=True).values(
            "value", "effective_from", "legal_reference", "label", "jurisdiction_id"
        )
    )
    if not rows:
        raise PolicyMissing(key, on)
    depth = {uid: i for i, uid in enumerate(ancestor_ids)}  # root first: a higher index is closer
    best = max(rows, key=lambda r: (depth.get(r["jurisdiction_id"], -1), r["effective_from"]))
    return Resolved(key=key, **best)


def value(key: str, *, on: date, jurisdiction=None) -> Any:
    return resolve(key, on=on, jurisdiction=jurisdiction).value


def values(keys: list[str] | tuple[str, ...], *, on: date, jurisdiction=None) -> dict[str, Any]:
    return {k: value(k, on=on, jurisdiction=jurisdiction) for k in keys}


# --- shipped defaults ------------------------------------------------------------------------


def default_files() -> list[Path]:
    files = []
    for config in django_apps.get_app_configs():
        if config.name.startswith("jiandu."):
            path = Path(config.path) / "policy_defaults.toml"
            if path.exists():
                files.append(path)
    return files


def read_defaults() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in default_files():
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for entry in data.get("parameter", []):
            for required in ("key", "label", "value", "effective_from", "legal_reference"):
                if required not in entry:
                    raise ValueError(f"{path}: parameter {entry.get('key')!r} lacks {required!r}")
            entries.append(entry)
    return entries


@transaction.atomic
def load_defaults() -> int:
    """Insert shipped default values that are not in the table yet. Returns how many were added."""
    from jiandu.core.models import PolicyParameter

    existing = set(
        PolicyParameter.objects.filter(jurisdiction__isnull=True).values_list("key", "effective_from")
    )
    new = []
    for entry in read_defaults():
        effective = entry["effective_from"]
        if isinstance(effective, str):
            effective = date.fromisoformat(effective)
        if (entry["key"], effective) in existing:
            continue
        new.append(
            PolicyParameter(
                key=entry["key"],
                jurisdiction=None,
                effective_from=effective,
                value=entry["value"],
                label=entry["label"],
                legal_reference=entry["legal_reference"],
                note=entry.get("note", ""),
            )
        )
        existing.add((entry["key"], effective))
    PolicyParameter.objects.bulk_create(new)
    return len(new)
