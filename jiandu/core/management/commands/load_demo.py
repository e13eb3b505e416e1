from __future__ import annotations

import importlib
import random
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from jiandu.organization.models import Unit


class DemoContext(dict):
    """What each app's ``demo.load(ctx)`` shares with the next: units by name, accounts, a seeded
    random generator (the demo is the same on every machine), and ``today``."""

    def __init__(self, *, seed: int, today, stdout):
        super().__init__()
        self.random = random.Random(seed)
        self.today = today
        self.stdout = stdout
        self.accounts: list[tuple[str, str, str, str]] = []  # (username, role label, unit, note)

    def unit(self, name: str) -> Unit:
        return self["units"][name]


class Command(BaseCommand):
    help = "载入华容区演示数据（单位、各角色演示账号、执法人员及其历史……）。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库中已有单位时不做任何事")
        parser.add_argument("--seed", type=int, default=20230320)

    def handle(self, *args, **options):
        if options["if_empty"] and Unit.objects.exists():
            self.stdout.write("已有数据，跳过演示数据载入。")
            return
        if Unit.objects.exists():
            self.stderr.write("数据库中已有单位数据：演示数据只能载入空数据库（可使用 --if-empty）。")
            raise SystemExit(2)
        from django.utils import timezone

        ctx = DemoContext(seed=options["seed"], today=timezone.localdate(), stdout=self.stdout)
        with transaction.atomic():
            for config in apps.get_app_configs():
                if not config.name.startswith("jiandu."):
                    continue
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                self.stdout.write(f"==> {config.verbose_name}")
                started = time.monotonic()
                module.load(ctx)
                self.stdout.write(f"    用时 {time.monotonic() - started:.1f} 秒")
        self.stdout.write(self.style.SUCCESS("演示数据已载入。演示账号（密码均为 %s）：" % ctx["password"]))
        for username, role, unit, note in ctx.accounts:
            self.stdout.write(f"  {username:<16} {role:<12} {unit}{'  ' + note if note else ''}")
