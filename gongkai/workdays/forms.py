from django import forms
from django.core.exceptions import ValidationError

from gongkai.lib import workdays

from . import services

# The calculator counts from dates the calendar knows about, up to a far horizon.
FIRST_START, LAST_START = workdays.FIRST_DATE, workdays.LAST_DATE


class ScheduleForm(forms.Form):
    notice = forms.CharField(
        label="依据",
        max_length=200,
        help_text="例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）",
    )
    schedule = forms.CharField(
        label="放假和调休上班日期",
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false"}),
        help_text="每行一天：日期 放假|上班 节日名，例如“2027-02-06 放假 春节”“2027-02-14 上班 春节”。",
    )

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_schedule(self):
        try:
            return services.parse_schedule(self.cleaned_data["schedule"], self.year)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


class CalculatorForm(forms.Form):
    start = forms.DateField(
        label="起算日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写起算日期。", "invalid": "日期格式应为 YYYY-MM-DD。"},
    )
    n = forms.IntegerField(
        label="工作日数",
        min_value=1,
        max_value=400,
        initial=20,
        error_messages={
            "required": "请填写工作日数。",
            "min_value": "工作日数应至少为1。",
            "max_value": "工作日数最多为400。",
        },
    )

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start < FIRST_START:
            raise forms.ValidationError(f"起算日期不能早于 {FIRST_START.isoformat()}。")
        if start > LAST_START:
            raise forms.ValidationError(f"起算日期不能晚于 {LAST_START.isoformat()}。")
        return start
