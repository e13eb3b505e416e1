"""R-STD-1: validation of item-list rows, shared by the Excel and the JSON import (issue #3, must hold 1)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiandu.standards.rules.items import COLUMNS, UnitRef, kind_lookup, map_headers, validate_rows

KINDS = {"penalty": "行政处罚", "coercion": "行政强制", "licensing": "行政许可", "inspection": "行政检查",
         "levy": "行政征收征用", "other": "其他行政权力"}
HOME, CHILD, NEIGHBOUR = UnitRef(1, "区市场监管局", True), UnitRef(2, "华容市场监管所", True), UnitRef(3, "区城管局", False)
UNITS = {"区市场监管局": [HOME], "t-scjg": [HOME], "华容市场监管所": [CHILD], "区城管局": [NEIGHBOUR],
         "市场监管所": [CHILD, UnitRef(4, "葛店市场监管所", True)]}


def row(**kw):
    base = {"code": "SC-001", "name": "对发布虚假广告的处罚", "kind": "行政处罚", "law_name": "《中华人民共和国广告法》",
            "law_article": "第五十五条", "legal_basis": "", "responsible_unit": "", "domain": "市场监管"}
    return {**base, **kw}


def check(rows, existing=None):
    return validate_rows(list(enumerate(rows, start=2)), kinds=KINDS, units=UNITS, default_unit_id=HOME.id,
                         existing_codes=existing)


def messages(result) -> list[tuple[int, str, str]]:
    return [(e.row, e.field, e.message) for e in result.errors]


def test_a_good_row_is_accepted_and_blank_responsible_unit_means_the_lists_own_unit():
    result = check([row()])
    assert result.ok and len(result.rows) == 1
    clean = result.rows[0]
    assert (clean.row, clean.code, clean.kind, clean.responsible_unit_id) == (2, "SC-001", "penalty", HOME.id)


@pytest.mark.parametrize("spelling", ["行政处罚", "处罚", "penalty"])
def test_a_kind_may_be_written_in_full_short_or_as_its_code(spelling):
    assert check([row(kind=spelling)]).rows[0].kind == "penalty"


def test_compound_and_other_kinds_have_their_short_forms():
    lookup = kind_lookup(KINDS)
    assert lookup["征收征用"] == lookup["征收"] == lookup["征用"] == "levy"
    assert lookup["其他"] == "other"


def test_each_missing_required_field_is_named_with_its_row():
    result = check([row(code="", name="", kind="", law_name="")])
    assert messages(result) == [
        (2, "事项编码", "“事项编码”为必填项。"), (2, "事项名称", "“事项名称”为必填项。"),
        (2, "事项类别", "“事项类别”为必填项。"), (2, "法律依据（法律法规名称）", "“法律依据（法律法规名称）”为必填项。"),
    ]


def test_a_kind_outside_the_list_is_refused_naming_the_allowed_kinds():
    (number, field, message), = messages(check([row(kind="行政指导")]))
    assert (number, field) == (2, "事项类别")
    assert message.startswith("事项类别“行政指导”不在清单范围内（可选：行政处罚、行政强制")


def test_a_code_repeated_in_the_file_names_the_first_row():
    result = check([row(), row(name="另一事项"), row(code="SC-002")])
    assert messages(result) == [(3, "事项编码", "事项编码“SC-001”与第 2 行重复。")]
    assert [r.code for r in result.rows] == ["SC-001", "SC-002"]


def test_a_code_already_in_the_draft_is_refused_when_appending():
    result = check([row()], existing={"SC-001": "对发布虚假广告的处罚"})
    assert messages(result) == [(2, "事项编码", "事项编码“SC-001”已在草稿中（对发布虚假广告的处罚），不能重复添加。")]


@pytest.mark.parametrize("code", ["SC 001", "事项一", "-SC", "SC/001"])
def test_codes_with_other_characters_are_refused(code):
    assert messages(check([row(code=code)]))[0][1] == "事项编码"


def test_a_code_typed_as_a_number_in_excel_is_read_as_text():
    assert check([row(code=330217001.0)]).rows[0].code == "330217001"


def test_text_is_trimmed_and_inner_whitespace_collapsed():
    assert check([row(name="  对发布虚假\n广告的处罚 ")]).rows[0].name == "对发布虚假 广告的处罚"


def test_overlong_fields_give_the_limit_and_the_length():
    (number, field, message), = messages(check([row(name="罚" * 201)]))
    assert message == "“事项名称”不能超过 200 个字（现为 201 个字）。"


def test_responsible_unit_by_name_short_name_or_code():
    assert check([row(responsible_unit="华容市场监管所")]).rows[0].responsible_unit_id == CHILD.id
    assert check([row(responsible_unit="t-scjg")]).rows[0].responsible_unit_id == HOME.id


def test_an_unknown_responsible_unit_is_refused():
    assert messages(check([row(responsible_unit="区宇宙局")])) == [
        (2, "实施主体", "实施主体“区宇宙局”不是系统中的单位，请填写单位全称、简称或单位编码。")]


def test_a_known_unit_outside_the_list_units_scope_is_refused():
    assert messages(check([row(responsible_unit="区城管局")])) == [
        (2, "实施主体", "实施主体“区城管局”不属于本单位或其下级单位，不能列入本单位的清单。")]


def test_an_ambiguous_unit_name_asks_for_the_code():
    assert messages(check([row(responsible_unit="市场监管所")]))[0][2] == "实施主体“市场监管所”对应多个单位，请填写单位编码。"


def test_every_bad_row_is_reported_not_only_the_first():
    result = check([row(), row(code="SC-002", kind="乱填"), row(code="SC-003", law_name=""), row(code="SC-004")])
    assert [e.row for e in result.errors] == [3, 4]
    assert not result.ok


def test_headers_are_found_in_any_order_and_with_required_marks():
    index, errors = map_headers(["执法领域", "事项编码*", "事项名称*", "事项类别*", "法律依据（法律法规名称）*", "条款"])
    assert errors == []
    assert index["code"] == 1 and index["domain"] == 0 and "legal_basis" not in index


def test_common_header_variants_are_accepted():
    index, errors = map_headers(["编码", "名称", "类别", "法律依据"])
    assert errors == [] and index == {"code": 0, "name": 1, "kind": 2, "law_name": 3}


def test_a_missing_required_column_is_reported_on_row_one():
    _, errors = map_headers(["事项编码", "事项名称"])
    assert [(e.row, e.field) for e in errors] == [(1, "事项类别"), (1, "法律依据（法律法规名称）")]


codes = st.from_regex(r"[A-Z]{2,4}-[0-9]{3}", fullmatch=True)


@given(st.lists(codes, min_size=1, max_size=30, unique=True), st.sampled_from(list(KINDS.values())))
def test_any_file_of_distinct_valid_rows_is_accepted_whole(code_list, kind):
    result = check([row(code=c, kind=kind) for c in code_list])
    assert result.ok and [r.code for r in result.rows] == code_list


@given(st.lists(codes, min_size=2, max_size=30))
def test_exactly_the_repeated_codes_are_refused(code_list):
    result = check([row(code=c) for c in code_list])
    assert len(result.errors) == len(code_list) - len(set(code_list))
    assert len(result.rows) == len(set(code_list))


def test_the_template_columns_are_the_ones_the_glossary_names():
    assert [k for k, *_ in COLUMNS] == ["code", "name", "kind", "law_name", "law_article", "legal_basis", "responsible_unit", "domain"]
