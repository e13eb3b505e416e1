"""Entries of the supervision app on the public portal's home page."""

from __future__ import annotations

from django.urls import reverse

from jiandu.portal.sections import Section


def sections() -> list[Section]:
    return [
        Section("投诉举报", "对行政执法行为进行投诉或举报，举报可匿名，提交后获得查询码。",
                reverse("oversight_public:complaint_new"), icon="megaphone", order=40),
        Section("投诉举报办理查询", "凭查询码查看办理进度和答复意见。", reverse("oversight_public:complaint_track"),
                icon="search", order=41),
        Section("法治督察通报", "法治督察（一听二查三问四反）发现的问题及整改要求。", reverse("oversight_public:inspections"),
                icon="clipboard2-check", order=42),
        Section("案卷评查结果", "行政执法案卷评查结果通报，以及随机抽取的公开核验。", reverse("oversight_public:reviews"),
                icon="folder-check", order=43),
    ]
