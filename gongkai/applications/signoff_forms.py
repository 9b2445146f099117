"""Forms of the sign-off chain: the drafts the 承办人 submits, a stage's decision, the chain."""

from django import forms

from gongkai.accounts.models import User

from . import services, signoff
from .forms import ExtendForm, ReplyForm
from .permissions import staff_who_can


class ReplyDraftForm(forms.Form):
    """What the 承办人 drafts for sign-off: the reply letter's decision and its grounds."""

    outcome = ReplyForm.base_fields["outcome"]
    legacy_outcome = ReplyForm.base_fields["legacy_outcome"]
    summary = forms.CharField(
        label="答复理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="部分公开、不予公开、无法提供、不予处理和其他处理的，须写明理由（第三十六条）",
    )
    legal_basis = forms.CharField(
        label="法律依据",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text="如：《中华人民共和国政府信息公开条例》第三十六条第（二）项",
    )
    provided = forms.CharField(
        label="提供的信息",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text="予以公开、部分公开的，写明提供的文件名称和份数",
    )
    access = forms.CharField(
        label="获取方式和地点",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=500,
        help_text="如：随本告知书以电子邮件发送；或某年某月某日前到某地现场领取",
    )
    other_agency = forms.CharField(label="负责公开该信息的其他机关", max_length=100, required=False)
    other_agency_contact = forms.CharField(label="该机关的联系方式", max_length=200, required=False)

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome:
            problem = services.reply_reason_problem(outcome, data.get("summary", ""))
            if problem:
                self.add_error("summary", problem)
            if data.get("other_agency_contact") and not data.get("other_agency"):
                self.add_error("other_agency", "填写了联系方式的，请同时填写该机关的名称。")
        return data


class ExtensionDraftForm(forms.Form):
    days = ExtendForm.base_fields["days"]
    reason = ExtendForm.base_fields["reason"]


class SignoffDecisionForm(forms.Form):
    comment = forms.CharField(
        label="审核意见",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text="退回修改时必须填写",
    )

    def __init__(self, *args, returning: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.returning = returning

    def clean_comment(self):
        # Said here, next to the field, rather than only by the service after the post.
        comment = self.cleaned_data["comment"].strip()
        if self.returning and not comment:
            raise forms.ValidationError("退回修改时必须填写审核意见。")
        return comment


class SignoffChainForm(forms.Form):
    """One office's chain for replies or extensions: up to `signoff.MAX_STAGES` rows of name,
    required right, "only for replies that do not disclose everything", and a named person."""

    def __init__(self, *args, kind, organization, stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.rows = kind, range(1, signoff.MAX_STAGES + 1)
        actions = [("", "（不设此环节）")] + [
            (a.value, a.label) for a in signoff.STAGE_ACTIONS[kind]
        ]
        people = User.objects.filter(
            pk__in=[
                u.pk for a in signoff.STAGE_ACTIONS[kind] for u in staff_who_can(a, organization.pk)
            ]
        ).order_by("full_name", "username")
        for i in self.rows:
            stage = stages[i - 1] if i <= len(stages) else {}
            self.fields[f"name_{i}"] = forms.CharField(
                label=f"第{i}环节名称", max_length=40, required=False, initial=stage.get("name")
            )
            self.fields[f"action_{i}"] = forms.ChoiceField(
                label=f"第{i}环节所需权限",
                choices=actions,
                required=False,
                initial=stage.get("action"),
            )
            self.fields[f"person_{i}"] = forms.ModelChoiceField(
                label=f"第{i}环节指定人员",
                queryset=people,
                required=False,
                empty_label="具有该权限的任何人员",
                initial=stage.get("person_id"),
            )
            if kind == "reply":
                self.fields[f"adverse_{i}"] = forms.BooleanField(
                    label=f"第{i}环节仅用于未全部公开的答复",
                    required=False,
                    initial=stage.get("adverse_only"),
                )

    def clean(self):
        data = super().clean()
        for i in self.rows:
            if data.get(f"name_{i}", "").strip() and not data.get(f"action_{i}"):
                self.add_error(f"action_{i}", "请选择该环节所需的权限。")
            elif data.get(f"action_{i}") and not data.get(f"name_{i}", "").strip():
                self.add_error(f"name_{i}", "请填写环节名称。")
        return data

    def stages(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "name": data[f"name_{i}"],
                "action": data[f"action_{i}"],
                "adverse_only": data.get(f"adverse_{i}", False),
                "person": data.get(f"person_{i}"),
            }
            for i in self.rows
            if data.get(f"action_{i}")
        ]
