"""Select boxes open on "请选择", whichever form they belong to."""

from django import forms
from django.urls import reverse

from gongkai.appeals.models import Appeal


class _Form(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label="机关")
    kind = forms.ChoiceField(choices=[("", "全部"), ("a", "甲")], label="类型", required=False)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = queryset


def _model_form():
    return forms.modelform_factory(Appeal, fields=["result"])()


def test_an_empty_choice_reads_as_a_prompt_not_dashes(agency, other_agency):
    from gongkai.accounts.models import Organization

    html = str(_Form(queryset=Organization.objects.all())) + str(_model_form())
    assert "---------" not in html
    assert html.count('<option value="" selected>请选择</option>') == 2
    # An empty choice with its own words keeps them.
    assert ">全部</option>" in html


def test_the_public_question_form_asks_to_choose_the_office(client, agency, other_agency):
    page = client.get(reverse("consultations:ask")).content.decode()
    assert '<option value="" selected>请选择</option>' in page
    assert "---------" not in page
