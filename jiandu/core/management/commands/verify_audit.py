from __future__ import annotations

from django.core.management.base import BaseCommand

from jiandu.core import audit


class Command(BaseCommand):
    help = "校验审计链：逐条重算哈希，报告第一条断裂的事件（R-PLT-2）。"

    def handle(self, *args, **options):
        result = audit.verify()
        if result.ok:
            self.stdout.write(self.style.SUCCESS(f"OK：审计链完整，共校验 {result.checked} 条事件。"))
            return
        self.stdout.write(self.style.ERROR(
            f"BROKEN：第 {result.position} 条事件（序号 {result.broken_seq}）{result.problem}"
        ))
        raise SystemExit(1)
