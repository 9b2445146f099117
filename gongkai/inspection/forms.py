from django import forms

from .models import Term, TermKind


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["kind", "text", "suggestion", "since", "note"]
        widgets = {"since": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        kind, suggestion = data.get("kind"), (data.get("suggestion") or "").strip()
        if kind and kind != TermKind.FORBIDDEN and not suggestion:
            self.add_error("suggestion", "请填写正确的写法。")
        if kind and kind != TermKind.OBSOLETE_NAME and data.get("since"):
            self.add_error("since", "只有已变更的机构名称需要填写变更日期。")
        if suggestion and suggestion == (data.get("text") or "").strip():
            self.add_error("suggestion", "正确写法与查找的写法相同。")
        return data
