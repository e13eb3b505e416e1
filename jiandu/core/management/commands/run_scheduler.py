from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils import timezone

from jiandu.core.models import ScheduledRun
from jiandu.core.tasks import PERIODIC


class Command(BaseCommand):
    help = "周期任务调度：按间隔把期限扫描等任务放入后台队列（可多实例运行，不会重复）。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="只检查一次后退出")

    def handle(self, *args, **options):
        while True:
            now = timezone.now()
            for name, (task, minutes) in PERIODIC.items():
                slot = int(now.timestamp() // (minutes * 60))
                try:
                    with transaction.atomic():
                        ScheduledRun.objects.create(name=name, slot=slot)
                        task.enqueue()
                except IntegrityError:
                    continue  # another scheduler claimed this slot
                self.stdout.write(f"{now:%Y-%m-%d %H:%M} enqueued {name}")
            if options["once"]:
                return
            time.sleep(30)
