"""The shipped word lists: agency names changed by the State Council's institutional reforms,
and characters commonly misused in official documents. Offices extend both (models.Term).

Each reform entry: (obsolete name, current name, date the change took effect). A document dated
before the change rightly uses the old name, so only later documents are flagged.
"""

from datetime import date

REFORM_2018 = date(2018, 3, 17)  # 十三届全国人大一次会议批准国务院机构改革方案
REFORM_2023 = date(2023, 3, 10)  # 十四届全国人大一次会议批准国务院机构改革方案

RENAMED_AGENCIES: list[tuple[str, str, date]] = [
    ("国家工商行政管理总局", "国家市场监督管理总局", REFORM_2018),
    ("国家质量监督检验检疫总局", "国家市场监督管理总局", REFORM_2018),
    ("国家食品药品监督管理总局", "国家市场监督管理总局", REFORM_2018),
    ("环境保护部", "生态环境部", REFORM_2018),
    ("国土资源部", "自然资源部", REFORM_2018),
    ("国家海洋局", "自然资源部", REFORM_2018),
    ("国家测绘地理信息局", "自然资源部", REFORM_2018),
    ("国家卫生和计划生育委员会", "国家卫生健康委员会", REFORM_2018),
    ("国家卫生计生委", "国家卫生健康委员会", REFORM_2018),
    ("农业部", "农业农村部", REFORM_2018),
    ("文化部", "文化和旅游部", REFORM_2018),
    ("国家旅游局", "文化和旅游部", REFORM_2018),
    ("国家安全生产监督管理总局", "应急管理部", REFORM_2018),
    ("监察部", "国家监察委员会", REFORM_2018),
    ("国务院法制办公室", "司法部", REFORM_2018),
    ("国家林业局", "国家林业和草原局", REFORM_2018),
    ("中国银行业监督管理委员会", "中国银行保险监督管理委员会", REFORM_2018),
    ("中国保险监督管理委员会", "中国银行保险监督管理委员会", REFORM_2018),
    ("国家新闻出版广电总局", "国家广播电视总局", REFORM_2018),
    ("中国银行保险监督管理委员会", "国家金融监督管理总局", REFORM_2023),
    ("银保监会", "国家金融监督管理总局", REFORM_2023),
]

# (wrong, right): characters and words commonly misused in official documents.
MISUSED = [
    ("既往不究", "既往不咎"),
    ("按装", "安装"),
    ("截止目前", "截至目前"),
    ("截止到", "截至"),
    ("必需遵守", "必须遵守"),
    ("再接再励", "再接再厉"),
    ("一股作气", "一鼓作气"),
    ("迫不急待", "迫不及待"),
    ("甘败下风", "甘拜下风"),
    ("原形必露", "原形毕露"),
    ("谈笑风声", "谈笑风生"),
    ("走头无路", "走投无路"),
    ("针贬时弊", "针砭时弊"),
    ("默守成规", "墨守成规"),
    ("不径而走", "不胫而走"),
    ("震憾", "震撼"),
    ("松驰", "松弛"),
    ("渲泄", "宣泄"),
    ("國家", "国家"),
    ("中华人民共合国", "中华人民共和国"),
    ("政府信息公开条列", "政府信息公开条例"),
    ("行政复义", "行政复议"),
]
