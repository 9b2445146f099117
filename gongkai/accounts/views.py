import csv

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.lib.paging import CappedPaginator

from . import audit, audit_display, selectors
from .backends import login_unlock
from .forms import AuditFilterForm, LoginForm, OrganizationForm, OwnPasswordForm, StaffForm
from .models import AuditEntry, Organization, User
from .permissions import Action, organizations_for, require
from .services import (
    AccountError,
    organization_create,
    organization_update,
    password_change,
    staff_save,
    staff_values,
)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record("accounts.login", self.request.user, actor=self.request.user)
        return response


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        audit.record("accounts.logout", request.user, actor=request.user)
    return auth_views.LogoutView.as_view()(request)


@login_required
def dashboard(request):
    require(request.user, Action.VIEW_WORKSPACE)
    return render(
        request,
        "accounts/dashboard.html",
        {
            "counters": selectors.dashboard_counters(request.user),
            "panels": selectors.dashboard_panels(request.user),
        },
    )


def _filtered_audit_entries(request):
    form = AuditFilterForm(request.GET or None)
    if not form.is_bound:
        return form, selectors.audit_entries()
    if form.is_valid():
        return form, selectors.audit_entries(**form.cleaned_data)
    return form, AuditEntry.objects.none()


@login_required
def own_password(request):
    """Every staff member changes their own password here (and must, after an initial one)."""
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # stay signed in with the new one
        messages.success(request, "密码已修改。")
        return redirect("accounts:dashboard")
    return render(
        request,
        "accounts/password_form.html",
        {"form": form, "forced": request.user.must_change_password},
        status=400 if form.errors else 200,
    )


@login_required
def audit_log(request):
    require(request.user, Action.AUDIT_VIEW)
    form, entries = _filtered_audit_entries(request)
    page = CappedPaginator(entries, 50).get_page(request.GET.get("page"))
    rows = audit_display.rows(page, request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_log.html",
        {"form": form, "page": page, "rows": rows, "export_query": query.urlencode()},
    )


@login_required
def audit_export(request):
    """The filtered log as CSV (UTF-8 with BOM, so that Excel reads the Chinese), for inspections."""
    require(request.user, Action.AUDIT_VIEW)
    form, entries = _filtered_audit_entries(request)
    if form.is_bound and not form.is_valid():
        return render(
            request, "accounts/audit_log.html", {"form": form, "page": None, "rows": []}, status=400
        )
    entries = list(entries[: audit_display.EXPORT_LIMIT])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = "attachment; filename=audit-log.csv"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["时间", "操作人", "操作", "对象类型", "对象", "变更内容", "来源IP"])
    for row in audit_display.rows(entries, request.user):
        e = row.entry
        writer.writerow(
            [
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                e.actor_name,
                row.action,
                row.object_type,
                e.object_repr,
                row.changes_text(),
                e.ip or "",
            ]
        )
    audit.record(
        "accounts.audit_export",
        None,
        changes={"rows": len(entries), "filters": audit_display.describe_filters(form)},
    )
    return response


@login_required
def organizations(request):
    require(request.user, Action.ORGANIZATION_MANAGE)
    orgs = Organization.objects.select_related("parent")
    return render(request, "accounts/organizations.html", {"organizations": orgs})


@login_required
def organization_edit(request, pk: int):
    org = get_object_or_404(Organization, pk=pk)
    require(request.user, Action.ORGANIZATION_MANAGE, org)
    form = OrganizationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        organization_update(organization=org, data=form.cleaned_data, actor=request.user)
        messages.success(request, f"已保存“{org.name}”的信息。")
        return redirect("accounts:organizations")
    return render(request, "accounts/organization_form.html", {"form": form, "organization": org})


@login_required
def staff_list(request):
    require(request.user, Action.STAFF_MANAGE)
    orgs = organizations_for(request.user, Action.STAFF_MANAGE)
    staff = (
        User.objects.filter(organization__in=orgs)
        .select_related("organization")
        .prefetch_related("role_grants")
        .order_by("organization__sort_order", "username")
    )
    return render(request, "accounts/staff_list.html", {"staff": staff})


@login_required
def staff_edit(request, pk: int | None = None):
    require(request.user, Action.STAFF_MANAGE)
    orgs = organizations_for(request.user, Action.STAFF_MANAGE)
    user = None
    if pk is not None:
        user = get_object_or_404(User, pk=pk)
        require(request.user, Action.STAFF_MANAGE, user.organization_id)
    initial = {} if user is None else {"username": user.username, **staff_values(user)}
    form = StaffForm(request.POST or None, organizations=orgs, instance=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = staff_save(data=form.cleaned_data, actor=request.user, user=user)
        except AccountError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已保存工作人员“{saved.display_name}”。")
            return redirect("accounts:staff")
    status = 400 if form.errors else 200
    return render(
        request, "accounts/staff_form.html", {"form": form, "staff_user": user}, status=status
    )


@login_required
@require_POST
def staff_unlock(request, pk: int):
    require(request.user, Action.STAFF_MANAGE)
    person = get_object_or_404(User, pk=pk)
    require(request.user, Action.STAFF_MANAGE, person.organization_id)
    login_unlock(username=person.username, actor=request.user)
    messages.success(request, f"已解除“{person.display_name}”的登录锁定。")
    return redirect("accounts:staff_edit", pk=pk)


@login_required
def organization_new(request):
    require(request.user, Action.ORGANIZATION_MANAGE)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = organization_create(data=form.cleaned_data, actor=request.user)
        messages.success(request, f"已新增机构“{org.name}”。")
        return redirect("accounts:organizations")
    status = 400 if form.errors else 200
    return render(
        request,
        "accounts/organization_form.html",
        {"form": form, "organization": None},
        status=status,
    )
