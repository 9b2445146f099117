"""The quick log form, the portal's question form, answering and publishing."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from gongkai.accounts.permissions import Action, organizations_for, own_organ_for
from gongkai.applications.forms import (
    DATE,
    DATE_ERRORS,
    PHONE,
    date_problem,
    public_organizations,
)
from gongkai.applications.models import Application

from .models import ConsultationChannel


def _req(label: str, **kwargs) -> dict:
    return {"label": label, "error_messages": {"required": f"请填写{label}。"}, **kwargs}


def _organization_field(queryset, user=None) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        queryset=queryset,
        label="机关",
        error_messages={"required": "请选择机关。", "invalid_choice": "请选择机关。"},
    )
    if len(queryset) == 1:
        field.initial = queryset[0]
        field.widget = forms.HiddenInput()
    elif user is not None:
        field.initial = own_organ_for(user, Action.CONSULTATION_RECORD)
    return field


class LogForm(forms.Form):
    """Everything but the topic has a default: a phone call is logged by typing the topic
    (the field has the focus on arrival), Tab, an arrow key for another channel, Tab, the
    answer, and the button."""

    channel = forms.ChoiceField(
        choices=ConsultationChannel.choices,
        initial=ConsultationChannel.PHONE,
        widget=forms.RadioSelect,
        label="方式",
        error_messages={"required": "请选择咨询方式。", "invalid_choice": "请选择咨询方式。"},
    )
    topic = forms.CharField(
        **_req("咨询事项"),
        max_length=100,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    answer = forms.CharField(
        label="答复要点",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="当场答复的填写答复要点；暂未答复的留空，稍后在详情页答复。",
    )
    question = forms.CharField(
        label="咨询内容（可选）",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    application_number = forms.CharField(
        label="相关申请编号（可选）", required=False, max_length=40
    )
    asked_on = forms.DateField(label="咨询日期", widget=DATE, error_messages=DATE_ERRORS)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = organizations_for(user, Action.CONSULTATION_RECORD).order_by("pk")
        self.fields["organization"] = _organization_field(self.organizations, user)
        self.fields["asked_on"].initial = timezone.localdate()
        # The topic first (it has the focus), then the channel (arrow keys), then the answer.
        self.order_fields(["organization", "topic", "channel", "answer"])

    def clean_asked_on(self):
        day = self.cleaned_data["asked_on"]
        problem = date_problem(day)
        if problem:
            raise forms.ValidationError(problem)
        return day

    def clean_application_number(self):
        number = self.cleaned_data["application_number"].strip().lower()
        if not number:
            return None
        found = Application.objects.filter(
            tracking_number=number, organization__in=self.organizations
        ).first()
        if found is None:
            raise forms.ValidationError(f"没有找到申请编号为“{number}”的本机关申请。")
        return found


class AskForm(forms.Form):
    topic = forms.CharField(**_req("咨询事项"), max_length=100, help_text="用一句话概括您的问题。")
    question = forms.CharField(
        **_req("咨询内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    asker_name = forms.CharField(**_req("您的姓名"), max_length=50)
    contact = forms.CharField(
        **_req("联系电话或电子邮箱"),
        max_length=100,
        help_text="仅用于答复您，不会公开。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"] = _organization_field(public_organizations())
        self.order_fields(["organization"])

    def clean_contact(self):
        # An answer nobody can deliver is a question lost: only a number or address we can use.
        contact = unicodedata.normalize("NFKC", self.cleaned_data["contact"]).strip()
        if PHONE.match(contact):
            return contact
        try:
            validate_email(contact)
        except ValidationError:
            raise forms.ValidationError(
                "请填写有效的手机号码、固定电话或电子邮箱"
                "（例如 13812345678、021-53899700 或 name@example.com）。"
            ) from None
        return contact


class AnswerForm(forms.Form):
    answer = forms.CharField(
        **_req("答复内容"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PublishForm(forms.Form):
    question = forms.CharField(
        **_req("公开的问题"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="公开前请删去姓名、电话、证件号码等个人信息。",
    )
    answer = forms.CharField(
        **_req("公开的答复"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FilterForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2004, max_value=2100, required=False)
    month = forms.TypedChoiceField(
        label="月份",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "全年")] + [(m, f"{m}月") for m in range(1, 13)],
    )
    channel = forms.ChoiceField(
        label="方式", required=False, choices=[("", "全部")] + ConsultationChannel.choices
    )
