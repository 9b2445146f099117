"""Seed the editable vocabularies and the default review chain (先审查、后公开)."""

from django.db import migrations

TOPICS = [
    ("机构职能", "jgzn"),
    ("领导介绍", "ldjs"),
    ("人事任免", "rsrm"),
    ("规范性文件", "gfxwj"),
    ("政策解读", "zcjd"),
    ("行政许可", "xzxk"),
    ("行政处罚", "xzcf"),
    ("司法鉴定", "sfjd"),
    ("律师管理", "lsgl"),
    ("公证管理", "gzgl"),
    ("人民调解", "rmtj"),
    ("法律援助", "flyz"),
    ("法律职业资格", "flzyzg"),
    ("财政预决算", "czyjs"),
    ("建议提案办理", "jytabl"),
    ("年度报告", "ndbg"),
    ("其他", "qt"),
]
CATEGORIES = [
    ("业务类", "yw"),
    ("互动交流类", "hdjl"),
    ("政策法规类", "zcfg"),
    ("其他", "qt"),
]
STAGES = [
    (1, "处室负责人审核", "catalog.review_division"),
    (2, "法制审核", "catalog.review_legal"),
    (3, "分管领导签发", "catalog.review_leader"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("catalog", "Topic")
    Category = apps.get_model("catalog", "Category")
    ReviewStage = apps.get_model("catalog", "ReviewStage")
    for order, (name, code) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    for order, (name, code) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    for position, name, action in STAGES:
        ReviewStage.objects.get_or_create(
            organization=None, position=position, defaults={"name": name, "action": action}
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
