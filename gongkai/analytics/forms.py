from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone

FIRST_YEAR = 2000
MAX_RANGE_DAYS = 366 * 10


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str
    year: int | None = None

    @classmethod
    def of_year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31), f"{year}年", year)

    @property
    def daily(self) -> bool:
        """Short periods are charted day by day, longer ones month by month."""
        return (self.end - self.start).days < 62


class PeriodForm(forms.Form):
    year = forms.IntegerField(
        label="年度",
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-year"}),
        error_messages={"invalid": "年度应为四位数字，例如 2018。"},
    )
    date_from = forms.DateField(
        label="起始日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "起始日期无效，请按 2018-01-31 的格式填写。"},
    )
    date_to = forms.DateField(
        label="截止日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "截止日期无效，请按 2018-12-31 的格式填写。"},
    )

    def clean_year(self):
        year = self.cleaned_data.get("year")
        this_year = timezone.localdate().year
        if year is not None and not FIRST_YEAR <= year <= this_year:
            raise forms.ValidationError(f"年度应在 {FIRST_YEAR} 年至 {this_year} 年之间。")
        return year

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        year, start, end = data.get("year"), data.get("date_from"), data.get("date_to")
        if year is not None and (start or end):
            raise forms.ValidationError("请选择年度或日期区间中的一种，不要同时填写。")
        if (start is None) != (end is None):
            raise forms.ValidationError("请同时填写起始日期和截止日期。")
        if start and end:
            if start > end:
                raise forms.ValidationError("起始日期不能晚于截止日期。")
            if start.year < FIRST_YEAR:
                raise forms.ValidationError(f"起始日期不能早于 {FIRST_YEAR} 年。")
            if (end - start).days > MAX_RANGE_DAYS:
                raise forms.ValidationError("日期区间不能超过十年，请缩短区间。")
        return data

    def period(self) -> Period:
        """The chosen period; the current year when nothing was chosen."""
        data = self.cleaned_data
        if data.get("date_from"):
            start, end = data["date_from"], data["date_to"]
            return Period(start, end, f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}")
        return Period.of_year(data.get("year") or timezone.localdate().year)
