from django import forms
from django.utils import timezone

from gongkai.accounts.models import Organization
from gongkai.catalog.models import Category

from .models import Power, PowerType, ServiceGuide

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _rows(n: int):
    return forms.Textarea(attrs={"rows": n})


class _EntryForm(forms.Form):
    """The catalog item's fields a guide or power shares, and the reason for a correction."""

    organization = forms.ModelChoiceField(
        label="发布机构", queryset=Organization.objects.none(), empty_label=None
    )
    title = forms.CharField(label="事项名称", max_length=200)
    written_on = forms.DateField(
        label="成文日期",
        widget=_DATE,
        error_messages={"invalid": "成文日期格式应为 年-月-日。", "required": "请填写成文日期。"},
    )
    category = forms.ModelChoiceField(
        label="信息类别",
        queryset=Category.objects.filter(is_active=True),
        empty_label=None,
        error_messages={"invalid_choice": "请选择有效的信息类别。"},
    )
    keywords = forms.CharField(label="主题词", max_length=200, required=False)
    reason = forms.CharField(
        label="更正原因",
        max_length=300,
        required=False,
        help_text="已发布的事项修改后立即更新公开页面，并留存修改记录，须说明原因。",
    )

    def __init__(self, *args, organizations, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        if item is not None:
            self.initial.update(
                organization=item.organization_id,
                title=item.title,
                written_on=item.written_on,
                category=item.category_id,
                keywords=item.keywords,
            )
        else:
            self.initial.setdefault("written_on", timezone.localdate())
        self.fields["organization"].queryset = organizations
        if item is None or not item.published_at:
            del self.fields["reason"]
        # Every required field names itself when left empty (Django's message names none).
        default = forms.Field.default_error_messages["required"]
        for field in self.fields.values():
            if field.required and field.error_messages.get("required") == default:
                field.error_messages["required"] = f"请填写{field.label}。"

    def item_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("title", "written_on", "category", "keywords")}


class GuideForm(_EntryForm):
    conditions = forms.CharField(label="办理条件", widget=_rows(5), help_text="每行一条。")
    materials = forms.CharField(
        label="申请材料",
        widget=_rows(8),
        help_text="每行一项材料；份数和要求写在“｜”之后，例如：身份证｜原件1份、复印件1份。",
    )
    place = forms.CharField(label="办理地点", max_length=200)
    hours = forms.CharField(label="办理时间", max_length=200)
    process = forms.CharField(label="办理流程", widget=_rows(6), help_text="每行一个步骤。")
    flowchart = forms.FileField(
        label="流程图", required=False, help_text="PNG、JPEG 或 GIF 图片，不超过 5 MB。"
    )
    flowchart_alt = forms.CharField(
        label="流程图文字说明",
        max_length=300,
        required=False,
        widget=_rows(2),
        help_text="上传流程图时必填：简述图中的流程，供读屏软件朗读。",
    )
    apply_ways = forms.CharField(label="申请方式", widget=_rows(3), help_text="每行一种。")
    legal_basis = forms.CharField(label="法律依据", widget=_rows(4), help_text="每行一条。")
    time_limit = forms.CharField(label="办理时限", max_length=200)
    fees = forms.CharField(label="收费标准", max_length=200, initial="不收费")
    contact = forms.CharField(label="咨询电话", max_length=200)

    field_order = [
        "organization",
        "title",
        "conditions",
        "materials",
        "place",
        "hours",
        "process",
        "flowchart",
        "flowchart_alt",
        "apply_ways",
        "legal_basis",
        "time_limit",
        "fees",
        "contact",
        "written_on",
        "category",
        "keywords",
        "reason",
    ]

    def __init__(self, *args, guide: ServiceGuide | None = None, materials: str = "", **kwargs):
        super().__init__(*args, item=guide.item if guide else None, **kwargs)
        if guide is not None:
            self.initial.update({f: getattr(guide, f) for f in _GUIDE_INITIAL})
            self.initial["materials"] = materials

    def guide_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in _GUIDE_INITIAL}


_GUIDE_INITIAL = (
    "conditions",
    "place",
    "hours",
    "process",
    "flowchart_alt",
    "apply_ways",
    "legal_basis",
    "time_limit",
    "fees",
    "contact",
)


class PowerForm(_EntryForm):
    power_type = forms.ChoiceField(
        label="权力类型",
        choices=[("", "请选择")] + list(PowerType.choices),
        error_messages={
            "required": "请选择权力类型。",
            "invalid_choice": "请选择有效的权力类型。",
        },
    )
    code = forms.CharField(label="权力编码", max_length=60, required=False)
    basis = forms.CharField(label="设定依据", widget=_rows(4), help_text="每行一条。")
    division = forms.CharField(label="责任处室", max_length=100)
    responsibilities = forms.CharField(label="责任事项", widget=_rows(5), help_text="每行一项。")
    accountability = forms.CharField(label="追责情形", widget=_rows(5), help_text="每行一种情形。")

    field_order = [
        "organization",
        "title",
        "power_type",
        "code",
        "basis",
        "division",
        "responsibilities",
        "accountability",
        "written_on",
        "category",
        "keywords",
        "reason",
    ]

    def __init__(self, *args, power: Power | None = None, **kwargs):
        super().__init__(*args, item=power.item if power else None, **kwargs)
        if power is not None:
            self.initial.update({f: getattr(power, f) for f in _POWER_INITIAL})

    def power_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in _POWER_INITIAL}


_POWER_INITIAL = ("power_type", "code", "basis", "division", "responsibilities", "accountability")
