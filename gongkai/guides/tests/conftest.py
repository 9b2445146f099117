import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps

from gongkai.catalog.models import Category
from gongkai.catalog.tests.conftest import publish, search_index, vocabularies  # noqa: F401
from gongkai.guides import services
from gongkai.guides.models import PowerType

# A 1×1 PNG: a real image by its magic bytes.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def columns(vocabularies):  # noqa: F811
    """The 办事指南 and 权责清单 topics, even after another test flushed the database."""
    import_module("gongkai.guides.migrations.0002_column_topics").seed(apps, None)


GUIDE_DATA = {
    "conditions": "具有中华人民共和国国籍\n通过国家统一法律职业资格考试\n在律师事务所实习满一年",
    "place": "上海市徐汇区小木桥路470号 市司法局行政服务中心",
    "hours": "工作日 9:00—17:00",
    "process": "申请人向律师事务所提交材料\n区司法局审查并出具意见\n市司法局审核并作出决定\n颁发律师执业证书",
    "flowchart_alt": "",
    "apply_ways": "窗口申请\n网上申请（一网通办）",
    "legal_basis": "《中华人民共和国律师法》第五条、第六条\n《律师执业管理办法》",
    "time_limit": "20个工作日",
    "fees": "不收费",
    "contact": "021-12348",
}
MATERIALS = "律师执业申请表｜原件1份\n法律职业资格证书｜复印件1份\n实习鉴定书｜原件1份\n无犯罪记录证明｜原件1份"


@pytest.fixture
def make_guide(clerk, agency, columns):
    def make(title="律师执业核准", *, materials=MATERIALS, actor=None, **guide_data):
        return services.service_guide_save(
            actor=actor or clerk,
            organization=agency,
            item_data={
                "title": title,
                "written_on": dt.date(2024, 3, 1),
                "category": Category.objects.get(code="yw"),
            },
            guide_data={**GUIDE_DATA, **guide_data},
            materials=materials,
        )

    return make


@pytest.fixture
def make_power(clerk, agency, columns):
    def make(title="对律师违法行为的行政处罚", power_type=PowerType.PENALTY, **power_data):
        return services.power_save(
            actor=clerk,
            organization=agency,
            item_data={
                "title": title,
                "written_on": dt.date(2024, 3, 1),
                "category": Category.objects.get(code="yw"),
            },
            power_data={
                "power_type": power_type,
                "basis": "《中华人民共和国律师法》第四十七条至第五十条",
                "division": "律师工作管理处",
                "responsibilities": "立案责任\n调查责任\n审查责任\n告知责任\n决定责任",
                "accountability": "没有法律依据实施处罚的\n违反法定程序实施处罚的",
                **power_data,
            },
        )

    return make
