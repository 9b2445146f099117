"""Forms: the public application form, the staff intake form, one small form per transition."""

import re
import unicodedata
import uuid

from django import forms
from django.utils import timezone

from gongkai.accounts.models import Organization, OrganizationKind, User
from gongkai.accounts.permissions import Action, organizations_for
from gongkai.catalog.models import Topic
from gongkai.lib import filetypes
from gongkai.lib.inputs import fit_filename
from gongkai.lib.workdays import FIRST_DATE

from . import services
from .clock import MAX_CORRECTION_PERIOD_DAYS
from .models import (
    ORG_ID_TYPES,
    PERSON_ID_TYPES,
    ApplicantKind,
    Application,
    Attachment,
    Channel,
    ConsultationParty,
    Delivery,
    IdType,
    LegacyOutcome,
    Outcome,
    Status,
)
from .permissions import staff_who_can
from .validators import normalize, resident_id_problem, uscc_problem

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\+?\d[\d -]{6,19})$")
# Each checked by content too (`filetypes.sniff`), so every one must be a kind it knows.
ALLOWED_EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "doc", "docx", "ofd", "txt"}
MAX_FILES, MAX_FILE_MB = 5, 10
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"required": "请填写日期。", "invalid": "日期格式应为 YYYY-MM-DD。"}


def date_problem(day, today=None) -> str | None:
    """Why a date typed into a record cannot be right, or None (2004-01-01 … today)."""
    if day is None:
        return None
    if day < FIRST_DATE:
        return f"日期不能早于 {FIRST_DATE.isoformat()}。"
    if day > (today or timezone.localdate()):
        return "日期不能晚于今天。"
    return None


def _checked_date(day):
    """`day` if `date_problem` finds nothing wrong with it; for a form's clean_<field>."""
    problem = date_problem(day)
    if problem:
        raise forms.ValidationError(problem)
    return day


def _required(label: str, message: str | None = None, **kwargs) -> dict:
    return {"label": label, "error_messages": {"required": message or f"请填写{label}。"}, **kwargs}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def checked_uploads(files) -> list:
    """Applicants' files: at most `MAX_FILES`, each of a known kind whose content matches its
    extension (`filetypes.sniff`) and no larger than `MAX_FILE_MB`; else a Chinese error."""
    if len(files) > MAX_FILES:
        raise forms.ValidationError(f"附件最多{MAX_FILES}个。")
    name_limit = Attachment._meta.get_field("name").max_length
    for f in files:
        # A name longer than the column is shortened (keeping its extension), never a 500.
        f.name = fit_filename(f.name, name_limit)
        ext = f.name.rsplit(".", 1)[-1].lower() if "." in f.name else ""
        if ext not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                f"附件“{f.name}”的格式不支持，请上传 PDF、图片、Word 或 OFD 文件。"
            )
        if f.size > MAX_FILE_MB * 1024 * 1024:
            raise forms.ValidationError(
                filetypes.too_large_message(f.name, f.size, MAX_FILE_MB * 1024 * 1024)
            )
        if filetypes.sniff(f) != filetypes.kind_of_name(f.name):
            raise forms.ValidationError(
                f"附件“{f.name}”的内容与扩展名不符（不是有效的 {ext.upper()} 文件），"
                "请检查后重新上传。"
            )
    return files


