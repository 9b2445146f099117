"""Names of the sections (栏目) visits are counted under when a view does not name one."""

# URL name → section, for pages whose view does not set `request.analytics["section"]`.
SECTION_NAMES = {
    "portal:home": "首页",
    "catalog:guide": "公开指南",
    "catalog:browse": "公开目录",
    "catalog:search": "全文检索",
    "applications:apply": "依申请公开",
    "applications:track": "申请查询",
    "reports:public_list": "年度报告",
}

# Pages that lead to the columns rather than being one: left out of the column ranking that the
# annual report prints ("按点击率排序依次是：…"), still counted in the totals.
NAVIGATION_SECTIONS = frozenset({"首页", "公开目录", "全文检索"})

SECTION_MAX_LENGTH = 60
FALLBACK_SECTION = "其他页面"


def section_for(url_name: str | None) -> str:
    if not url_name:
        return FALLBACK_SECTION
    return SECTION_NAMES.get(url_name, url_name)[:SECTION_MAX_LENGTH]
