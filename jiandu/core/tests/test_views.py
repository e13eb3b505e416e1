"""Shared page helpers: refusal messages on forms, the sidebar."""

from __future__ import annotations


def test_form_error_shows_each_refusal_message_once(db):
    from django import forms

    from jiandu.core.errors import InvalidInput
    from jiandu.core.views import form_error

    class F(forms.Form):
        name = forms.CharField()

    form = F(data={"name": "x"})
    form.is_valid()
    form_error(form, InvalidInput("同一原因。", details={"other": "同一原因。", "name": "名称有误。"}))
    assert form.non_field_errors() == ["同一原因。"]
    assert form.errors["name"] == ["名称有误。"]


def test_the_sidebar_highlights_the_section_of_a_sub_page(client_for):
    page = client_for("agency").get("/system/policy/").content.decode()
    assert 'jd-nav-link active" href="/system/policy/"' in page


def test_form_error_lists_each_bad_row_of_a_batch(db):
    from django import forms

    from jiandu.core.errors import InvalidInput
    from jiandu.core.views import form_error

    form = forms.Form(data={})
    form.is_valid()
    form_error(form, InvalidInput("导入失败。", details=[{"row": 3, "field": "姓名", "message": "必填"}, "第9行重复"]))
    assert form.non_field_errors() == ["第3行：必填", "第9行重复", "导入失败。"]