class ApplicationForm(forms.Form):
    """What the applicant states (第29条). Every refusal names the field and says why, in Chinese."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label="向哪个机关申请",
        empty_label=None,
        error_messages={
            "required": "请选择受理机关。",
            "invalid_choice": "请选择列表中的受理机关。",
        },
    )
    applicant_kind = forms.ChoiceField(
        choices=ApplicantKind.choices,
        **_required("申请人类型", "请选择申请人类型（自然人或法人、其他组织的类别）。"),
    )
    applicant_name = forms.CharField(
        max_length=100, **_required("申请人姓名或名称", "请填写申请人姓名或单位名称。")
    )
    id_type = forms.ChoiceField(
        choices=IdType.choices, **_required("身份证明类型", "请选择证件类型。")
    )
    id_number = forms.CharField(max_length=40, **_required("证件号码"))
    legal_representative = forms.CharField(
        label="法定代表人或负责人", max_length=50, required=False, help_text="法人或其他组织填写"
    )
    contact_person = forms.CharField(
        label="联系人", max_length=50, required=False, help_text="法人或其他组织必填"
    )
    phone = forms.CharField(
        max_length=40, **_required("联系电话"), widget=forms.TextInput(attrs={"type": "tel"})
    )
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=254,  # the column's; the form field's own default (320) is longer
        error_messages={
            "invalid": "电子邮箱格式不正确，例如 name@example.com。",
            "max_length": "电子邮箱不能超过254个字符。",
        },
    )
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="请写明所需政府信息的名称、文号，或便于查询的其他特征性描述。",
        **_required("所需政府信息的内容描述", "请描述所需的政府信息。"),
    )
    document_number = forms.CharField(label="文件名称或文号", max_length=200, required=False)
    delivery = forms.ChoiceField(
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        **_required("获取信息的方式", "请选择获取信息的方式。"),
    )
    attachments = MultipleFileField(
        label="附件",
        required=False,
        help_text=f"身份证明复印件等，最多{MAX_FILES}个，每个不超过{MAX_FILE_MB}MB（PDF、图片、Word、OFD）",
    )

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                # Django's own message says neither which field nor what to do.
                field.error_messages["max_length"] = (
                    f"{field.label}最多 %(limit_value)d 字，现为 %(show_value)d 字，请精简。"
                )
        self.fields["description"].error_messages["max_length"] = (
            "所需政府信息的内容描述最多 %(limit_value)d 字，现为 %(show_value)d 字。"
            "请概括写明所需信息的名称、文号或便于查询的特征；较长的说明可作为附件上传。"
        )
        self.fields["organization"].queryset = organizations
        first = organizations.first() if organizations is not None else None
        if first is not None:
            self.fields["organization"].initial = first.pk
        if organizations is not None and organizations.count() == 1:
            self.fields["organization"].widget = forms.HiddenInput()

    def clean_id_number(self):
        return normalize(self.cleaned_data["id_number"])

    def clean_phone(self):
        phone = unicodedata.normalize("NFKC", self.cleaned_data["phone"]).strip()
        if not PHONE.match(phone):
            raise forms.ValidationError(
                "请填写有效的手机号码或固定电话（例如 13812345678 或 021-53899700）。"
            )
        return phone

    def clean_postcode(self):
        code = unicodedata.normalize("NFKC", self.cleaned_data["postcode"]).strip()
        if code and not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("邮政编码应为6位数字。")
        return code

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text) < 10:
            raise forms.ValidationError(
                "内容描述过于简单，请至少写10个字，写明文件名称、文号或便于查询的其他特征。"
            )
        return text

    def clean_attachments(self):
        return checked_uploads(self.cleaned_data.get("attachments") or [])

    def clean(self):
        data = super().clean()
        kind, id_type, number = (
            data.get("applicant_kind"),
            data.get("id_type"),
            data.get("id_number"),
        )
        person = kind == ApplicantKind.NATURAL_PERSON
        if kind and id_type:
            if person and id_type not in PERSON_ID_TYPES:
                self.add_error("id_type", "自然人请选择居民身份证、护照等个人证件。")
            elif not person and id_type not in ORG_ID_TYPES:
                self.add_error("id_type", "法人或其他组织请选择统一社会信用代码或其他证件。")
        if id_type and number:
            problem = None
            if id_type == IdType.RESIDENT_ID:
                problem = resident_id_problem(number)
            elif id_type == IdType.USCC:
                problem = uscc_problem(number)
            if problem:
                self.add_error("id_number", problem)
        if kind and not person and not data.get("contact_person", "").strip():
            self.add_error("contact_person", "法人或其他组织申请的，请填写联系人。")
        delivery = data.get("delivery")
        if delivery == Delivery.ELECTRONIC and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "选择以电子文件方式获取的，请填写电子邮箱。")
        if delivery == Delivery.POST and not data.get("address", "").strip():
            self.add_error("address", "选择邮寄方式的，请填写通信地址。")
        return data


class _OncePerForm(forms.Form):
    # One per form shown; the same form posted twice carries the same token.
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_token"].initial = uuid.uuid4()

    def clean_submission_token(self):
        # A guard against posting twice, not a check on the applicant: a missing or mangled
        # token only means the post is not guarded.
        try:
            return uuid.UUID(self.cleaned_data["submission_token"])
        except ValueError:
            return None


class PublicApplicationForm(_OncePerForm, ApplicationForm):
    consent = forms.BooleanField(
        label="我已阅读并同意：本机关仅为办理本申请使用上述个人信息，并按档案管理规定保存。",
        error_messages={"required": "请阅读并勾选同意个人信息使用说明后再提交。"},
    )


def public_organizations():
    return Organization.objects.filter(
        kind__in=[OrganizationKind.AGENCY, OrganizationKind.SUBORDINATE]
    ).order_by("sort_order", "pk")


class StaffIntakeForm(_OncePerForm, ApplicationForm):
    """Staff enter in-person, letter, fax and other applications, with the 第31条 facts."""

    channel = forms.ChoiceField(
        choices=Channel.choices, **_required("申请方式", "请选择申请方式。")
    )
    submitted_on = forms.DateField(
        widget=DATE,
        help_text="当面提交之日；邮件送达之日；传真或网络提交之日",
        **_required("提交或到达日期", "请填写申请提交或到达的日期。"),
    )
    signed_for_on = forms.DateField(
        label="邮件签收日期",
        required=False,
        widget=DATE,
        help_text="挂号信、EMS 等须签收的邮件填写",
    )
    confirmed_on = forms.DateField(
        label="与申请人确认日期",
        required=False,
        widget=DATE,
        help_text="平信、传真、电子邮件等：与申请人确认之日为收到申请之日",
    )
    receipt_note = forms.CharField(
        label="收件说明",
        max_length=200,
        required=False,
        help_text="如邮件单号、确认电话的时间和接听人",
    )
    filled_on_behalf = forms.BooleanField(
        label="申请人书写困难，由工作人员代为填写（口头申请）", required=False
    )
    topic = forms.ModelChoiceField(
        label="申请内容主题",
        queryset=Topic.objects.filter(is_active=True),
        required=False,
        empty_label="（未分类）",
        help_text="按本机关的主题分类归类，年度报告据此说明申请内容的分布",
    )

    field_order = ["organization", "channel", "submitted_on", "signed_for_on", "confirmed_on"]

    def clean(self):
        data = super().clean()
        for name in ("submitted_on", "signed_for_on", "confirmed_on"):
            problem = date_problem(data.get(name))
            if problem:
                self.add_error(name, problem)
        if self.errors or not data.get("channel") or not data.get("submitted_on"):
            return data
        submitted = data["submitted_on"]
        for name in ("signed_for_on", "confirmed_on"):
            if data.get(name) and data[name] < submitted:
                self.add_error(name, "不能早于提交或到达日期。")
        try:
            data["received_on"], data["receipt_basis"] = services.receipt_date(
                channel=Channel(data["channel"]),
                submitted_on=submitted,
                signed_for_on=data.get("signed_for_on"),
                confirmed_on=data.get("confirmed_on"),
            )
        except services.TransitionError as exc:
            self.add_error("confirmed_on", str(exc))
        return data


# ---------------------------------------------------------------- transitions


class TopicForm(forms.Form):
    """The subject of a case from the office's topic vocabulary (for the annual report)."""

    topic = forms.ModelChoiceField(
        label="申请内容主题",
        queryset=Topic.objects.filter(is_active=True),
        required=False,
        empty_label="（未分类）",
    )


