"""Entries of the public portal's home page. Each app that publishes something adds a section
in its own ``portal_sections.py`` (``sections() -> list[Section]``), discovered like nav items."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Section:
    title: str
    description: str
    url: str
    icon: str = "file-earmark-text"
    order: int = 100


def all_sections() -> list[Section]:
    result: list[Section] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jiandu."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.portal_sections")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.portal_sections":
                raise
            continue
        result.extend(module.sections())
    return sorted(result, key=lambda s: s.order)
