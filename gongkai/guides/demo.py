"""Demo guides and powers: a dozen of the bureau's service guides and a slice of its list of
powers, drafted and taken through the whole review chain by the demo staff. Idempotent."""

from datetime import date

from gongkai.accounts.models import User
from gongkai.catalog import services as catalog
from gongkai.catalog.models import Category, Confidentiality

from . import services
from .demo_data import ACCOUNTABILITY, CONTACT, GUIDES, HOURS, PLACE, POWERS, WAYS
from .models import Power, ServiceGuide

WRITTEN_ON = date(2018, 9, 25)  # the day the bureau's items joined 一网通办


def load(stdout) -> list[str]:
    if ServiceGuide.objects.exists() or Power.objects.exists():
        return []
    clerk = User.objects.get(username="clerk")
    reviewers = [User.objects.get(username=u) for u in ("chief", "legal", "leader")]
    office = clerk.organization.organ()
    category = Category.objects.get(code="yw")

    def item_data(title):
        return {"title": title, "written_on": WRITTEN_ON, "category": category}

    def publish(item):
        catalog.item_submit(item=item, actor=clerk)
        for reviewer in reviewers:
            catalog.item_approve(
                item=item, actor=reviewer, confidentiality=Confidentiality.CLEAR, opinion="同意。"
            )

    for title, conditions, materials, process, basis, limit, fees in GUIDES:
        guide = services.service_guide_save(
            actor=clerk,
            organization=office,
            item_data=item_data(title),
            guide_data={
                "conditions": conditions,
                "place": PLACE,
                "hours": HOURS,
                "process": process,
                "apply_ways": WAYS,
                "legal_basis": basis,
                "time_limit": limit,
                "fees": fees,
                "contact": CONTACT,
            },
            materials=materials,
        )
        publish(guide.item)
    for power_type, title, basis, division, duties in POWERS:
        power = services.power_save(
            actor=clerk,
            organization=office,
            item_data=item_data(title),
            power_data={
                "power_type": power_type,
                "basis": basis,
                "division": division,
                "responsibilities": duties,
                "accountability": ACCOUNTABILITY,
            },
        )
        publish(power.item)
    return [f"办事指南 {len(GUIDES)} 项、权责清单 {len(POWERS)} 项已经审核发布。"]
