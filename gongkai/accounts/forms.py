from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from .backends import LOCKED_MESSAGE, is_locked
from .models import Organization


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。请注意密码区分大小写。",
        "inactive": "该账号已停用，请联系系统管理员。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and is_locked(username):
            raise forms.ValidationError(
                LOCKED_MESSAGE.format(minutes=settings.GONGKAI_LOGIN_LOCKOUT_MINUTES),
                code="locked",
            )
        return super().clean()


class AuditFilterForm(forms.Form):
    action = forms.CharField(label="操作", required=False, max_length=80)
    actor = forms.CharField(label="操作人", required=False, max_length=150)
    object_type = forms.CharField(label="对象类型", required=False, max_length=80)
    date_from = forms.DateField(
        label="起始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return data


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "short_name",
            "code",
            "kind",
            "parent",
            "office_name",
            "office_address",
            "office_postcode",
            "office_phone",
            "office_fax",
            "office_email",
            "office_hours",
        ]
