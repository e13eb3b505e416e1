"""Forms of the standards pages, one module per area."""

from __future__ import annotations

from django import forms

from jiandu.core.forms import BootstrapForm


class StandardsForm(BootstrapForm):
    """Bootstrap styling that also suits radio groups and multiple checkboxes (the core helper
    gives every non-select widget ``form-control``, which stretches a radio button)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                widget.attrs["class"] = "form-check-input me-1"
                widget.attrs.setdefault("col", "col-12")
