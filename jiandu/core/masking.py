"""Masking of personal data shown to the public (R-CAS-7, R-PLT-8, 个人信息保护法).

Rules follow common practice on Chinese disclosure sites:
- ID number: keep the first 6 (region) and last 4 → ``420703********123X``.
- Mobile phone: keep first 3 and last 4 → ``138****5678``; other numbers keep the last 4.
- Name of an individual: keep the surname → ``张*``, ``欧阳**`` for known two-character surnames.
- Address: keep up to the township/street level, drop the rest → ``湖北省鄂州市华容区华容镇****``.
Organisations' names are not personal data and are not masked.
"""

from __future__ import annotations

import re

COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯")
_ADDRESS_KEEP = re.compile(r"^(.*?(?:省|自治区))?(.*?(?:市|自治州|地区|盟))?(.*?(?:区|县|市|旗))?(.*?(?:镇|乡|街道|办事处))?")


def mask_id_number(value: str) -> str:
    value = (value or "").strip()
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + digits[-4:]
    return "*" * len(digits)


def mask_name(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    surname = next((s for s in COMPOUND_SURNAMES if value.startswith(s) and len(value) > len(s)), value[0])
    return surname + "*" * max(1, len(value) - len(surname))


def mask_address(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    match = _ADDRESS_KEEP.match(value)
    kept = "".join(g for g in (match.groups() if match else ()) if g)
    if not kept or kept == value:
        kept = value[: max(0, len(value) // 3)]
    return kept + "****"


_ID_IN_TEXT = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")
_MOBILE_IN_TEXT = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_text(text: str) -> str:
    """Mask ID numbers and mobile numbers that appear inside free text (e.g. a decision's facts)."""
    text = _ID_IN_TEXT.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text or "")
    return _MOBILE_IN_TEXT.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
