from __future__ import annotations

from django import forms

from jiandu.core.forms import BootstrapForm


class LoginForm(forms.Form):
    username = forms.CharField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput)


class LegalStaffForm(BootstrapForm):
    name = forms.CharField(label="姓名", max_length=40)
    position = forms.CharField(label="职务", max_length=40, required=False)
    is_full_time = forms.BooleanField(label="专职", required=False, initial=True)
    has_legal_qualification = forms.BooleanField(label="具有法律职业资格", required=False)
    qualification_number = forms.CharField(label="法律职业资格证书编号", max_length=40, required=False)
