from datetime import date

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.validators import MaxValueValidator, MinValueValidator

from .backends import LOCKED_MESSAGE, is_locked
from .models import Organization, Role, User


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
        if username and is_locked(username, self.request):
            raise forms.ValidationError(
                LOCKED_MESSAGE.format(minutes=settings.GONGKAI_LOGIN_LOCKOUT_MINUTES),
                code="locked",
            )
        return super().clean()


class OwnPasswordForm(PasswordChangeForm):
    """A staff member changes their own password: the current one, then the new one twice."""

    error_messages = {
        "password_incorrect": "当前密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "当前密码"
        self.fields["new_password1"].label = "新密码"
        self.fields[
            "new_password1"
        ].help_text = "至少 10 位，不能是常见密码或纯数字，不能与用户名、姓名相近。"
        self.fields["new_password2"].label = "再次输入新密码"
        self.fields["new_password2"].help_text = ""

    def clean_new_password1(self):
        new = self.cleaned_data.get("new_password1")
        if new and new == self.data.get("old_password"):
            raise forms.ValidationError("新密码不能与当前密码相同。")
        return new


_FILTER_DATE_RANGE = {
    "validators": [
        MinValueValidator(date(2000, 1, 1), "日期不能早于 2000-01-01。"),
        MaxValueValidator(date(2100, 12, 31), "日期不能晚于 2100-12-31。"),
    ],
    "error_messages": {"invalid": "请按 YYYY-MM-DD 填写日期。"},
}


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label="操作", required=False)
    actor = forms.CharField(label="操作人", required=False, max_length=150)
    object_type = forms.ChoiceField(label="对象类型", required=False)
    date_from = forms.DateField(
        label="起始日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        **_FILTER_DATE_RANGE,
    )
    date_to = forms.DateField(
        label="截止日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        **_FILTER_DATE_RANGE,
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return data

    def __init__(self, *args, **kwargs):
        from . import audit_display

        super().__init__(*args, **kwargs)
        self.fields["action"].choices = audit_display.action_choices()
        self.fields["action"].error_messages["invalid_choice"] = "请从列表中选择操作。"
        self.fields["object_type"].choices = audit_display.object_type_choices()
        self.fields["object_type"].error_messages["invalid_choice"] = "请从列表中选择对象类型。"


class OrganizationForm(forms.ModelForm):
    website = forms.URLField(label="网站", required=False, assume_scheme="https", max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # Neither itself nor anything below it can become its parent.
            subtree = Organization.objects.subtree_ids(self.instance)
            self.fields["parent"].queryset = Organization.objects.exclude(pk__in=subtree)

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
            "website",
            "sort_order",
        ]


class StaffForm(forms.Form):
    """Create or edit a staff account: organization, roles and (for new accounts) a password."""

    username = forms.RegexField(
        label="用户名",
        max_length=150,
        regex=r"^[A-Za-z0-9_.-]+$",
        error_messages={"invalid": "用户名只能包含字母、数字、下划线、点和连字符。"},
    )
    full_name = forms.CharField(label="姓名", max_length=50)
    organization = forms.ModelChoiceField(label="所属机构", queryset=Organization.objects.none())
    roles = forms.MultipleChoiceField(
        label="角色",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个角色。"},
    )
    email = forms.EmailField(label="电子邮箱", required=False, max_length=254)
    phone = forms.CharField(label="电话", max_length=40, required=False)
    is_active = forms.BooleanField(label="账号有效", required=False, initial=True)
    password = forms.CharField(
        label="初始密码",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="至少 10 位，不能是常见密码或纯数字。编辑已有账号时留空表示不修改。",
    )

    def __init__(self, *args, organizations, instance: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["organization"].queryset = organizations
        if instance is None:
            self.fields["password"].required = True
        else:
            self.fields["username"].disabled = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        others = User.objects.filter(username__iexact=username)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("该用户名已被使用。")
        return username

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password:
            from django.contrib.auth.password_validation import validate_password

            probe = self.instance or User(
                username=data.get("username", ""), full_name=data.get("full_name", "")
            )
            try:
                validate_password(password, probe)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data
