from django import forms
from django.utils import timezone

from gongkai.accounts.models import Organization, OrganizationKind
from gongkai.applications.forms import DATE, DATE_ERRORS

from .models import LetterKind, ServiceMethod
from .services import default_pattern


class ServiceForm(forms.Form):
    method = forms.ChoiceField(
        label="送达方式", choices=ServiceMethod.choices, widget=forms.RadioSelect
    )
    served_on = forms.DateField(
        label="送达日期",
        widget=DATE,
        error_messages=DATE_ERRORS,
        help_text="当面送达为申请人签收之日，邮寄为签收之日；电子邮件以发出之日计。",
    )
    postal_tracking = forms.CharField(
        label="邮件号", max_length=40, required=False, help_text="邮寄送达须通过邮政企业。"
    )
    proof = forms.FileField(
        label="送达凭证", required=False, help_text="送达回证、邮件签收单等（PDF、OFD、JPG、PNG）。"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["served_on"].initial = timezone.localdate()


class CorrectForm(forms.Form):
    reason = forms.CharField(label="更正理由", max_length=300)


class TemplateForm(forms.Form):
    title = forms.CharField(label="标题", max_length=100)
    body = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="每行为一段。字段写作 {字段名}；写作 {字段名?} 的字段为空时，整段不印。",
    )


def letter_organizations():
    """The offices that issue letters (not internal divisions)."""
    return Organization.objects.exclude(kind=OrganizationKind.DIVISION).order_by("sort_order", "pk")


class OrganizationChoiceForm(forms.Form):
    org = forms.ModelChoiceField(
        label="机关", queryset=Organization.objects.none(), empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = letter_organizations()


class SettingsForm(forms.Form):
    review_body = forms.CharField(
        label="行政复议机关",
        max_length=100,
        required=False,
        help_text="答复告知书的救济途径中写明的复议机关，例如“上海市人民政府”；未填写时印“本级人民政府”。",
    )
    abbreviation = forms.CharField(
        label="机关代字", max_length=20, required=False, help_text="文号中的 {代字}，例如“沪司”。"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in LetterKind:
            self.fields[f"pattern_{kind.value}"] = forms.CharField(
                label=f"{kind.label}文号格式",
                max_length=60,
                required=False,
                help_text=f"留空使用默认格式 {default_pattern(kind)}",
            )

    def patterns(self) -> dict:
        return {kind: self.cleaned_data[f"pattern_{kind.value}"] for kind in LetterKind}