def name_required_fields(form: forms.Form) -> None:
    """A required field left empty says which one ("请选择送达方式。"), never Django's generic
    "这个字段是必填项。": on a page with several forms the generic words do not say what to do."""
    generic = str(forms.Field.default_error_messages["required"])
    for field in form.fields.values():
        if str(field.error_messages.get("required", "")) == generic:
            verb = "选择" if isinstance(field, forms.ChoiceField) else "填写"
            field.error_messages["required"] = f"请{verb}{field.label}。"


class _OnForm(forms.Form):
    """A step on the case page, dated: `on_label` names the date ("送达日期")."""

    on_label = "日期"
    on = forms.DateField(
        label="日期", widget=DATE, error_messages={"invalid": DATE_ERRORS["invalid"]}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        self.fields["on"].label = self.on_label
        name_required_fields(self)

    def clean_on(self):
        return _checked_date(self.cleaned_data["on"])


class AcceptForm(_OnForm):
    on_label = "受理日期"


class StartForm(_OnForm):
    on_label = "开始办理日期"


class ArchiveForm(_OnForm):
    on_label = "归档日期"


class AbandonForm(_OnForm):
    on_label = "视为放弃日期"


class CorrectionForm(_OnForm):
    on_label = "补正告知发出日期"

    items = forms.CharField(
        label="需要补正的全部事项（一次性告知）",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请写明需要补正的事项。"},
    )
    correct_by = forms.DateField(
        label="补正期限",
        widget=DATE,
        error_messages={"required": "请填写补正期限。"},
        help_text=f"自发出补正告知之日起不超过{MAX_CORRECTION_PERIOD_DAYS}日",
    )


class CorrectionReceivedForm(_OnForm):
    on_label = "收到补正材料日期"
    note = forms.CharField(label="说明", max_length=200, required=False)


class ConsultForm(_OnForm):
    on_label = "发出征求意见日期"
    party = forms.ChoiceField(label="征求意见对象类型", choices=ConsultationParty.choices)
    party_name = forms.CharField(
        label="对象名称", max_length=100, error_messages={"required": "请填写征求意见的对象。"}
    )
    party_received_on = forms.DateField(
        label="对方收到日期",
        required=False,
        widget=DATE,
        error_messages=DATE_ERRORS,
        help_text="对方签收征求意见书之日，其15个工作日答复期限自次日起算；不填则按发出日期计算",
    )
    note = forms.CharField(label="说明", max_length=200, required=False)

    def clean_party_received_on(self):
        return _checked_date(self.cleaned_data["party_received_on"])


class EndConsultationForm(_OnForm):
    on_label = "收到意见日期"
    result = forms.CharField(
        label="意见结果",
        max_length=200,
        help_text="如：同意公开；不同意公开并说明理由；逾期未答复",
        error_messages={"required": "请填写意见结果。"},
    )


class ExtendForm(_OnForm):
    on_label = "延期决定日期"
    days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=20,
        error_messages={
            "required": "请填写延长的工作日数。",
            "max_value": "延长答复期限最长不得超过20个工作日。",
            "min_value": "延期天数应至少为1个工作日。",
        },
    )
    reason = forms.CharField(
        label="延期理由", max_length=300, error_messages={"required": "请填写延期理由。"}
    )


