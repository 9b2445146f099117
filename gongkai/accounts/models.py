from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.db import models


class OrganizationKind(models.TextChoices):
    AGENCY = "agency", "机关"
    DIVISION = "division", "内设处室"
    SUBORDINATE = "subordinate", "下级机关"
    UNIT = "unit", "直属单位"


class OrganizationQuerySet(models.QuerySet):
    def site_owner(self) -> "Organization | None":
        """The agency that runs the site: the first top-level organization (named in the header)."""
        return self.filter(parent__isnull=True).order_by("sort_order", "pk").first()

    def subtree_ids(self, root: "Organization") -> set[int]:
        """Ids of `root` and every organization below it. On a filtered queryset
        (`.filter(kind=...)`) the walk goes down through the matching organizations only.

        The tree is small (an agency with its divisions and district bureaus), so one query
        for all (id, parent) pairs beats a recursive CTE that SQLite and PostgreSQL spell alike.
        """
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in self.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        found, stack = set(), [root.pk]
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.add(pk)
                stack.extend(children.get(pk, ()))
        return found


class Organization(models.Model):
    """An organ that discloses information: an agency, one of its divisions, a district bureau."""

    name = models.CharField("名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    code = models.CharField(
        "机构代码",
        max_length=20,
        unique=True,
        help_text="用于索引号，例如 shsfj",
        validators=[
            RegexValidator(r"^[a-z0-9][a-z0-9-]*$", "机构代码只能由小写字母、数字和连字符组成")
        ],
    )
    kind = models.CharField("类型", max_length=20, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    # The disclosure office (受理点) where applications are handed in.
    office_name = models.CharField("受理机构", max_length=100, blank=True)
    office_address = models.CharField("受理地址", max_length=200, blank=True)
    office_postcode = models.CharField("邮政编码", max_length=6, blank=True)
    office_phone = models.CharField("咨询电话", max_length=40, blank=True)
    office_fax = models.CharField("传真", max_length=40, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("受理时间", max_length=100, blank=True)
    website = models.URLField("网站", blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        # A parent inside the organization's own subtree would make the tree a loop.
        if (
            self.parent_id is not None
            and self.pk is not None
            and self.parent_id in Organization.objects.subtree_ids(self)
        ):
            raise ValidationError({"parent": "上级机构不能是本机构自身或其下级机构。"})

    def ancestors(self) -> list["Organization"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def organ(self) -> "Organization":
        """The administrative organ this belongs to: itself, or for an internal division (处室)
        the nearest ancestor that is not one. Divisions act in their organ's name."""
        node = self
        while node.kind == OrganizationKind.DIVISION and node.parent_id is not None:
            node = node.parent
        return node

    def disclosure_office(self) -> "Organization":
        """The organization whose 受理点 serves this one: itself or the nearest ancestor with one."""
        for org in [self, *self.ancestors()]:
            if org.office_address:
                return org
        return self


class Role(models.TextChoices):
    CLERK = "clerk", "信息公开工作人员"
    DIVISION_HEAD = "division_head", "处室负责人"
    LEGAL_REVIEWER = "legal_reviewer", "法制审核"
    LEADER = "leader", "分管领导"
    ADMIN = "admin", "系统管理员"


class User(AbstractUser):
    """A staff member. Applicants are not users: they are identified by tracking and query codes."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="所属机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    full_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("电话", max_length=40, blank=True)
    # Set when someone else chose the password (a new account, a reset): the holder must choose
    # their own before doing anything else.
    must_change_password = models.BooleanField("须修改初始密码", default=False)

    objects = UserManager()

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_username()

    def role_set(self) -> frozenset[str]:
        # Cached per instance: permission checks run many times per request.
        if not hasattr(self, "_role_cache"):
            self._role_cache = frozenset(self.role_grants.values_list("role", flat=True))
        return self._role_cache

    def has_role(self, role: Role) -> bool:
        return role in self.role_set()

    def role_labels(self) -> list[str]:
        return [Role(r).label for r in Role.values if r in self.role_set()]


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "角色授予"
        verbose_name_plural = "角色授予"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_role_grant")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class LoginFailure(models.Model):
    """One failed login; enough of them within the window lock the username."""

    username = models.CharField(max_length=150, db_index=True)
    at = models.DateTimeField(db_index=True)
    ip_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.username} @ {self.at:%Y-%m-%d %H:%M}"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("审计日志只能追加，不能修改")

    def delete(self):
        raise PermissionDenied("审计日志只能追加，不能删除")


class AuditEntry(models.Model):
    """Append-only record of a state-changing action. Written through `audit.record`."""

    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("操作人名称", max_length=150, blank=True)
    action = models.CharField("操作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80, blank=True, db_index=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    ip = models.GenericIPAddressField("来源IP", null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("审计日志只能追加，不能删除")
