"""``manage.py verify_draw <review>``: re-run a case-file review's recorded draw (R-SUP-6).

Exits with an error when the recorded draw does not follow from its seed and population, when
the recorded population no longer matches its digest, or when the population of files has
changed since the draw (files added or removed are listed).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from jiandu.oversight.models import ReviewCampaign
from jiandu.oversight.services.reviews import CATEGORY_LABELS, review_verify


class Command(BaseCommand):
    help = "核验案卷评查的随机抽取：用记录的随机种子与抽取总体重新抽取，并检查总体是否变化。"

    def add_arguments(self, parser):
        parser.add_argument("review", type=int, help="案卷评查编号")

    def handle(self, *args, **options):
        campaign = ReviewCampaign.objects.filter(pk=options["review"]).first()
        if campaign is None:
            raise CommandError(f"没有编号为 {options['review']} 的案卷评查。")
        if not campaign.is_drawn:
            raise CommandError(f"“{campaign.title}”尚未抽取案卷。")
        result = review_verify(campaign)
        self.stdout.write(f"{campaign.title}")
        self.stdout.write(f"  随机种子：{campaign.seed}；每类抽取 {campaign.sample_size} 件（范围 {campaign.sample_min}–{campaign.sample_max}）")
        self.stdout.write(f"  记录的总体摘要：{result.recorded_digest}")
        self.stdout.write(f"  当前的总体摘要：{result.current_digest}")
        problems = []
        if result.draw_reproduced:
            self.stdout.write(self.style.SUCCESS("  抽取结果可以复现：用记录的种子与总体重新抽取，结果与记录一致。"))
        else:
            strata = "、".join(f"单位{u}·{CATEGORY_LABELS.get(c, c)}" for u, c in result.mismatched_strata)
            problems.append(f"抽取结果与记录不一致（{strata}）")
        if not result.digest_matches_record:
            problems.append("记录的抽取总体与其摘要不符（记录可能被改动）")
        if result.population_unchanged:
            self.stdout.write(self.style.SUCCESS("  抽取总体未变：当前案卷与抽取时一致。"))
        else:
            for change in result.changes:
                unit_id, category = change.stratum
                self.stdout.write(f"  单位{unit_id}·{CATEGORY_LABELS.get(category, category)}：新增 {list(change.added)}，"
                                  f"减少 {list(change.removed)}")
            problems.append("抽取总体已变化（抽取后有案卷被新增或删除）")
        if problems:
            raise CommandError("；".join(problems) + "。")
