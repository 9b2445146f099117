from django import forms
from django.utils import timezone

from gongkai.accounts.models import Organization

from .models import Category, Confidentiality, Item, ItemKind, ItemStatus, Topic, Validity

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        label="发布机构", queryset=Organization.objects.none(), empty_label=None
    )

    class Meta:
        model = Item
        fields = [
            "organization",
            "title",
            "doc_number",
            "written_on",
            "topic",
            "category",
            "kind",
            "interprets",
            "keywords",
            "summary",
            "body",
        ]
        widgets = {
            "written_on": _DATE,
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "body": forms.Textarea(attrs={"rows": 16}),
        }
        error_messages = {
            "title": {"required": "请填写名称。"},
            "body": {"required": "请填写正文。"},
            "written_on": {
                "required": "请填写成文日期。",
                "invalid": "成文日期格式应为 年-月-日。",
            },
            "topic": {"required": "请选择主题分类。"},
            "category": {"required": "请选择信息类别。"},
        }

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations or Organization.objects.none()
        if self.instance.pk:
            # The 索引号 belongs to the organization chosen at creation.
            self.fields["organization"].disabled = True
        self.fields["topic"].queryset = Topic.objects.filter(is_active=True)
        self.fields["category"].queryset = Category.objects.all()
        self.fields["interprets"].queryset = Item.objects.filter(kind=ItemKind.NORMATIVE).only(
            "pk", "title", "doc_number"
        )
        self.fields["interprets"].required = False
        self.fields["interprets"].help_text = "体裁为“政策解读”时，选择所解读的规范性文件。"

    def clean_written_on(self):
        value = self.cleaned_data["written_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("成文日期不能晚于今天。")
        return value

    def clean(self):
        data = super().clean()
        kind, target = data.get("kind"), data.get("interprets")
        if target is not None and kind != ItemKind.INTERPRETATION:
            self.add_error("interprets", "只有体裁为“政策解读”的信息才能关联规范性文件。")
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件",
        help_text="PDF、Word（.docx）、Excel（.xlsx）或图片（PNG、JPEG、GIF），单个不超过 20 MB。",
        error_messages={"required": "请选择要上传的文件。", "empty": "上传的文件是空的。"},
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核结论",
        choices=[("approve", "同意"), ("return", "退回修改")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审核结论。"},
    )
    confidentiality = forms.ChoiceField(
        label="保密审查",
        choices=[("", "请选择")] + list(Confidentiality.choices),
        error_messages={"required": "请填写保密审查结论。"},
    )
    opinion = forms.CharField(
        label="审核意见",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回修改时必填。",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("opinion") or "").strip():
            self.add_error("opinion", "退回修改时必须填写审核意见。")
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回原因",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写撤回原因。"},
    )


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    changed_on = forms.DateField(
        label="变更日期", widget=_DATE, error_messages={"required": "请填写变更日期。"}
    )


class GuideForm(forms.Form):
    body = forms.CharField(
        label="指南正文",
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=50000,
        help_text="段落之间空一行；以“一、”“二、”等开头的行显示为小标题。机构地址、电话等联系信息和分类体系会自动附在指南中。",
        error_messages={"required": "公开指南正文不能为空。"},
    )


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="名称或索引号", required=False, max_length=100)
    status = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部"), *ItemStatus.choices],
    )


class BrowseForm(forms.Form):
    """Public catalog filters (GET). Invalid values are ignored, not errors."""

    org = forms.ModelChoiceField(
        label="发布机构", required=False, queryset=Organization.objects.all(), to_field_name="code"
    )
    topic = forms.ModelChoiceField(
        label="主题分类",
        required=False,
        queryset=Topic.objects.filter(is_active=True),
        to_field_name="code",
    )
    category = forms.ModelChoiceField(
        label="信息类别", required=False, queryset=Category.objects.all(), to_field_name="code"
    )
    year = forms.IntegerField(label="年份", required=False, min_value=1990, max_value=2100)


class SearchForm(BrowseForm):
    q = forms.CharField(label="检索词", required=False)
    validity = forms.ChoiceField(
        label="有效性", required=False, choices=[("", "全部")] + list(Validity.choices)
    )
    page = forms.IntegerField(required=False, min_value=1)
