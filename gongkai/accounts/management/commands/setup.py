"""`gongkai setup`: a real office's first organization and first administrator.

The demo is for trying gongkai out; a deployment starts here and adds the rest in the
workspace (organizations, staff and their roles).
"""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ... import audit
from ...models import Organization, OrganizationKind, Role, RoleGrant, User


class Command(BaseCommand):
    help = "初始化：创建本机关（顶级机构）和第一个系统管理员账号。密码从终端输入，或取自 GONGKAI_ADMIN_PASSWORD。"

    def add_arguments(self, parser):
        parser.add_argument("--org-name", required=True, help="机关全称，例如 上海市司法局")
        parser.add_argument("--org-code", required=True, help="机构代码（用于索引号），例如 shsfj")
        parser.add_argument("--admin", required=True, help="管理员用户名")
        parser.add_argument("--admin-name", default="", help="管理员姓名")
        parser.add_argument("--email", default="")

    def handle(self, *args, org_name, org_code, admin, admin_name, email, **options):
        if User.objects.filter(username__iexact=admin).exists():
            raise CommandError(f"用户名 {admin} 已存在。")
        password = os.environ.get("GONGKAI_ADMIN_PASSWORD") or self._ask_password()
        org = Organization.objects.filter(code=org_code).first()
        if org is None:
            org = Organization(name=org_name, code=org_code, kind=OrganizationKind.AGENCY)
            try:
                org.full_clean()
            except ValidationError as exc:
                raise CommandError("；".join(exc.messages)) from exc
        user = User(username=admin, full_name=admin_name, email=email, organization=org)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("密码不符合要求：" + "；".join(exc.messages)) from exc
        with transaction.atomic():
            created = org.pk is None
            org.save()
            user.organization = org
            user.set_password(password)
            user.save()
            RoleGrant.objects.create(user=user, role=Role.ADMIN)
            if created:
                audit.record(
                    "accounts.organization_create", org, actor=user, changes={"name": org_name}
                )
            audit.record(
                "accounts.staff_create", user, actor=user, changes={"roles": [Role.ADMIN.value]}
            )
        self.stdout.write(
            f"已创建{'机构“' + org.name + '”和' if created else ''}系统管理员 {admin}。"
        )
        self.stdout.write(
            "请登录 /staff/login/ ，在“机构”“工作人员”中补充受理点信息、处室和工作人员。"
        )

    def _ask_password(self) -> str:
        if not os.isatty(0):
            raise CommandError("请在终端中运行，或通过环境变量 GONGKAI_ADMIN_PASSWORD 提供密码。")
        first = getpass.getpass("管理员密码：")
        if first != getpass.getpass("再次输入："):
            raise CommandError("两次输入的密码不一致。")
        return first
