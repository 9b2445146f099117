"""第44条: information several applicants asked for, released to all.

From a replied case that disclosed the information, staff make a draft catalog item in one step
(catalog `item_create`); it goes through the catalog's normal review chain and stays linked to
the applications it answered — this one and its possible repeats that were answered alike.
Cases whose content several applicants asked for are suggested.
"""

from datetime import timedelta
from itertools import count

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.accounts import audit
from gongkai.accounts.models import User
from gongkai.accounts.permissions import Action, can, organization_ids_for
from gongkai.catalog import services as catalog
from gongkai.catalog.models import Item

from .models import Application, ReleaseLink, SimilarApplication, Status
from .outcomes import Outcome
from .services import TransitionError

DISCLOSING = (Outcome.DISCLOSED, Outcome.PARTIALLY_DISCLOSED)
ANSWERED = (Status.REPLIED, Status.DELIVERED, Status.ARCHIVED)
SUGGESTION_WINDOW = timedelta(days=365)


def releasable(application: Application) -> bool:
    return application.status in ANSWERED and application.outcome in DISCLOSING


def answered_alike(application: Application) -> list[Application]:
    """This case and its possible repeats (either direction) that disclosed the information."""
    pairs = SimilarApplication.objects.filter(
        Q(application=application) | Q(earlier=application)
    ).values_list("application_id", "earlier_id")
    ids = {pk for pair in pairs for pk in pair} | {application.pk}
    return [
        app
        for app in Application.objects.filter(
            pk__in=ids, organization_id=application.organization_id
        ).order_by("received_on", "pk")
        if releasable(app)
    ]


def _provided(application: Application) -> tuple[str, str]:
    reply = application.events.filter(kind="reply").order_by("-on", "-pk").first()
    context = reply.context if reply is not None else {}
    return context.get("provided", ""), context.get("summary", "")


def application_release(
    *, application: Application, actor: User, topic, category, title: str = ""
) -> Item:
    """Make the draft catalog item of the disclosed information, linked to its applications."""
    if not can(actor, Action.CATALOG_DRAFT, application.organization_id):
        raise TransitionError("您没有权限起草主动公开信息。")
    if not releasable(application):
        raise TransitionError("只有已答复且予以公开或部分公开的申请才能转为主动公开。")
    if ReleaseLink.objects.filter(application=application).exists():
        raise TransitionError("本案公开的信息已转为主动公开信息，请在主动公开中查看。")
    provided, summary = _provided(application)
    body = "\n\n".join(
        part
        for part in (
            "本信息依申请公开后，根据《政府信息公开条例》第四十四条转为主动公开。",
            f"申请公开的内容：{application.description}",
            f"公开的信息：{provided}" if provided else "",
            summary,
        )
        if part
    )
    with transaction.atomic():
        item = catalog.item_create(
            actor=actor,
            organization=application.organization,
            data={
                "title": (title or application.description).strip()[:200],
                "body": body,
                "written_on": application.replied_on or timezone.localdate(),
                "topic": topic,
                "category": category,
            },
        )
        linked = answered_alike(application)
        ReleaseLink.objects.bulk_create(
            [ReleaseLink(application=app, item=item) for app in linked], ignore_conflicts=True
        )
        audit.record(
            "applications.release",
            application,
            actor=actor,
            changes={"item": item.title, "applications": [a.tracking_number for a in linked]},
        )
    return item


SUGGESTIONS_SHOWN = 100  # the most recent groups: the page lists no more
_CHUNK = 200


def release_suggestions(user, today=None, limit: int = SUGGESTIONS_SHOWN) -> list[dict]:
    """Disclosed cases of the past year, not yet released, whose content another applicant
    asked for too (a possible repeat), with how many asked; a case counted with a more recent
    one is not listed again. At most `limit` + 1 of them (the page says when there are more).

    Cases with a possible repeat are read newest first, a chunk at a time, with their pairs:
    reading every pair of the year first took 5 s at 10⁶ cases a year."""
    today = today or timezone.localdate()
    organizations = organization_ids_for(user, Action.CATALOG_DRAFT)  # None: all of them
    released = ReleaseLink.objects.values("application_id")
    cases = (
        Application.objects.filter(
            Q() if organizations is None else Q(organization_id__in=organizations),
            status__in=ANSWERED,
            outcome__in=DISCLOSING,
            received_on__gte=today - SUGGESTION_WINDOW,
        )
        .exclude(pk__in=released)
        .filter(possible_repeat=True)
        # What the page shows of a case: 200 whole rows with their organizations a chunk were
        # a third of the page's time at 10⁶ cases.
        .only("tracking_number", "description", "outcome", "received_on")
        .order_by("-received_on", "-pk")
    )
    shown, seen = [], set()
    for start in count(0, _CHUNK):
        chunk = list(cases[start : start + _CHUNK])
        ids = [app.pk for app in chunk]
        asked: dict[int, set[int]] = {}
        # Each side by its own index (an OR of the two lists read every pair at 10⁶ cases).
        pairs = SimilarApplication.objects.order_by().values_list("application_id", "earlier_id")
        for a, b in [*pairs.filter(application_id__in=ids), *pairs.filter(earlier_id__in=ids)]:
            asked.setdefault(a, {a}).add(b)
            asked.setdefault(b, {b}).add(a)
        for app in chunk:
            if app.pk in seen or app.pk not in asked:  # a pair removed meanwhile
                continue
            group = asked[app.pk]
            seen |= group
            shown.append({"application": app, "asked": len(group)})
            if len(shown) > limit:
                return shown
        if len(chunk) < _CHUNK:
            return shown
