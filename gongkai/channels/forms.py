from django import forms

from .models import SERVICE_FIGURE_FIELDS, MediaMonth, Platform, ServiceFigures

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _count(label: str, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        required=required,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": f"{label}应为整数。",
            "min_value": f"{label}不能小于 0。",
            "required": f"请填写{label}。",
        },
    )


class ServiceFiguresForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in SERVICE_FIGURE_FIELDS:
            label = str(ServiceFigures._meta.get_field(field).verbose_name)
            self.fields[field] = _count(label)


class PressConferenceForm(forms.Form):
    held_on = forms.DateField(
        label="召开日期",
        widget=_DATE,
        error_messages={"required": "请填写召开日期。", "invalid": "召开日期格式应为 年-月-日。"},
    )
    title = forms.CharField(
        label="发布会名称", max_length=200, error_messages={"required": "请填写发布会名称。"}
    )
    policies = forms.CharField(
        label="涉及的政策",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="每行一项。",
    )


class MediaAccountForm(forms.Form):
    platform = forms.ChoiceField(
        label="平台",
        choices=[("", "请选择")] + list(Platform.choices),
        error_messages={"required": "请选择平台。", "invalid_choice": "请选择有效的平台。"},
    )
    name = forms.CharField(
        label="账号名称", max_length=100, error_messages={"required": "请填写账号名称。"}
    )
    launched_on = forms.DateField(
        label="开通日期",
        required=False,
        widget=_DATE,
        error_messages={"invalid": "开通日期格式应为 年-月-日。"},
    )


MONTH_FIELDS = ("followers", "posts", "average_reads")


class MediaMonthsForm(forms.Form):
    """Twelve rows of three figures: m<month>_<field>."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for month in range(1, 13):
            for field in MONTH_FIELDS:
                label = str(MediaMonth._meta.get_field(field).verbose_name)
                self.fields[f"m{month}_{field}"] = _count(f"{month}月{label}")

    def rows(self):
        """[(month, [bound fields])] for the table."""
        return [
            (month, [self[f"m{month}_{field}"] for field in MONTH_FIELDS]) for month in range(1, 13)
        ]

    def months(self) -> dict[int, dict]:
        return {
            month: {f: self.cleaned_data[f"m{month}_{f}"] for f in MONTH_FIELDS}
            for month in range(1, 13)
        }

    @staticmethod
    def initial_from(rows) -> dict:
        return {f"m{r.month}_{f}": getattr(r, f) for r in rows for f in MONTH_FIELDS}
