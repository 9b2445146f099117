"""Who may open every page and press every button: the one table of the site's URLs.

Each named URL of the site has one row: who may GET it and who may POST to it, among the
anonymous visitor, each role of the office, and a clerk of another organization (`OUTSIDER`).
`test_access.py` walks every row for every persona and fails on any difference, and fails on
any URL the resolver knows that has no row here, so that a new page cannot arrive unconsidered.

Adding a page: add `"namespace:name": Row(get=..., post=..., args=...)` below. `args` turns the
`World` (gongkai/tests/world.py: one record in each state; the later sections' records in
`world.records`, world_records.py) into the URL's arguments; `query` adds a query string; `data`
is a valid POST, for buttons whose permission the service (not the view) checks. Persons left out
of a set must be refused: 403, 404, or for the anonymous a redirect to the login page.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ANONYMOUS = "anonymous"
CLERK = "clerk"
HEAD = "division_head"
LEGAL = "legal_reviewer"
LEADER = "leader"
ADMIN = "admin_user"
OUTSIDER = "outsider"  # a clerk of another agency

PERSONAS = (ANONYMOUS, CLERK, HEAD, LEGAL, LEADER, ADMIN, OUTSIDER)
OFFICE = frozenset({CLERK, HEAD, LEGAL, LEADER, ADMIN})
STAFF = OFFICE | {OUTSIDER}
EVERYONE = STAFF | {ANONYMOUS}
NOBODY = frozenset()
# On the office's own records. Lists and "new" pages are open to the outsider too: they show
# and create the outsider's own organization's records (whose rows the walk does not see).
DRAFTERS = frozenset({CLERK, HEAD})
HANDLERS = frozenset({CLERK, HEAD})
ASSIGNERS = frozenset({HEAD, LEADER})
WITHDRAWERS = frozenset({HEAD, LEADER})
GUIDE_EDITORS = frozenset({LEADER, ADMIN})
IMPORTERS = frozenset({CLERK, ADMIN})
ADMINS = frozenset({ADMIN})
# An application of the office is seen by whoever works on the office's applications.
APPLICATION_VIEWERS = frozenset({CLERK, HEAD, LEGAL, LEADER})
# The inbox: those who handle, assign or sign replies, here or elsewhere.
INBOX = APPLICATION_VIEWERS | {OUTSIDER}
# Those who may stand in a reply's sign-off chain: review, legal review, signature.
SIGNERS = frozenset({HEAD, LEGAL, LEADER})
RECORDERS = frozenset({CLERK})  # 复议诉讼, 建议提案
COMPOSERS = frozenset({CLERK, HEAD})  # the annual report and its figures
REPORT_READERS = COMPOSERS | {LEADER}  # and the leader, who publishes it


@dataclass(frozen=True)
class Row:
    """`get`/`post`: who gets through. `get=None`: POST only (GET answers 405 to everyone);
    `post=None`: the page has no POST action worth walking (a plain page or a list)."""

    get: frozenset | None
    post: frozenset | None = None
    args: Callable = lambda world: {}
    data: Callable | None = None
    # Persons who pass the permission check but whom the rules then refuse (told why).
    refused: frozenset = field(default_factory=frozenset)
    query: Callable | None = None  # the query string a page needs (a search, a figure)
    # A POST-only address outside the workspace: the anonymous meet its 405 like everyone,
    # instead of being sent to sign in first.
    public: bool = False


def _publish_form(report) -> dict:
    """The publish form as the report's page fills it (the digest of the figures shown)."""
    from django.utils import timezone

    from gongkai.reports.engine.services import digest

    return {
        "override_reason": "已逐项核对",
        "seen": digest(report),
        "dated_on": timezone.localdate().isoformat(),
    }