class ReplyForm(_OnForm):
    on_label = "答复日期"
    outcome = forms.ChoiceField(
        label="办理结果",
        choices=[("", "请选择")]
        + [c for c in Outcome.choices if c[0] != Outcome.OTHER_NO_CORRECTION],
        error_messages={"required": "请选择办理结果。"},
    )
    legacy_outcome = forms.ChoiceField(
        label="旧版年报分类",
        choices=[("", "按办理结果自动归类")] + LegacyOutcome.choices,
        required=False,
    )
    summary = forms.CharField(
        label="答复要点",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="不予公开、部分公开、无法提供的，须写明理由",
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome"):
            problem = services.reply_reason_problem(data["outcome"], data.get("summary", ""))
            if problem:
                self.add_error("summary", problem)
        return data


class DeliverForm(_OnForm):
    on_label = "送达日期"
    method = forms.ChoiceField(
        label="送达方式",
        choices=[("直接送达", "直接送达"), ("邮政寄送", "邮政寄送"), ("电子送达", "电子送达")],
    )
    tracking = forms.CharField(label="邮件号码", max_length=60, required=False)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=User.objects.none(), label="承办人", error_messages={"required": "请选择承办人。"}
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_who_can(
            Action.APPLICATION_HANDLE, application.organization_id
        ).order_by("full_name", "username")


class TransferForm(forms.Form):
    to_organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label="转交给",
        error_messages={"required": "请选择转交的机关。"},
    )
    reason = forms.CharField(
        label="转交理由", max_length=300, error_messages={"required": "请填写转交理由。"}
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = public_organizations().exclude(
            pk=application.organization_id
        )


# ---------------------------------------------------------------- lists and lookups


class InboxFilterForm(forms.Form):
    WHO = [
        ("todo", "我承办的和未分配的"),
        ("mine", "我承办的"),
        ("unassigned", "未分配"),
        ("all", "全部"),
    ]
    DUE = [
        ("", "全部"),
        ("overdue", "已超期"),
        ("soon", "3个工作日内到期"),
        ("week", "本周及以前到期"),
    ]
    SORT = [
        ("urgency", "按紧急程度"),
        ("-received", "按收到日期（新→旧）"),
        ("received", "按收到日期（旧→新）"),
    ]

    q = forms.CharField(
        label="编号或申请人",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "编号或姓名（名称）的开头"}),
    )
    who = forms.ChoiceField(label="范围", choices=WHO, required=False)
    status = forms.ChoiceField(
        label="状态",
        choices=[("", "全部"), ("pending", "待办（未办结或待送达）"), ("open", "未办结")]
        + Status.choices,
        required=False,
    )
    channel = forms.ChoiceField(
        label="申请方式", choices=[("", "全部")] + Channel.choices, required=False
    )
    applicant_kind = forms.ChoiceField(
        label="申请人类型", choices=[("", "全部")] + ApplicantKind.choices, required=False
    )
    due = forms.ChoiceField(label="期限", choices=DUE, required=False)
    outcome = forms.ChoiceField(
        label="办理结果", choices=[("", "全部")] + Outcome.choices, required=False
    )
    year = forms.IntegerField(label="年度", required=False, min_value=2008, max_value=2100)
    sort = forms.ChoiceField(label="排序", choices=SORT, required=False)


class StatusQueryForm(forms.Form):
    tracking_number = forms.CharField(
        label="申请编号", max_length=40, error_messages={"required": "请填写申请编号。"}
    )
    query_code = forms.CharField(
        label="查询码", max_length=20, error_messages={"required": "请填写查询码。"}
    )


def intake_organizations(user):
    return (
        organizations_for(user, Action.APPLICATION_INTAKE)
        .filter(kind__in=[OrganizationKind.AGENCY, OrganizationKind.SUBORDINATE])
        .order_by("sort_order", "pk")
    )
