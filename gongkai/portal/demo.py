"""The demo site's identification in its footer, as a real government site shows it (the
numbers are the demo office's own fictitious ones, in the official formats)."""

from gongkai.accounts.models import User

from .models import SiteInfo
from .services import site_info_save

DEMO = {
    "sponsor": "上海市司法局",
    "organizer": "上海市司法局办公室",
    "site_code": "3100000000",
    "icp_record": "沪ICP备00000000号-1",
    "police_record": "沪公网安备 31000000000000号",
}


def load(stdout) -> list[str]:
    if SiteInfo.objects.exclude(sponsor="").exists():
        return []
    site_info_save(actor=User.objects.get(username="admin"), data=DEMO)
    return ["网站标识信息（主办、承办、网站标识码、备案号）已填写，显示在门户页脚。"]
