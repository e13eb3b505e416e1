"""The public portal's entry for the certificate check (R-PUB-2)."""

from __future__ import annotations

from django.urls import reverse

from jiandu.portal.sections import Section


def sections() -> list[Section]:
    return [Section("行政执法证件查询", "输入执法证号，核验执法人员姓名、所在单位与证件状态", reverse("personnel_public:check"),
                    icon="person-vcard", order=20)]
