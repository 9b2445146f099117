"""Who may open every page and press every button: the one table of the site's URLs.

Each named URL of the site has one row: who may GET it and who may POST to it, among the
anonymous visitor, each role of the office, and a clerk of another organization (`OUTSIDER`).
`test_access.py` walks every row for every persona and fails on any difference, and fails on
any URL the resolver knows that has no row here, so that a new page cannot arrive unconsidered.

Adding a page: add `"namespace:name": Row(get=..., post=..., args=...)` below. `args` turns the
`World` (gongkai/tests/world.py: one record in each state) into the URL's arguments; `data` is
a valid POST, for buttons whose permission the service (not the view) checks. Persons left out
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


def _item(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _transition(kind):
    return lambda w: {"pk": w.application.pk, "kind": kind}


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
