from django import forms
from django.core.exceptions import ValidationError

from . import services


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
    start = forms.DateField(label="起算日期", widget=forms.DateInput(attrs={"type": "date"}))
    n = forms.IntegerField(label="工作日数", min_value=1, max_value=400, initial=20)
