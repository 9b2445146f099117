"""The shipped wording of every letter: one per kind, and for the reply one per outcome leaf,
each citing the article of the 条例 it rests on (regulations.md §1.5). Offices edit copies."""

from gongkai.applications.models import ConsultationParty
from gongkai.applications.outcomes import Outcome

from .models import LetterKind

TIAOLI = "《中华人民共和国政府信息公开条例》"
INTRO = (
    "本机关于{收到日期}收到您提出的政府信息公开申请（申请编号：{申请编号}），"
    "您申请获取“{申请内容}”。"
)
BASIS = "法律依据：{法律依据?}"
REMEDY = (
    "如对本答复不服，可以自收到本告知书之日起60日内向{复议机关}申请行政复议，"
    "或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。"
)
CONTACT = "\n".join(["联系机构：{受理机构?}", "联系地址：{受理地址?}", "联系电话：{联系电话?}"])
REASONS = "理由：{理由}"
OPTIONAL_REASONS = "说明：{理由?}"


def _withheld(what: str, article: str) -> tuple[str, str]:
    return (
        "政府信息不予公开告知书",
        f"经审查，您申请获取的政府信息{what}。根据{TIAOLI}{article}及第三十六条第（三）项的规定，"
        f"本机关决定不予公开。\n{REASONS}",
    )


_O = Outcome
# outcome leaf → (title, the lines between the introduction and the remedies)
REPLIES: dict[Outcome, tuple[str, str]] = {
    _O.DISCLOSED: (
        "政府信息公开告知书",
        f"经审查，您申请获取的政府信息属于可以公开的政府信息。根据{TIAOLI}第三十六条第（一）项、"
        "第（二）项的规定，本机关予以公开。\n本机关向您提供：{提供内容?}\n"
        "获取方式：{获取方式}。\n" + OPTIONAL_REASONS,
    ),
    _O.PARTIALLY_DISCLOSED: (
        "政府信息部分公开告知书",
        f"经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。"
        f"根据{TIAOLI}第三十七条的规定，本机关向您提供可以公开的部分，对不予公开的部分说明理由如下。\n"
        "本机关向您提供：{提供内容?}\n获取方式：{获取方式}。\n" + REASONS,
    ),
    _O.WITHHELD_STATE_SECRET: _withheld("属于国家秘密", "第十四条"),
    _O.WITHHELD_PROHIBITED_BY_LAW: _withheld("属于法律、行政法规禁止公开的政府信息", "第十四条"),
    _O.WITHHELD_SECURITY_STABILITY: _withheld(
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定", "第十四条"
    ),
    _O.WITHHELD_THIRD_PARTY_RIGHTS: _withheld(
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害", "第十五条"
    ),
    _O.WITHHELD_INTERNAL_AFFAIRS: _withheld(
        "属于人事管理、后勤管理、内部工作流程等内部事务信息", "第十六条第一款"
    ),
    _O.WITHHELD_PROCESS_INFORMATION: _withheld(
        "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
        "第十六条第二款",
    ),
    _O.WITHHELD_ENFORCEMENT_FILES: _withheld("属于行政执法案卷信息", "第十六条第二款"),
    _O.WITHHELD_ADMINISTRATIVE_QUERY: (
        "政府信息公开告知书",
        "经审查，您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的"
        f"信息。根据{TIAOLI}第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理。\n"
        + REASONS,
    ),
    _O.UNABLE_NOT_HELD: (
        "政府信息不存在告知书",
        f"经检索，本机关未制作或者获取您申请的政府信息。根据{TIAOLI}第三十六条第（四）项、"
        "第（五）项的规定，告知您该政府信息本机关不掌握。\n" + REASONS + "\n"
        "经查，负责公开该政府信息的行政机关为：{其他机关?}\n该机关联系方式：{其他机关联系方式?}",
    ),
    _O.UNABLE_NEEDS_CREATION: (
        "政府信息公开告知书",
        "经审查，本机关没有您申请的现成信息，需要对现有政府信息进行加工、分析或者另行制作。"
        f"根据{TIAOLI}第三十八条的规定，本机关不予提供。\n" + REASONS,
    ),
    _O.UNABLE_UNCLEAR_AFTER_CORRECTION: (
        "政府信息公开告知书",
        "本机关已就您的申请一次性告知补正事项，经审查，补正后的申请内容仍不明确，"
        f"本机关无法确定您所需的政府信息。根据{TIAOLI}第三十条的规定，本机关无法向您提供。\n"
        + REASONS,
    ),
    _O.NOT_PROCESSED_PETITION: (
        "不予处理告知书",
        "经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报等诉求。"
        f"根据{TIAOLI}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，"
        "您可以通过相应渠道提出。\n" + OPTIONAL_REASONS,
    ),
    _O.NOT_PROCESSED_DUPLICATE: (
        "不予处理告知书",
        "经审查，您的申请与本机关已经答复的政府信息公开申请内容相同。"
        f"根据{TIAOLI}第三十六条第（六）项的规定，本机关不予重复处理。\n" + OPTIONAL_REASONS,
    ),
    _O.NOT_PROCESSED_PUBLICATION: (
        "不予处理告知书",
        "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。"
        f"根据{TIAOLI}第三十九条第二款的规定，本机关不予处理，您可以通过公开出版物获取。\n"
        + OPTIONAL_REASONS,
    ),
    _O.NOT_PROCESSED_EXCESSIVE: (
        "不予处理告知书",
        "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，理由不合理。"
        f"根据{TIAOLI}第三十五条的规定，本机关不予处理。\n" + OPTIONAL_REASONS,
    ),
    _O.NOT_PROCESSED_CONFIRM_OR_REISSUE: (
        "不予处理告知书",
        "经审查，您要求本机关确认或者重新出具您已经获取的信息，不属于"
        f"{TIAOLI}第二条所称的获取政府信息，本机关不予处理。\n" + OPTIONAL_REASONS,
    ),
    _O.OTHER_NO_CORRECTION: (
        "视为放弃申请告知书",
        "本机关已一次性告知您补正申请，您无正当理由未在补正期限内补正。"
        f"根据{TIAOLI}第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。\n"
        "补正期限：{补正期限?}",
    ),
    _O.OTHER_FEE_UNPAID: (
        "不再处理告知书",
        "您未在收费通知规定的期限内缴纳信息处理费。根据《政府信息公开信息处理费管理办法》"
        f"和{TIAOLI}第四十二条的规定，本机关不再处理该政府信息公开申请。\n" + OPTIONAL_REASONS,
    ),
    _O.OTHER_OTHER: (
        "政府信息公开告知书",
        f"根据{TIAOLI}的规定，现将您申请的办理情况告知如下。\n" + OPTIONAL_REASONS,
    ),
}

