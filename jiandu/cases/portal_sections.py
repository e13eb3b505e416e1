from __future__ import annotations

from django.urls import reverse

from jiandu.portal.sections import Section


def sections() -> list[Section]:
    return [Section("行政执法决定公示", "行政处罚、行政许可决定依法公示，个人信息已脱敏；可下载开放数据。",
                    reverse("cases_public:list"), icon="megaphone", order=20)]
