"""Forms of the applicant's side and of the files provided to them."""

from django import forms

from .forms import MAX_FILE_MB, MAX_FILES, MultipleFileField, checked_uploads


class OnlineCorrectionForm(forms.Form):
    text = forms.CharField(
        label="补正内容",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
        help_text="按补正告知书的要求写明补充或更正的内容",
        error_messages={"max_length": "补正内容最多 %(limit_value)d 字，现为 %(show_value)d 字。"},
    )
    files = MultipleFileField(
        label="补正材料",
        required=False,
        help_text=f"最多{MAX_FILES}个，每个不超过{MAX_FILE_MB}MB（PDF、图片、Word、OFD）",
    )

    def clean_files(self):
        return checked_uploads(self.cleaned_data.get("files") or [])

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("text", "").strip() and not data.get("files"):
            raise forms.ValidationError("请填写补正内容或上传补正材料。")
        return data


class ForgotCodeForm(forms.Form):
    tracking_number = forms.CharField(
        label="申请编号", max_length=40, error_messages={"required": "请填写申请编号。"}
    )
    email = forms.EmailField(
        label="申请时填写的电子邮箱",
        error_messages={
            "required": "请填写申请时填写的电子邮箱。",
            "invalid": "电子邮箱格式不正确，例如 name@example.com。",
        },
    )


class DisclosedFileForm(forms.Form):
    files = MultipleFileField(label="提供的政府信息文件")

    def clean_files(self):
        files = checked_uploads(self.cleaned_data.get("files") or [])
        if not files:
            raise forms.ValidationError("请选择要上传的文件。")
        return files
