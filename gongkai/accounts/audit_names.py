"""What the accounts app's audit entries are called, and the link to what they concern.

Every gongkai app that writes audit entries has a module like this one (found by name through
`gongkai.lib.discovery`): `ACTIONS` names each action code in Chinese, `FIELDS` labels the keys
of its `changes` that are not fields of the entry's model, `VALUES` names coded values of those
keys, `REFERENCES` maps such a key that holds a record's id to the record's model (shown by its
name, as a foreign key of the entry's model is), and `link(object_type, object_id, user)` gives
the page of the object where the viewer may open it (or `links(object_type, object_ids, user)` →
{id: url}, for objects that take a query to check: one query for a page of the log). The audit
log shows only these names: a code never reaches the page.
"""

from django.urls import reverse

from .models import Role
from .permissions import Action, can

ACTIONS = {
    "accounts.login": "登录",
    "accounts.logout": "退出登录",
    "accounts.lockout": "多次登录失败，账号锁定",
    "accounts.unlock": "解除登录锁定",
    "accounts.organization_create": "新建机构",
    "accounts.organization_update": "修改机构信息",
    "accounts.staff_create": "新建工作人员账号",
    "accounts.staff_update": "修改工作人员账号",
    "accounts.audit_export": "导出审计日志",
    "accounts.password_change": "修改本人密码",
}

FIELDS = {
    "username": "用户名",
    "failures": "清除的失败次数",
    "roles": "角色",
    "password": "密码",
    "name": "名称",
    "rows": "导出条数",
    "filters": "筛选条件",
}

VALUES = {"roles": dict(Role.choices)}


def link(object_type: str, object_id: str, user) -> str | None:
    if object_type == "accounts.organization" and can(user, Action.ORGANIZATION_MANAGE):
        return reverse("accounts:organization_edit", args=[object_id])
    if object_type == "accounts.user" and can(user, Action.STAFF_MANAGE):
        return reverse("accounts:staff_edit", args=[object_id])
    return None
