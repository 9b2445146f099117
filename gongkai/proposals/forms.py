from django import forms

from gongkai.accounts.permissions import Action, organizations_for, own_organ_for
from gongkai.applications.forms import DATE, DATE_ERRORS, date_problem

from .models import HandlingRole, ProposalKind


def _req(label: str, **kwargs) -> dict:
    return {"label": label, "error_messages": {"required": f"请填写{label}。"}, **kwargs}


def _past(day):
    problem = date_problem(day)
    if problem:
        raise forms.ValidationError(problem)
    return day


def _choice(label: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": f"请选择{label}。", "invalid_choice": f"请选择{label}。"},
    )


class RegisterForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=None,
        label="承办机关",
        error_messages={"required": "请选择承办机关。", "invalid_choice": "请选择承办机关。"},
    )
    kind = _choice("类别", ProposalKind.choices)
    role = _choice("承办方式", HandlingRole.choices)
    number = forms.CharField(**_req("编号"), max_length=40, help_text="例如：第0123号")
    title = forms.CharField(**_req("标题"), max_length=200)
    proposer = forms.CharField(**_req("代表或委员"), max_length=100)
    received_on = forms.DateField(label="交办日期", widget=DATE, error_messages=DATE_ERRORS)
    due_on = forms.DateField(
        label="答复期限",
        widget=DATE,
        error_messages=DATE_ERRORS,
        help_text="一般为交办之日起三个月内。",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = organizations_for(user, Action.PROPOSAL_RECORD).order_by("pk")
        self.fields["organization"].queryset = organizations
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0]
            self.fields["organization"].widget = forms.HiddenInput()
        else:
            self.fields["organization"].initial = own_organ_for(user, Action.PROPOSAL_RECORD)

    def clean_received_on(self):
        return _past(self.cleaned_data["received_on"])


class ReplyForm(forms.Form):
    replied_on = forms.DateField(label="答复日期", widget=DATE, error_messages=DATE_ERRORS)
    reply = forms.CharField(
        **_req("答复内容"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def clean_replied_on(self):
        return _past(self.cleaned_data["replied_on"])


class WithholdForm(forms.Form):
    reason = forms.CharField(
        **_req("不予公开的理由"),
        max_length=200,
        help_text="例如：答复内容涉及国家秘密或个人隐私。",
    )
