"""Entries of the standards on the public portal's home page (R-PUB-1)."""

from __future__ import annotations

from django.urls import reverse

from jiandu.portal.sections import Section


def sections() -> list[Section]:
    return [
        Section("行政执法事项清单", "各执法单位现行公布的行政处罚、行政强制、行政许可等执法事项及其法律依据",
                reverse("standards_public:items"), icon="journal-text", order=10),
        Section("“四张清单”", "不予处罚、从轻处罚、减轻处罚、免予行政强制事项及适用条件",
                reverse("standards_public:four_lists"), icon="list-check", order=11),
        Section("行政处罚裁量基准", "各执法单位公布的行政处罚自由裁量权基准：情形、罚款幅度与可并处的处罚",
                reverse("standards_public:benchmarks"), icon="sliders", order=12),
        Section("行政执法“三项制度”", "行政执法公示、执法全过程记录、重大执法决定法制审核制度文本",
                reverse("standards_public:systems"), icon="file-earmark-text", order=13),
    ]
