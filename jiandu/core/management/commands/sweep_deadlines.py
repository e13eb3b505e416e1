from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from jiandu.core.sweeps import run_all


class Command(BaseCommand):
    help = "扫描各类期限：即将到期与已逾期的事项发出提醒（幂等，可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="按指定日期扫描（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options):
        today = options["today"] or timezone.localdate()
        results = run_all(today)
        for app, counts in results.items():
            summary = "，".join(f"{k}={v}" for k, v in counts.items()) or "无"
            self.stdout.write(f"{app}: {summary}")
        self.stdout.write(self.style.SUCCESS(f"期限扫描完成（{today}）。"))
