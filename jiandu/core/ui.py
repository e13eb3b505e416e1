"""Page composition shared by every app: navigation entries and dashboard widgets.

Each app contributes without editing shared templates:

- ``jiandu/<app>/nav.py`` defines ``items(user) -> list[NavItem]``;
- ``jiandu/<app>/dashboard.py`` defines ``widgets(user, today) -> list[Widget]``.

Both are discovered at start-up in the order of ``INSTALLED_APPS``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str = "circle"
    group: str = ""
    url_kwargs: dict[str, Any] = field(default_factory=dict)
    badge: int | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name, kwargs=self.url_kwargs or None)


@dataclass
class Widget:
    """A dashboard card: ``template`` is rendered with ``context``; lower ``order`` comes first.
    ``size`` is the Bootstrap column width on large screens (12 = full row)."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100
    size: int = 6


def _modules(name: str):
    for config in apps.get_app_configs():
        if not config.name.startswith("jiandu."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise


def nav_items(user) -> list[NavItem]:
    items: list[NavItem] = []
    for module in _modules("nav"):
        items.extend(module.items(user))
    return items


def nav_groups(user) -> list[tuple[str, list[NavItem]]]:
    groups: dict[str, list[NavItem]] = {}
    for item in nav_items(user):
        groups.setdefault(item.group, []).append(item)
    return list(groups.items())


def dashboard_widgets(user, today) -> list[Widget]:
    widgets: list[Widget] = []
    for module in _modules("dashboard"):
        widgets.extend(module.widgets(user, today))
    return sorted(widgets, key=lambda w: w.order)


def panels(hook: str, *args: Any) -> list[Widget]:
    """Cards other apps add to a record's page, e.g. ``panels("officer_panels", user, officer)``
    collects ``officer_panels(user, officer)`` from every app's ``panels.py`` (standards shows an
    officer's due-diligence exemptions; cases shows the officer's open cases)."""
    result: list[Widget] = []
    for module in _modules("panels"):
        func = getattr(module, hook, None)
        if func is not None:
            result.extend(func(*args))
    return sorted(result, key=lambda w: w.order)