RECEIPT = (
    "政府信息公开申请登记回执",
    "本机关已于{收到日期}收到您提出的政府信息公开申请，申请编号为{申请编号}，"
    "申请内容为“{申请内容}”。\n"
    f"根据{TIAOLI}第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复，"
    "即{答复期限}前答复；需要延长答复期限的，将另行书面告知，延长的期限最长不超过20个工作日。"
    "征求第三方和其他机关意见所需时间不计算在答复期限内。\n{期限说明?}\n"
    "您可以凭申请编号和查询码在本机关门户网站查询办理进度。\n" + CONTACT,
)
CORRECTION = (
    "政府信息公开申请补正告知书",
    INTRO + "\n经审查，您的申请内容不明确。根据"
    f"{TIAOLI}第三十条的规定，请您于{{补正期限}}前对下列事项作出补正：\n{{补正事项}}\n"
    "答复期限自本机关收到补正后的申请之日起计算。您可以在本机关门户网站凭申请编号和查询码提交补正材料，"
    "也可以向本机关政府信息公开工作机构当面或邮寄提交。无正当理由逾期不补正的，视为放弃申请，"
    "本机关不再处理该政府信息公开申请。\n" + CONTACT,
)
EXTENSION = (
    "延期答复告知书",
    INTRO + "\n因{延期理由}，本机关不能在规定期限内作出答复。"
    f"根据{TIAOLI}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
    "答复期限延长{延期天数}个工作日，本机关将于{延长后期限}前予以答复。\n" + CONTACT,
)
CONSULT_THIRD = (
    "政府信息公开征求第三方意见函",
    "本机关于{收到日期}收到政府信息公开申请（申请编号：{申请编号}），申请获取“{申请内容}”。"
    "经审查，公开该政府信息可能损害贵方的合法权益。\n"
    f"根据{TIAOLI}第三十二条的规定，现书面征求贵方意见。请于{{征求意见答复期限}}前书面提出意见；"
    "逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。第三方不同意公开且有合理理由的，"
    "本机关不予公开。\n" + CONTACT,
)
CONSULT_AGENCY = (
    "政府信息公开征求意见函",
    "本机关于{收到日期}收到政府信息公开申请（申请编号：{申请编号}），申请获取“{申请内容}”。"
    "该政府信息由本机关与贵机关共同制作。\n"
    f"根据{TIAOLI}第三十四条的规定，现征求贵机关意见。请于{{征求意见答复期限}}前书面提出意见；"
    "逾期未提出意见的，视为同意公开。\n" + CONTACT,
)
CONSULTATION_RECORD = (
    "征求意见答复记录",
    "本机关就申请编号为{申请编号}的政府信息公开申请（申请获取“{申请内容}”）"
    f"依照{TIAOLI}第三十二条或第三十四条的规定征求意见，于{{成文日期}}结束征求意见。\n"
    "征求对象：{征求对象?}\n征求意见函发出日期：{征求意见日期?}\n意见情况：{征求意见结果}",
)
TRANSFER = (
    "政府信息公开申请转送告知书",
    "您向{转出机关}提出的政府信息公开申请（申请编号：{申请编号}，申请获取“{申请内容}”），"
    "经审查，该政府信息由{转送机关}负责公开。\n"
    f"根据{TIAOLI}第三十六条第（五）项的规定，本机关已将您的申请转交{{转送机关}}办理，"
    "收到申请之日仍为{收到日期}，答复期限不因转交而重新计算。\n转交理由：{转送理由}",
)

