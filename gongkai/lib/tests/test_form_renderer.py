"""Select boxes written out in Python read exactly as the template (select.html) writes them."""

from django import forms
from django.forms.renderers import TemplatesSetting

from gongkai.lib.form_renderer import Renderer


class _Form(forms.Form):
    grouped = forms.ChoiceField(
        label="分组",
        choices=[
            ("", "---------"),
            ("x", 'X<&>"'),
            ("组<甲>", [("1", "一"), ("2", "二 & 三")]),
        ],
    )
    fixed = forms.ChoiceField(label="只读", choices=[("p", "P")], required=False, disabled=True)
    several = forms.MultipleChoiceField(
        label="多选",
        choices=[("1", "一"), ("2", "二")],
        widget=forms.SelectMultiple(attrs={"size": 3, "data-x": 'a"b'}),
    )
    year = forms.TypedChoiceField(label="年度", choices=[(2026, "2026年"), (2025, "2025年")])


def _rendered(renderer, data) -> dict[str, str]:
    form = _Form(data, renderer=renderer)
    form.is_valid()
    return {name: str(form[name]) for name in form.fields}


def test_the_python_select_matches_the_template_for_every_kind_of_box():
    for data in (
        None,
        {"grouped": "2", "several": ["1", "2"], "year": "2025"},
        {"grouped": "nope", "year": "1999"},  # invalid: errors, values kept
    ):
        ours, reference = _rendered(Renderer(), data), _rendered(TemplatesSetting(), data)
        assert ours == reference, data
    html = _rendered(Renderer(), {"grouped": "2"})["grouped"]
    assert '<option value="2" selected>二 &amp; 三</option>' in html
    assert '<optgroup label="组&lt;甲&gt;">' in html and ">请选择</option>" in html
