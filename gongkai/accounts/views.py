from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import audit, selectors
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
        {"counters": selectors.dashboard_counters(request.user)},
    )


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
    form = AuditFilterForm(request.GET or None)
    if not form.is_bound:
        entries = selectors.audit_entries()
    elif form.is_valid():
        entries = selectors.audit_entries(**form.cleaned_data)
    else:
        entries = AuditEntry.objects.none()
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"form": form, "page": page})


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
