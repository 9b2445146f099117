"""Forms for recording a review or lawsuit, its dates, its papers and its result."""

from django import forms

from gongkai.accounts.permissions import Action, organizations_for, own_organ_for
from gongkai.applications.forms import DATE, DATE_ERRORS, date_problem
from gongkai.applications.models import Application

from . import services
from .models import LAWSUIT_RESULT_LABELS, REVIEW_RESULT_LABELS, AppealKind, AppealResult

OPTIONAL_DATE_ERRORS = {"invalid": DATE_ERRORS["invalid"]}


def _checked_date(day):
    problem = date_problem(day)
    if problem:
        raise forms.ValidationError(problem)
    return day


def _req(label: str, **kwargs) -> dict:
    return {"label": label, "error_messages": {"required": f"请填写{label}。"}, **kwargs}


class AppealForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=None,
        label="被申请机关",
        error_messages={"required": "请选择被申请机关。", "invalid_choice": "请选择被申请机关。"},
    )
    kind = forms.ChoiceField(
        choices=AppealKind.choices,
        widget=forms.RadioSelect,
        label="类型",
        error_messages={"required": "请选择类型。", "invalid_choice": "请选择类型。"},
    )
    application_number = forms.CharField(
        label="涉及的申请编号",
        required=False,
        max_length=40,
        help_text="因依申请公开引起的，填写申请编号；因主动公开等引起的，不填。",
    )
    appellant = forms.CharField(**_req("申请人或原告"), max_length=100)
    body = forms.CharField(
        **_req("复议机关或法院"),
        max_length=100,
        help_text="例如：上海市人民政府、上海市徐汇区人民法院",
    )
    case_number = forms.CharField(label="案号", required=False, max_length=60)
    subject = forms.CharField(
        **_req("争议事项"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    filed_on = forms.DateField(label="立案（收到）日期", widget=DATE, error_messages=DATE_ERRORS)
    hearing_on = forms.DateField(
        label="听证或开庭日期", required=False, widget=DATE, error_messages=OPTIONAL_DATE_ERRORS
    )
    deadline_on = forms.DateField(
        label="答复或举证期限",
        required=False,
        widget=DATE,
        error_messages=OPTIONAL_DATE_ERRORS,
        help_text="复议机关或法院要求提交答复书、证据的最后一日。",
    )
    co_defendant_only = forms.BooleanField(
        label="本机关仅作为复议机关共同被告（按规定由原行政行为机关统计，不计入本机关年报）",
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = organizations_for(user, Action.APPEAL_RECORD).order_by("pk")
        self.fields["organization"].queryset = self.organizations
        if len(self.organizations) == 1:
            self.fields["organization"].initial = self.organizations[0]
            self.fields["organization"].widget = forms.HiddenInput()
        else:
            self.fields["organization"].initial = own_organ_for(user, Action.APPEAL_RECORD)

    def clean_filed_on(self):
        return _checked_date(self.cleaned_data["filed_on"])

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

    def clean(self):
        data = super().clean()
        organization = data.get("organization")
        if organization is not None:
            problem = services.case_number_problem(organization, data.get("case_number", ""))
            if problem:
                self.add_error("case_number", problem)
        return data


class ScheduleForm(forms.Form):
    hearing_on = forms.DateField(
        label="听证或开庭日期", required=False, widget=DATE, error_messages=OPTIONAL_DATE_ERRORS
    )
    deadline_on = forms.DateField(
        label="答复或举证期限", required=False, widget=DATE, error_messages=OPTIONAL_DATE_ERRORS
    )


class DecideForm(forms.Form):
    result = forms.ChoiceField(
        label="结果",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择结果。", "invalid_choice": "请选择结果。"},
    )
    decided_on = forms.DateField(label="审结日期", widget=DATE, error_messages=DATE_ERRORS)
    note = forms.CharField(
        label="结果说明",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="例如决定书、判决书的主要内容；结果纠正的，写明要求重新答复的事项。",
    )

    def __init__(self, *args, kind: AppealKind, **kwargs):
        super().__init__(*args, **kwargs)
        labels = LAWSUIT_RESULT_LABELS if AppealKind(kind).is_lawsuit else REVIEW_RESULT_LABELS
        self.fields["result"].choices = [(r.value, labels[r]) for r in AppealResult]

    def clean_decided_on(self):
        return _checked_date(self.cleaned_data["decided_on"])


class DocumentForm(forms.Form):
    title = forms.CharField(
        **_req("文书名称"), max_length=100, help_text="例如：行政复议决定书、行政判决书"
    )
    file = forms.FileField(
        label="文件（PDF、OFD、Word 或图片）",
        error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空的。"},
    )
