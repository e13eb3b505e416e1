"""R-CAS-7 / R-PLT-8: personal data is masked where published."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiandu.core.masking import mask_address, mask_id_number, mask_name, mask_phone, mask_text


def test_id_number_keeps_region_and_last_four():
    assert mask_id_number("42070319850312123X") == "420703********123X"


def test_mobile_keeps_first_three_and_last_four():
    assert mask_phone("13807115678") == "138****5678"
    assert mask_phone("027-60586058") == "*******6058"


@pytest.mark.parametrize(("name", "masked"), [("张三", "张*"), ("李晓东", "李**"), ("欧阳明", "欧阳*"), ("王", "王*")])
def test_names_keep_the_surname_only(name, masked):
    assert mask_name(name) == masked


def test_address_keeps_down_to_the_township_only():
    assert mask_address("湖北省鄂州市华容区华容镇楚藩大道220号3栋2单元") == "湖北省鄂州市华容区华容镇****"
    assert "220" not in mask_address("华容区楚藩大道220号")


def test_id_and_phone_inside_free_text_are_masked():
    text = "当事人张三（身份证号42070319850312123X，电话13807115678）于2026年"
    masked = mask_text(text)
    assert "42070319850312123X" not in masked and "13807115678" not in masked
    assert "420703********123X" in masked and "138****5678" in masked
    assert "2026年" in masked


@given(st.from_regex(r"[1-6][0-9]{16}[0-9X]", fullmatch=True))
def test_no_middle_digit_of_an_id_number_survives(idn):
    masked = mask_id_number(idn)
    assert masked[6:14] == "********" and len(masked) == 18
