from datetime import date

from django import forms
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.accounts.permissions import Action, organizations_for

from .corrections import CLERICAL_CANDIDATES
from .models import (
    Category,
    Confidentiality,
    Item,
    ItemKind,
    ItemStatus,
    ReviewAction,
    Topic,
    Validity,
)
from .services import MAX_STAGES

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

EARLIEST_WRITTEN_ON = date(1949, 10, 1)


def normative_documents_for(user):
    """Published normative documents an interpretation by `user` may link to: those of the
    organizations the user drafts for. Never drafts or other agencies' documents."""
    return Item.objects.filter(
        kind=ItemKind.NORMATIVE,
        status=ItemStatus.PUBLISHED,
        organization__in=organizations_for(user, Action.CATALOG_DRAFT),
    )


class ItemForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        label="发布机构", queryset=Organization.objects.none(), empty_label=None
    )
    # A lookup by 索引号, not a <select> of every document: a back catalog holds thousands.
    interprets_index_no = forms.CharField(
        label="所解读的规范性文件（索引号）",
        required=False,
        max_length=80,
        help_text="体裁为“政策解读”时填写，例如 shsfj/2019-00012；可在“查找规范性文件”中按名称查询索引号。",
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

    field_order = [
        "organization",
        "title",
        "doc_number",
        "written_on",
        "topic",
        "category",
        "kind",
        "interprets_index_no",
        "keywords",
        "summary",
        "body",
    ]

    def __init__(self, *args, organizations=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Not `organizations or ...`: the truth of a queryset is a query of its own.
        if organizations is None:
            organizations = Organization.objects.none()
        self.fields["organization"].queryset = organizations
        if self.instance.pk:
            # The 索引号 belongs to the organization chosen at creation.
            self.fields["organization"].disabled = True
        active = Category.objects.filter(is_active=True)
        topics = Topic.objects.filter(is_active=True)
        if self.instance.pk:
            # A deactivated term stays selectable on the items that already use it.
            active = active | Category.objects.filter(pk=self.instance.category_id)
            topics = topics | Topic.objects.filter(pk=self.instance.topic_id)
        self.fields["topic"].queryset = topics.distinct()
        self.fields["category"].queryset = active.distinct()
        if self.instance.pk and self.instance.interprets_id:
            self.initial.setdefault("interprets_index_no", self.instance.interprets.index_no)

    def clean_written_on(self):
        value = self.cleaned_data["written_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("成文日期不能晚于今天。")
        if value < EARLIEST_WRITTEN_ON:
            # Older documents still in force exist (1950s regulations), year 1 is a typo.
            raise forms.ValidationError(
                f"成文日期不能早于 {EARLIEST_WRITTEN_ON:%Y年%m月%d日}，请检查年份。"
            )
        return value

    def clean(self):
        data = super().clean()
        wanted = (data.get("interprets_index_no") or "").strip()
        data["interprets"] = None
        if not wanted:
            return data
        if data.get("kind") != ItemKind.INTERPRETATION:
            self.add_error("interprets_index_no", "只有体裁为“政策解读”的信息才能关联规范性文件。")
            return data
        if (
            self.instance.pk
            and self.instance.interprets_id
            and (self.instance.interprets.index_no == wanted)
        ):
            data["interprets"] = self.instance.interprets
            return data
        target = normative_documents_for(self.user).filter(index_no=wanted).first()
        if target is None:
            self.add_error(
                "interprets_index_no",
                f"没有找到索引号为“{wanted}”的本机关已发布规范性文件。",
            )
        data["interprets"] = target
        return data


class CorrectionForm(ItemForm):
    reason = forms.CharField(
        label="更正原因",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="将记入修改记录。实质性更正按审核流程审核，文字性更正由他人复核；"
        "通过后公开页面才更新并显示修改时间。",
        error_messages={"required": "请填写更正原因。"},
    )
    # The version of the item the page was opened on: a change since then is not overwritten.
    seen = forms.CharField(required=False, widget=forms.HiddenInput, max_length=40)


class ClericalFieldsForm(forms.Form):
    """The fields whose correction an office treats as clerical (checked by a second person)."""

    fields = forms.MultipleChoiceField(
        label="文字性更正的字段",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="只改动所选字段的更正，由提出人以外的一名有更正权限的工作人员复核后生效；"
        "其他更正（包括正文）须按审核流程逐级审核。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].choices = [
            (name, Item._meta.get_field(name).verbose_name) for name in CLERICAL_CANDIDATES
        ]


class RevisionDecisionForm(forms.Form):
    """A decision on a proposed correction: the clerical check or a stage of its review."""

    decision = forms.ChoiceField(
        label="审核结论",
        choices=[("approve", "同意更正"), ("return", "退回")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审核结论。"},
    )
    confidentiality = forms.ChoiceField(
        label="保密审查",
        required=False,
        choices=[("", "请选择")] + list(Confidentiality.choices),
        help_text="实质性更正同意时必填。",
    )
    opinion = forms.CharField(
        label="审核意见",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回时必填。",
    )

    def __init__(self, *args, substantive: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.substantive = substantive
        if not substantive:
            del self.fields["confidentiality"]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("opinion") or "").strip():
            self.add_error("opinion", "退回时必须填写审核意见。")
        approving = data.get("decision") == "approve"
        if self.substantive and approving and not data.get("confidentiality"):
            self.add_error("confidentiality", "请填写保密审查结论。")
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
    # Only an approval lets the text out, so only an approval needs the 保密审查 answer.
    confidentiality = forms.ChoiceField(
        label="保密审查",
        required=False,
        choices=[("", "请选择")] + list(Confidentiality.choices),
        help_text="同意时必填。",
    )
    opinion = forms.CharField(
        label="审核意见",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回修改时必填。",
    )
    # The stage the reviewer saw (services.stage_token): two reviewers deciding at once must
    # not have the second decision land on the stage after.
    stage = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("opinion") or "").strip():
            self.add_error("opinion", "退回修改时必须填写审核意见。")
        if data.get("decision") == "approve" and not data.get("confidentiality"):
            self.add_error("confidentiality", "请填写保密审查结论。")
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
    seen = forms.CharField(required=False, widget=forms.HiddenInput, max_length=40)


class GuideForm(forms.Form):
    body = forms.CharField(
        label="指南正文",
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=50000,
        help_text="段落之间空一行；以“一、”“二、”等开头的行显示为小标题。机构地址、电话等联系信息和分类体系会自动附在指南中。",
        error_messages={"required": "公开指南正文不能为空。"},
    )


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="关键词或索引号", required=False, max_length=100)
    status = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部"), *ItemStatus.choices],
    )
    # What the dashboard's counters count (2026年已发布, 我的草稿), so their links list it.
    year = forms.IntegerField(
        label="发布年度",
        required=False,
        min_value=1990,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "input-year"}),
        error_messages={
            "invalid": "请填写年度，例如 2025。",
            "min_value": "年度不能早于1990年。",
            "max_value": "年度不能晚于2100年。",
        },
    )
    mine = forms.BooleanField(label="只看我起草的", required=False)


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
    """Search filters (GET). Each field is checked on its own: a bad one is reported by name,
    never silently dropped together with the good ones."""

    q = forms.CharField(label="检索词", required=False)
    validity = forms.ChoiceField(
        label="有效性",
        required=False,
        choices=[("", "全部")] + list(Validity.choices),
        error_messages={"invalid_choice": "有效性只能是有效、失效或废止。"},
    )
    page = forms.IntegerField(
        label="页码",
        required=False,
        min_value=1,
        error_messages={"invalid": "页码应为正整数。", "min_value": "页码应为正整数。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].error_messages["invalid_choice"] = "没有这个发布机构。"
        self.fields["topic"].error_messages["invalid_choice"] = "没有这个主题分类。"
        self.fields["category"].error_messages["invalid_choice"] = "没有这个信息类别。"
        year = self.fields["year"]
        year.error_messages.update(
            invalid="年份应为四位数字，例如 2024。",
            min_value="年份不能早于 1990 年。",
            max_value="年份不能晚于 2100 年。",
        )

    def problems(self) -> list[str]:
        """The Chinese messages of the bad fields (each names its field)."""
        return [error for errors in self.errors.values() for error in errors]


class StageForm(forms.Form):
    name = forms.CharField(label="环节名称", max_length=40, required=False)
    action = forms.ChoiceField(
        label="由谁办理",
        required=False,
        choices=[("", "（不设此环节）"), *ReviewAction.choices],
    )

    def clean(self):
        data = super().clean()
        if data.get("name", "").strip() and not data.get("action"):
            self.add_error("action", "请选择该环节由谁办理。")
        if data.get("action") and not data.get("name", "").strip():
            self.add_error("name", "请填写环节名称。")
        return data


StageFormSet = forms.formset_factory(
    StageForm, extra=0, max_num=MAX_STAGES, absolute_max=MAX_STAGES
)


class TermForm(forms.Form):
    name = forms.CharField(label="名称", max_length=40, error_messages={"required": "请填写名称。"})
    code = forms.CharField(
        label="代码",
        max_length=40,
        help_text="小写字母、数字或连字符，用于网址，保存后不能修改。",
        error_messages={"required": "请填写代码。"},
    )