FEE_NOTICE = (
    "政府信息公开信息处理费收费通知书",
    INTRO + "\n根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）和"
    f"{TIAOLI}第四十二条的规定，本机关对您的申请收取信息处理费{{收费金额}}元（{{收费方式}}），计算如下：\n"
    "{收费明细}\n请于{缴费期限}前缴纳。自本通知发出之日起至您缴纳费用之日止的期间，不计算在答复期限内；"
    "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。\n" + CONTACT,
)

# Where each letter goes (the addressee line); the consultation letters address the party.
ADDRESSEE = {
    LetterKind.CONSULTATION: "{征求对象}：",
    LetterKind.CONSULTATION_RECORD: "",
}
DEFAULT_ADDRESSEE = "{申请人}："


def default(kind: LetterKind, variant: str = "") -> tuple[str, str]:
    """The shipped (title, body) for a kind (and variant); KeyError when there is none."""
    kind = LetterKind(kind)
    if kind == LetterKind.REPLY:
        title, decision = REPLIES[Outcome(variant)]
        return title, f"{INTRO}\n{decision}\n{BASIS}\n{REMEDY}\n{CONTACT}"
    if kind == LetterKind.CONSULTATION:
        third = variant != ConsultationParty.OTHER_AGENCY
        return CONSULT_THIRD if third else CONSULT_AGENCY
    return {
        LetterKind.RECEIPT: RECEIPT,
        LetterKind.CORRECTION: CORRECTION,
        LetterKind.EXTENSION: EXTENSION,
        LetterKind.CONSULTATION_RECORD: CONSULTATION_RECORD,
        LetterKind.TRANSFER: TRANSFER,
        LetterKind.FEE_NOTICE: FEE_NOTICE,
    }[kind]


def variants(kind: LetterKind) -> list[tuple[str, str]]:
    """The (variant, label) a kind has its own template for."""
    if kind == LetterKind.REPLY:
        return [(o.value, o.label) for o in Outcome]
    if kind == LetterKind.CONSULTATION:
        return [(p.value, p.label) for p in ConsultationParty]
    return [("", "")]