def _item(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _transition(kind):
    return lambda w: {"pk": w.application.pk, "kind": kind}


def _rec(attr):
    """The pk of one of the world's later records (world_records.py)."""
    return lambda w: {"pk": getattr(w.records, attr).pk}


def _today():
    from django.utils import timezone

    return timezone.localdate().isoformat()


ACCESS: dict[str, Row] = {
    # -- the public site
    "portal:home": Row(get=EVERYONE),
    "catalog:guide": Row(get=EVERYONE),
    "catalog:guide_org": Row(get=EVERYONE, args=lambda w: {"code": w.agency.code}),
    "catalog:browse": Row(get=EVERYONE),
    "catalog:annual_reports": Row(get=EVERYONE),
    "catalog:item": Row(get=EVERYONE, args=_item("published")),
    "catalog:attachment": Row(get=EVERYONE, args=_item("item_attachment")),
    "catalog:search": Row(get=EVERYONE),
    "applications:apply": Row(get=EVERYONE),
    "applications:apply_done": Row(get=EVERYONE),
    "applications:apply_status": Row(get=EVERYONE),
    "accounts:login": Row(get=EVERYONE),
    "accounts:logout": Row(get=None, post=EVERYONE),
    # -- the workspace
    "accounts:dashboard": Row(get=STAFF),
    "accounts:audit": Row(get=ADMINS),
    "accounts:organizations": Row(get=ADMINS),
    "accounts:organization_new": Row(get=ADMINS, post=ADMINS),
    "accounts:organization_edit": Row(get=ADMINS, post=ADMINS, args=lambda w: {"pk": w.agency.pk}),
    "accounts:staff": Row(get=ADMINS),
    "accounts:staff_new": Row(get=ADMINS, post=ADMINS),
    "accounts:staff_edit": Row(get=ADMINS, post=ADMINS, args=lambda w: {"pk": w.colleague.pk}),
    "accounts:staff_unlock": Row(get=None, post=ADMINS, args=lambda w: {"pk": w.colleague.pk}),
    "analytics:overview": Row(get=STAFF),
    "analytics:series_csv": Row(get=STAFF),
    "workdays:calendar": Row(get=STAFF),
    "workdays:edit": Row(get=ADMINS, post=ADMINS, args=lambda w: {"year": 2027}),
    "workdays:forget": Row(get=None, post=ADMINS, args=lambda w: {"year": 2027}),
    # 主动公开
    "catalog:staff_list": Row(get=DRAFTERS | {OUTSIDER}),
    "catalog:staff_create": Row(get=DRAFTERS | {OUTSIDER}, post=DRAFTERS | {OUTSIDER}),
    "catalog:review_queue": Row(get=STAFF),
    "catalog:guide_edit": Row(get=GUIDE_EDITORS, post=GUIDE_EDITORS),
    "catalog:review_chain": Row(get=GUIDE_EDITORS, post=GUIDE_EDITORS),
    # Shared by every organization: only someone whose scope covers every top-level organization,
    # and the walk's world has two (the office and the outsider's agency).
    "catalog:vocabularies": Row(get=NOBODY, post=NOBODY),
    "catalog:normative_lookup": Row(get=DRAFTERS | {OUTSIDER}),
    "catalog:staff_detail": Row(get=OFFICE - {ADMIN}, args=_item("in_review")),
    "catalog:staff_edit": Row(get=DRAFTERS, post=DRAFTERS, args=_item("draft")),
    "catalog:staff_correct": Row(get=WITHDRAWERS, post=WITHDRAWERS, args=_item("published")),
    "catalog:attachment_upload": Row(get=None, post=DRAFTERS, args=_item("draft")),
    "catalog:attachment_delete": Row(get=None, post=DRAFTERS, args=_item("item_attachment")),
    "catalog:submit": Row(get=None, post=DRAFTERS, args=_item("draft")),
    "catalog:review": Row(
        get=None,
        post=frozenset({HEAD}),
        args=_item("in_review"),
        data=lambda w: {"decision": "approve", "confidentiality": "clear", "opinion": "同意"},
    ),
    "catalog:withdraw": Row(
        get=None, post=WITHDRAWERS, args=_item("published"), data=lambda w: {"reason": "已废止"}
    ),
    "catalog:set_validity": Row(
        get=None,
        post=WITHDRAWERS,
        args=_item("published"),
        data=lambda w: {"validity": "repealed", "changed_on": _today()},
    ),
    # 依申请公开
    "applications:inbox": Row(get=INBOX),
    "applications:intake": Row(get=frozenset({CLERK, OUTSIDER}), post=frozenset({CLERK, OUTSIDER})),
    "applications:detail": Row(get=APPLICATION_VIEWERS, args=lambda w: {"pk": w.application.pk}),
    "applications:transition": Row(
        get=None,
        post=HANDLERS,
        args=_transition("accept"),
        data=lambda w: {"accept-on": _today()},
    ),
    "applications:attachment": Row(
        get=APPLICATION_VIEWERS,
        args=lambda w: {"pk": w.application.pk, "attachment_pk": w.application_attachment.pk},
    ),
    "applications:notifications": Row(get=STAFF),
    "applications:notifications_read": Row(get=None, post=STAFF),
    # 年度报告
    "reports:import_list": Row(get=IMPORTERS | {OUTSIDER}),
    "reports:import_new": Row(get=IMPORTERS | {OUTSIDER}, post=IMPORTERS | {OUTSIDER}),
    "reports:import_review": Row(
        get=IMPORTERS, post=IMPORTERS, args=lambda w: {"pk": w.imported_report.pk}
    ),
    "reports:compare": Row(get=IMPORTERS | {OUTSIDER}),
    # -- the public site, later sections
    "portal:favicon": Row(get=EVERYONE),
    "portal:care_mode": Row(get=None, post=EVERYONE),
    "applications:forgot_code": Row(get=EVERYONE, post=EVERYONE),
    # An applicant's own case: only in the browser session that gave its tracking number and
    # query code. Staff open cases in the workspace, never through the applicant's pages.
    "applications:case_status": Row(
        get=NOBODY, args=lambda w: {"tracking": w.application.tracking_number}
    ),
    "applications:correction": Row(
        get=None,
        post=NOBODY,
        public=True,
        args=lambda w: {"tracking": w.application.tracking_number},
    ),
    "applications:disclosed_file": Row(
        get=NOBODY,
        args=lambda w: {
            "tracking": w.application.tracking_number,
            "pk": w.application_attachment.pk,
        },
    ),
    # The signed link on the applicant's status page is the credential: whoever holds it.
    "letters:public_pdf": Row(get=EVERYONE, args=lambda w: {"token": w.records.letter_token}),
    "consultations:public_list": Row(get=EVERYONE),
    "consultations:ask": Row(get=EVERYONE, post=EVERYONE),
    "consultations:ask_done": Row(get=EVERYONE),
    "proposals:public_list": Row(get=EVERYONE),
    "proposals:public_detail": Row(get=EVERYONE, args=_rec("proposal")),
    "guides:list": Row(get=EVERYONE),
    "guides:guide": Row(get=EVERYONE, args=_rec("guide")),
    "guides:flowchart": Row(get=EVERYONE, args=_rec("guide")),
    "guides:powers": Row(get=EVERYONE),
    "guides:power": Row(get=EVERYONE, args=_rec("power")),
    "reports:public_report": Row(get=EVERYONE, args=_rec("published_report")),
    "reports:public_download": Row(
        get=EVERYONE, args=lambda w: {"pk": w.records.published_report.pk, "fmt": "html"}
    ),
    "feeds:organization": Row(get=EVERYONE, args=lambda w: {"code": w.agency.code, "fmt": "rss"}),
    "feeds:topic": Row(get=EVERYONE, args=lambda w: {"code": "sfjd", "fmt": "atom"}),
    "feeds:search": Row(get=EVERYONE, args=lambda w: {"fmt": "rss"}, query=lambda w: {"q": "律师"}),
    "opendata:index": Row(get=EVERYONE),
    "opendata:items_csv": Row(get=EVERYONE, args=lambda w: {"code": w.agency.code, "year": 2024}),
    "opendata:items_json": Row(get=EVERYONE, args=lambda w: {"code": w.agency.code, "year": 2024}),
    "opendata:items_schema": Row(get=EVERYONE),
    # Open data publishes the imported reports whose figures staff confirmed.
    "opendata:report_statistics": Row(get=EVERYONE, args=_item("confirmed_report")),
    "opendata:statistics_dictionary": Row(get=EVERYONE),
    "opendata:own_report_statistics": Row(get=EVERYONE, args=_rec("published_report")),
    # -- the open API: the public part for everyone; the staff part takes a bearer token and
    # never the session cookie, so that no other site can act with a signed-in person's session.
    "api:api-root": Row(get=NOBODY),  # no page at the root: the documents are below it
    "api:openapi-json": Row(get=EVERYONE),
    "api:openapi-view": Row(get=EVERYONE),
    "api:organizations": Row(get=EVERYONE),
    "api:items_list": Row(get=EVERYONE),
    "api:items_search": Row(get=EVERYONE, query=lambda w: {"q": "律师"}),
    "api:item_detail": Row(get=EVERYONE, args=lambda w: {"item_id": w.published.pk}),
    "api:reports_list": Row(get=EVERYONE),
    "api:reports_statistics": Row(
        get=EVERYONE, args=lambda w: {"report_id": w.confirmed_report.pk}
    ),
    "api:own_report_statistics": Row(
        get=EVERYONE, args=lambda w: {"report_id": w.records.published_report.pk}
    ),
    "api:submit": Row(get=None, post=EVERYONE),
    "api:status": Row(get=None, post=EVERYONE),
    "api:cases": Row(get=NOBODY),
    "api:case_detail": Row(get=NOBODY, args=lambda w: {"application_id": w.application.pk}),
    "api:case_transition": Row(
        get=None,
        post=NOBODY,
        public=True,
        args=lambda w: {"application_id": w.application.pk, "transition": "accept"},
    ),
    # -- the workspace, later sections
    "accounts:password": Row(get=STAFF, post=STAFF),
    "accounts:audit_export": Row(get=ADMINS),
    "portal:site_info": Row(get=ADMINS, post=ADMINS),
    "api_pages:tokens": Row(get=STAFF, post=STAFF),
    # A token is revoked by the person it acts for (the world's token is the clerk's).
    "api_pages:revoke": Row(get=None, post=frozenset({CLERK}), args=_rec("token")),
    # 依申请公开: the case's own steps, sign-off and letters
    "applications:provide_files": Row(get=None, post=HANDLERS, args=_item("application")),
    "applications:set_topic": Row(get=None, post=HANDLERS, args=_item("application")),
    # Fees: the office's setting for those who assign cases; a step on a case for its handlers,
    # who are told the office does not charge (fees are off in the world).
    "applications:fee_setting": Row(get=ASSIGNERS, post=ASSIGNERS),
    "applications:fee_step": Row(
        get=None,
        post=HANDLERS,
        args=lambda w: {"pk": w.application.pk, "step": "notice"},
        refused=HANDLERS,
    ),
    # 显示完整信息: whoever may see the case (the reveal is audited).
    "applications:reveal": Row(get=None, post=APPLICATION_VIEWERS, args=_item("application")),
    # 第44条: drafters turn a replied case into a draft item; the world's case is not replied.
    "applications:release": Row(
        get=None, post=DRAFTERS, args=_item("application"), refused=DRAFTERS
    ),
    # A list of the viewer's own organizations' cases: the outsider sees theirs.
    "applications:release_suggestions": Row(get=DRAFTERS | {OUTSIDER}),
    "applications:signoff_submit": Row(
        get=None,
        post=HANDLERS,
        args=lambda w: {"pk": w.records.signoff_request.application_id, "kind": "extension"},
    ),
    "applications:signoff_queue": Row(get=SIGNERS),
    "applications:signoff_chain": Row(
        get=GUIDE_EDITORS,
        post=GUIDE_EDITORS,
        data=lambda w: {
            "kind": "extension",
            "name_1": "处室负责人审批",
            "action_1": "applications.approve_extension",
        },
    ),
    # The reply waits at its first stage, the division head's: only the head decides it now.
    "applications:signoff_approve": Row(
        get=None,
        post=frozenset({HEAD}),
        args=lambda w: {"rid": w.records.signoff_request.pk},
        data=lambda w: {f"decide-{w.records.signoff_request.pk}-comment": "同意"},
    ),
    "applications:signoff_return": Row(
        get=None,
        post=frozenset({HEAD}),
        args=lambda w: {"rid": w.records.signoff_request.pk},
        data=lambda w: {f"decide-{w.records.signoff_request.pk}-comment": "请补充法律依据"},
    ),
    "letters:download": Row(
        get=APPLICATION_VIEWERS, args=lambda w: {"pk": w.records.letter.pk, "fmt": "pdf"}
    ),
    "letters:proof": Row(get=APPLICATION_VIEWERS, args=_rec("service")),
    "letters:serve": Row(get=HANDLERS, post=HANDLERS, args=_rec("letter")),
    "letters:correct": Row(get=HANDLERS, post=HANDLERS, args=_rec("letter")),
    # Letter numbering and wording are set once for the site, by its administrators.
    "letters:settings": Row(get=ADMINS, post=ADMINS),
    "letters:templates": Row(get=ADMINS),
    "letters:template_edit": Row(
        get=ADMINS,
        post=ADMINS,
        args=lambda w: {"org_pk": w.agency.pk, "kind": "receipt", "variant": "-"},
    ),
    # 复议诉讼 and 建议提案 are registered and followed by the clerks (APPEAL_RECORD,
    # PROPOSAL_RECORD in the role table); the lists and "new" pages serve the outsider's own.
    "appeals:list": Row(get=RECORDERS | {OUTSIDER}),
    "appeals:new": Row(get=RECORDERS | {OUTSIDER}, post=RECORDERS | {OUTSIDER}),
    "appeals:detail": Row(get=RECORDERS, args=_rec("appeal")),
    "appeals:schedule": Row(get=None, post=RECORDERS, args=_rec("appeal")),
    "appeals:decide": Row(get=None, post=RECORDERS, args=_rec("appeal")),
    "appeals:document_add": Row(get=None, post=RECORDERS, args=_rec("appeal")),
    "appeals:document": Row(
        get=RECORDERS,
        args=lambda w: {"pk": w.records.appeal.pk, "document_pk": w.records.appeal_document.pk},
    ),
    "proposals:list": Row(get=RECORDERS | {OUTSIDER}),
    "proposals:new": Row(get=RECORDERS | {OUTSIDER}, post=RECORDERS | {OUTSIDER}),
    "proposals:detail": Row(get=RECORDERS, args=_rec("proposal")),
    "proposals:reply": Row(get=None, post=RECORDERS, args=_rec("proposal")),
    "proposals:publish": Row(get=None, post=RECORDERS, args=_rec("proposal")),
    "proposals:withhold": Row(get=None, post=RECORDERS, args=_rec("proposal")),
    # Every member of the office takes consultations (CONSULTATION_RECORD is every role's).
    "consultations:list": Row(get=STAFF, post=STAFF),
    "consultations:detail": Row(get=OFFICE, args=_rec("consultation")),
    "consultations:answer": Row(get=None, post=OFFICE, args=_rec("consultation")),
    "consultations:publish": Row(get=None, post=OFFICE, args=_rec("consultation")),
    "consultations:unpublish": Row(get=None, post=OFFICE, args=_rec("consultation")),
    # 办事指南 and 权责清单 are catalog items: drafted by the drafters. A published one is
    # corrected through the review chain, which the clerk may not start (told so).
    "guides:staff_list": Row(get=DRAFTERS | {OUTSIDER}),
    "guides:guide_new": Row(get=DRAFTERS | {OUTSIDER}, post=DRAFTERS | {OUTSIDER}),
    "guides:guide_edit": Row(
        get=DRAFTERS, post=DRAFTERS, args=_rec("guide"), refused=frozenset({CLERK})
    ),
    "guides:power_new": Row(get=DRAFTERS | {OUTSIDER}, post=DRAFTERS | {OUTSIDER}),
    "guides:power_edit": Row(
        get=DRAFTERS, post=DRAFTERS, args=_rec("power"), refused=frozenset({CLERK})
    ),
    # A correction waits at its stage: the division head decides it first. The leader, who
    # proposed it, sees the item and is told that the decision is not theirs now.
    "catalog:revision_decide": Row(
        get=None,
        post=frozenset({HEAD, LEADER}),
        refused=frozenset({LEADER}),
        args=_rec("revision"),
        data=lambda w: {"decision": "approve", "confidentiality": "clear", "opinion": "同意"},
    ),
    # 内容检查: a finding on an item in review is decided by that stage's reviewer; the others
    # who may see the item are told whose decision it is.
    "inspection:decide": Row(
        get=None,
        post=OFFICE - {ADMIN},
        refused=frozenset({CLERK, LEGAL, LEADER}),
        args=_rec("finding"),
        data=lambda w: {"decision": "dismiss", "reason": "示例数据，并非真实身份证号"},
    ),
    "inspection:terms": Row(get=GUIDE_EDITORS, post=GUIDE_EDITORS),
    "inspection:term_delete": Row(get=None, post=GUIDE_EDITORS, args=_rec("term")),
    "inspection:rescan_findings": Row(get=WITHDRAWERS),
    "inspection:self_inspection": Row(get=WITHDRAWERS),
    # 发布渠道: figures of the annual report, entered by its composers.
    "channels:index": Row(get=COMPOSERS | {OUTSIDER}),
    "channels:year": Row(get=COMPOSERS | {OUTSIDER}, args=lambda w: {"year": w.records.year}),
    "channels:figures": Row(
        get=None, post=COMPOSERS | {OUTSIDER}, args=lambda w: {"year": w.records.year}
    ),
    "channels:press_add": Row(
        get=None, post=COMPOSERS | {OUTSIDER}, args=lambda w: {"year": w.records.year}
    ),
    "channels:press_remove": Row(get=None, post=COMPOSERS, args=_rec("press_conference")),
    "channels:account_add": Row(
        get=None, post=COMPOSERS | {OUTSIDER}, args=lambda w: {"year": w.records.year}
    ),
    "channels:account_months": Row(
        get=COMPOSERS,
        post=COMPOSERS,
        args=lambda w: {"year": w.records.year, "pk": w.records.media_account.pk},
    ),
    # 年度报告: composed by the clerks and division heads, published by the leader, who
    # reads every draft and may recompute its figures before publishing them.
    "reports:staff_list": Row(get=REPORT_READERS | {OUTSIDER}, post=COMPOSERS | {OUTSIDER}),
    "reports:supervision": Row(get=REPORT_READERS | {OUTSIDER}),
    "reports:performance": Row(get=REPORT_READERS | {OUTSIDER}),
    "reports:annual_detail": Row(get=REPORT_READERS, post=COMPOSERS, args=_rec("draft_report")),
    "reports:annual_export": Row(
        get=REPORT_READERS, args=lambda w: {"pk": w.records.draft_report.pk, "fmt": "html"}
    ),
    "reports:annual_cell": Row(
        get=REPORT_READERS,
        args=_rec("draft_report"),
        query=lambda w: {"path": "applications.new", "column": "natural_person"},
    ),
    "reports:annual_recompute": Row(get=None, post=REPORT_READERS, args=_rec("draft_report")),
    "reports:annual_publish": Row(
        get=None,
        post=REPORT_READERS,
        args=_rec("draft_report"),
        data=lambda w: _publish_form(w.records.draft_report),
        refused=COMPOSERS,
    ),
}

# Transitions other than the row's own, walked the same way: who may press which button.
TRANSITIONS: dict[str, Row] = {
    "assign": Row(
        get=None,
        post=ASSIGNERS,
        args=_transition("assign"),
        data=lambda w: {"assign-assignee": w.colleague.pk},
    ),
    "transfer": Row(
        get=None,
        post=ASSIGNERS,
        args=_transition("transfer"),
        data=lambda w: {
            "transfer-to_organization": w.elsewhere.pk,
            "transfer-reason": "属于其他机关职责",
        },
    ),
}
