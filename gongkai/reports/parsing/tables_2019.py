"""The 2019 trial national format (国办公开办函〔2019〕60号): what differs from 2021.

Table 二 has 本年新制作数量 / 本年新公开数量 / 对外公开总数量 for 规章 and 规范性文件,
上一年项目数量 / 本年增/减 / 处理决定数量 for the licensing, service, penalty and coercion
rows, 上一年项目数量 / 本年增/减 for 行政事业性收费 and 采购项目数量 / 采购总金额 for
政府集中采购. Table 三's （六）其他处理 is one row, written ``{"all": {...}}``.
"""

from __future__ import annotations

PROACTIVE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("本年新制作", "new_made"),
    ("新制作", "new_made"),
    ("本年新公开", "new_published"),
    ("新公开", "new_published"),
    ("对外公开总", "published_total"),
    ("公开总数", "published_total"),
    ("上一年项目", "items_last_year"),
    ("上年项目", "items_last_year"),
    ("本年增/减", "items_change"),
    ("本年增减", "items_change"),
    ("增/减", "items_change"),
    ("采购项目", "projects"),
    ("采购总金额", "amount_10k_yuan"),
    ("采购金额", "amount_10k_yuan"),
)

PROACTIVE_MARKERS = frozenset(
    {"new_made", "new_published", "published_total", "items_last_year", "items_change", "projects"}
)

# The single （六） row of the 2019 table is stored under this key.
OTHER_SINGLE_ROW = "all"
