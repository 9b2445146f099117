"""Names the demo catalog and its back catalog draw from (fictional people; real district and
firm names as a Shanghai bureau's items would print them)."""

DISTRICTS = [
    "黄浦区",
    "徐汇区",
    "长宁区",
    "静安区",
    "普陀区",
    "虹口区",
    "杨浦区",
    "闵行区",
    "宝山区",
    "浦东新区",
]
FIRMS = ["锦天城", "建纬", "明珠", "汇业", "段和段", "邦信阳", "协力", "君悦", "通力", "方达"]
NOTARIES = ["东方公证处", "徐汇公证处", "静安公证处", "浦东公证处", "长宁公证处", "黄浦公证处"]
LABS = [
    "司法鉴定科学研究院",
    "华医司法鉴定所",
    "复旦大学上海医学院司法鉴定中心",
    "华东政法大学司法鉴定中心",
    "申正司法鉴定所",
]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗"
GIVEN = [
    "建华",
    "卫东",
    "晓燕",
    "志强",
    "丽萍",
    "国庆",
    "海燕",
    "振宇",
    "文斌",
    "雅琴",
    "立新",
    "红梅",
]
STREETS = ["城区街道", "新城街道", "中心镇", "东部街道", "西部镇", "南部街道", "北部镇"]
