"""Site-wide template context: the agency shown in the header, and both navigations."""

from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject

from gongkai.accounts.models import Organization
from gongkai.accounts.permissions import Action, can
from gongkai.lib.discovery import app_modules

# (label, url name), and for the workspace the action needed to see the link (or a tuple of
# actions: any one of them). Links whose view is not installed are skipped.
PORTAL_NAV = [
    ("首页", "portal:home"),
    ("公开指南", "catalog:guide"),
    ("公开目录", "catalog:browse"),
    ("办事指南", "guides:list"),
    ("权责清单", "guides:powers"),
    ("依申请公开", "applications:apply"),
    ("咨询问答", "consultations:public_list"),
    ("建议提案", "proposals:public_list"),
    ("年度报告", "catalog:annual_reports"),
    ("开放数据", "opendata:index"),
]
WORKSPACE_NAV = [
    ("工作台", "accounts:dashboard", Action.VIEW_WORKSPACE),
    ("主动公开", "catalog:staff_list", Action.CATALOG_DRAFT),
    ("待我审核", "catalog:review_queue", Action.VIEW_WORKSPACE),
    ("公开指南与审核流程", "catalog:guide_edit", Action.CATALOG_EDIT_GUIDE),
    ("内容检查词表", "inspection:terms", Action.CATALOG_EDIT_GUIDE),
    ("网站自查", "inspection:self_inspection", Action.CATALOG_WITHDRAW),
    ("办事指南与权责清单", "guides:staff_list", Action.CATALOG_DRAFT),
    (
        "依申请公开",
        "applications:inbox",
        (
            Action.APPLICATION_HANDLE,
            Action.APPLICATION_REVIEW_DIVISION,
            Action.APPLICATION_REVIEW_LEGAL,
            Action.APPLICATION_SIGN_REPLY,
            Action.APPLICATION_APPROVE_EXTENSION,
        ),
    ),
    (
        "待我签发",
        "applications:signoff_queue",
        (
            Action.APPLICATION_REVIEW_DIVISION,
            Action.APPLICATION_REVIEW_LEGAL,
            Action.APPLICATION_SIGN_REPLY,
            Action.APPLICATION_APPROVE_EXTENSION,
        ),
    ),
    ("签发流程", "applications:signoff_chain", Action.CATALOG_EDIT_GUIDE),
    ("信息处理费", "applications:fee_setting", Action.APPLICATION_ASSIGN),
    ("可转为主动公开的申请", "applications:release_suggestions", Action.CATALOG_DRAFT),
    ("复议诉讼", "appeals:list", Action.APPEAL_RECORD),
    ("咨询", "consultations:list", Action.CONSULTATION_RECORD),
    ("建议提案", "proposals:list", Action.PROPOSAL_RECORD),
    ("访问统计", "analytics:overview", Action.ANALYTICS_VIEW),
    ("发布渠道", "channels:index", Action.REPORT_COMPOSE),
    ("年度报告", "reports:staff_list", (Action.REPORT_COMPOSE, Action.REPORT_APPROVE)),
    ("年报导入", "reports:import_list", Action.REPORT_IMPORT),
    ("审计日志", "accounts:audit", Action.AUDIT_VIEW),
    ("机构", "accounts:organizations", Action.ORGANIZATION_MANAGE),
    ("网站标识信息", "portal:site_info", Action.ORGANIZATION_MANAGE),
    ("工作人员", "accounts:staff", Action.STAFF_MANAGE),
    ("文书模板", "letters:templates", Action.ORGANIZATION_MANAGE),
    ("工作日历", "workdays:calendar", Action.VIEW_WORKSPACE),
    ("接口令牌", "api_pages:tokens", Action.VIEW_WORKSPACE),
]

# Every other page of the site lies below these two: their links are current only on themselves.
FRONT_PAGES = frozenset({"portal:home", "accounts:dashboard"})


@lru_cache(maxsize=128)
def _path_of(name: str, urlconf: str, script_prefix: str) -> str | None:
    """`name`'s path (None when its app is not installed). Both navigations are built for every
    page, and a path never changes for a given URL configuration and script prefix."""
    try:
        return reverse(name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def _allowed(user, action) -> bool:
    actions = action if isinstance(action, tuple) else (action,)
    return any(can(user, a) for a in actions)


def _counts(user) -> dict[str, int]:
    """Figures shown beside links (a queue's length): each app's `navigation.counts(user)`."""
    found: dict[str, int] = {}
    for module in app_modules("navigation"):
        found.update(module.counts(user))
    return found


def _nav(entries, path, counts=None):
    """The links, the one whose page this is marked current: the front pages only on themselves,
    any other on its own pages, and where two links' paths both lead to the page (公开目录 and
    待我审核 under /staff/catalog/) only the longer, more specific one."""
    items = []
    urlconf, script_prefix = get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()
    for label, url_name in entries:
        url = _path_of(url_name, urlconf, script_prefix)
        if url is not None:
            current = path == url if url_name in FRONT_PAGES else path.startswith(url)
            count = (counts or {}).get(url_name, 0)
            items.append({"label": label, "url": url, "current": current, "count": count})
    # A page below two links (/staff/applications/signoff/ lies under /staff/applications/)
    # belongs to the more specific one only.
    deepest = max((len(i["url"]) for i in items if i["current"]), default=0)
    for item in items:
        item["current"] = item["current"] and len(item["url"]) == deepest
    return items


def _site_info():
    from .models import SiteInfo

    return SiteInfo.current()


def site(request):
    user = getattr(request, "user", None)
    path = request.path
    workspace = []
    if user is not None and user.is_authenticated:
        allowed = [(label, name) for label, name, action in WORKSPACE_NAV if _allowed(user, action)]
        workspace = _nav(allowed, path, _counts(user))
    return {
        # Read only by the templates that show it (the portal's header and footer).
        "site_org": SimpleLazyObject(Organization.objects.site_owner),
        "site_info": SimpleLazyObject(_site_info),
        "care_mode": request.COOKIES.get("gk_care") == "1",
        "portal_nav": _nav(PORTAL_NAV, path),
        "workspace_nav": workspace,
    }
