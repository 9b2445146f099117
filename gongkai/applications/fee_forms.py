"""Forms of the fee panel and the office's fee setting."""

from django import forms
from django.utils import timezone

from .models import FeeMethod


class FeeNoticeForm(forms.Form):
    method = forms.ChoiceField(
        label="计收方式",
        choices=FeeMethod.choices,
        widget=forms.RadioSelect,
        help_text="每件申请只能选择一种方式：按件（当月第 11 件起）或按量（第 31 页起）。",
    )
    pages = forms.IntegerField(
        label="页数（按量计收时填写）",
        min_value=1,
        max_value=100000,
        required=False,
        help_text="非 A4 或电子数据请按实际折算的页数填写，并在说明中写明折算方法。",
    )
    page_note = forms.CharField(label="页数说明", max_length=200, required=False)
    on = forms.DateField(label="通知日期", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("method") == FeeMethod.PER_PAGE and not data.get("pages"):
            self.add_error("pages", "按量计收请填写页数。")
        if data.get("method") == FeeMethod.PER_APPLICATION and data.get("pages"):
            self.add_error("pages", "按件计收不按页数收费，请清空页数（两种方式不能同时使用）。")
        return data


class FeePaymentForm(forms.Form):
    amount = forms.IntegerField(label="实缴金额（元）", min_value=1, max_value=10_000_000)
    receipt_number = forms.CharField(label="缴费票据号", max_length=60)
    on = forms.DateField(label="缴费日期", widget=forms.DateInput(attrs={"type": "date"}))


class FeeWaiverForm(forms.Form):
    reason = forms.CharField(
        label="减免理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(label="决定日期", widget=forms.DateInput(attrs={"type": "date"}))


class FeeLapseForm(forms.Form):
    on = forms.DateField(label="确认日期", widget=forms.DateInput(attrs={"type": "date"}))


FORMS = {
    "notice": FeeNoticeForm,
    "pay": FeePaymentForm,
    "waive": FeeWaiverForm,
    "lapse": FeeLapseForm,
}


class FeeSettingForm(forms.Form):
    organization = forms.ModelChoiceField(label="机关", queryset=None, empty_label=None)
    enabled = forms.BooleanField(label="本机关收取信息处理费", required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
