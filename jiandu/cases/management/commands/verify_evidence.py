from __future__ import annotations

from django.core.management.base import BaseCommand

from jiandu.cases.models import Evidence
from jiandu.cases.services import verify_files


class Command(BaseCommand):
    help = "重新计算执法全过程记录文件的 SHA-256，报告被篡改或缺失的文件（R-CAS-6）。发现异常时退出码为 1。"

    def add_arguments(self, parser):
        parser.add_argument("--case", type=int, help="只校验指定案件（案件 ID）")

    def handle(self, *args, **options):
        qs = Evidence.objects.all()
        if options.get("case"):
            qs = qs.filter(case_id=options["case"])
        report = verify_files(qs)
        for t in report.tampered:
            self.stdout.write(f"被篡改：{t['case_number']} “{t['title']}”（记录 #{t['evidence']}）登记 {t['expected'][:16]}… 实际 {t['actual'][:16]}…")
        for m in report.missing:
            self.stdout.write(f"缺失：{m['case_number']} “{m['title']}”（记录 #{m['evidence']}）")
        summary = f"共校验 {report.checked} 个文件，正常 {report.ok} 个，被篡改 {len(report.tampered)} 个，缺失 {len(report.missing)} 个。"
        if report.clean:
            self.stdout.write(self.style.SUCCESS(summary))
        else:
            self.stdout.write(self.style.ERROR(summary))
            raise SystemExit(1)
