"""Demo organizations and one staff account per role, modelled on 上海市司法局."""

from django.db import transaction

from .models import Organization, OrganizationKind, Role, RoleGrant, User

ROOT = {
    "name": "上海市司法局",
    "short_name": "市司法局",
    "code": "shsfj",
    "kind": OrganizationKind.AGENCY,
    "office_name": "上海市司法局政府信息公开受理点",
    "office_address": "上海市徐汇区小木桥路470号",
    "office_postcode": "200032",
    "office_phone": "021-53899700、021-24029009",
    "office_fax": "021-53899701",
    "office_email": "xxgk@sfj.sh.gov.cn",
    "office_hours": "工作日 9:00-11:30，13:30-17:00",
    "website": "https://sfj.sh.gov.cn/",
}

DIVISIONS = [
    ("办公室", "bgs"),
    ("立法一处", "lf1"),
    ("行政复议处", "xzfy"),
    ("法治调研处", "fzdy"),
    ("律师工作管理处", "lsgl"),
    ("公证工作管理处", "gzgl"),
    ("司法鉴定管理处", "sfjd"),
    ("人民参与和促进法治处", "rmcy"),
    ("公共法律服务管理处", "ggfw"),
    ("法律援助处", "flyz"),
    ("法律职业资格管理处", "zgkl"),
    ("政治部", "zzb"),
]

DISTRICTS = [
    ("黄浦区", "hp", "上海市黄浦区中山南一路500号"),
    ("徐汇区", "xh", "上海市徐汇区漕溪北路336号"),
    ("长宁区", "cn", "上海市长宁区愚园路1320号"),
    ("静安区", "ja", "上海市静安区常德路370号"),
    ("普陀区", "pt", "上海市普陀区大渡河路1668号"),
    ("虹口区", "hk", "上海市虹口区飞虹路518号"),
    ("杨浦区", "yp", "上海市杨浦区江浦路1000号"),
    ("闵行区", "mh", "上海市闵行区沪闵路6258号"),
    ("宝山区", "bs", "上海市宝山区密山路5号"),
    ("嘉定区", "jd", "上海市嘉定区博乐路118号"),
    ("浦东新区", "pd", "上海市浦东新区世纪大道2001号"),
    ("金山区", "js", "上海市金山区龙山路555号"),
    ("松江区", "sj", "上海市松江区园中路1号"),
    ("青浦区", "qp", "上海市青浦区公园路100号"),
    ("奉贤区", "fx", "上海市奉贤区解放东路889号"),
    ("崇明区", "cm", "上海市崇明区城桥镇鼓浪屿路555号"),
]

# One account per role, all in the city bureau; the password meets the validators.
DEMO_PASSWORD = "Gongkai-2026!"
STAFF = [
    ("clerk", "王晓敏", Role.CLERK, "shsfj-bgs"),
    ("chief", "李建国", Role.DIVISION_HEAD, "shsfj-bgs"),
    ("legal", "陈雅琴", Role.LEGAL_REVIEWER, "shsfj-fzdy"),
    ("leader", "张卫东", Role.LEADER, "shsfj"),
    ("admin", "周立明", Role.ADMIN, "shsfj"),
    ("xuhui", "赵丽华", Role.CLERK, "xh-sfj"),
]


@transaction.atomic
def load(stdout) -> list[str]:
    # get_or_create: running the demo again keeps what the office has edited since.
    root, _ = Organization.objects.get_or_create(code=ROOT["code"], defaults=ROOT)
    for order, (name, code) in enumerate(DIVISIONS, start=1):
        Organization.objects.get_or_create(
            code=f"shsfj-{code}",
            defaults={
                "name": f"上海市司法局{name}",
                "short_name": name,
                "parent": root,
                "kind": OrganizationKind.DIVISION,
                "sort_order": order,
            },
        )
    for order, (district, code, address) in enumerate(DISTRICTS, start=100):
        Organization.objects.get_or_create(
            code=f"{code}-sfj",
            defaults={
                "name": f"上海市{district}司法局",
                "short_name": f"{district}司法局",
                "parent": root,
                "kind": OrganizationKind.SUBORDINATE,
                "sort_order": order,
                "office_name": f"{district}司法局政府信息公开受理点",
                "office_address": address,
                "office_hours": "工作日 9:00-11:30，13:30-17:00",
            },
        )
    lines = []
    for username, full_name, role, org_code in STAFF:
        org = Organization.objects.get(code=org_code)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "organization": org,
                "email": f"{username}@example.gov.cn",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        RoleGrant.objects.get_or_create(user=user, role=role)
        lines.append(f"  {username:<8} {DEMO_PASSWORD}  {role.label}（{full_name}，{org.name}）")
    stdout.write(f"机构 {Organization.objects.count()} 个，演示账号 {len(STAFF)} 个。")
    return ["演示账号（用户名 密码 角色）："] + lines
