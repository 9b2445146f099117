"""API tokens: created and revoked by their own user, checked on every staff API call."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import User
from gongkai.accounts.permissions import Action, require

from .models import ApiToken

TOKEN_PREFIX = "gk_"
MAX_ACTIVE_TOKENS = 10
# Writing last_used_at on every call would turn each read into a write; once a minute says
# enough about whether a token is still in use.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenError(Exception):
    """A token request that cannot be done; the message says why, in Chinese."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it and its secret, which is shown once and never kept."""
    require(user, Action.VIEW_WORKSPACE)
    name = " ".join(name.split())
    if not name:
        raise TokenError("请填写令牌的用途说明，例如“门户网站目录同步”。")
    if user.organization_id is None:
        raise TokenError("您的账号尚未归属任何机构，不能创建接口令牌。")
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise TokenError(f"每人最多保留{MAX_ACTIVE_TOKENS}个有效令牌，请先吊销不再使用的令牌。")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        organization=user.organization.organ(),
        name=name[:60],
        prefix=secret[:10],
        digest=_digest(secret),
        created_at=timezone.now(),
    )
    audit.record("api.token_create", token, actor=user, changes={"name": token.name})
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke one of the actor's own tokens; it stops working at once."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != actor.pk:
        raise TokenError("只能吊销自己的接口令牌。")
    if token.revoked_at is not None:
        raise TokenError("该令牌已经吊销。")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record("api.token_revoke", token, actor=actor, changes={"prefix": token.prefix})
    return token


def api_token_authenticate(secret: str) -> ApiToken | None:
    """The active token whose secret this is (its user still active), else None."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user", "organization")
        .filter(digest=_digest(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
