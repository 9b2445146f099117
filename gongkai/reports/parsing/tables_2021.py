"""The 2021 national format (国办公开办函〔2021〕30号): what differs from 2019.

Table 二 has 本年制发件数 / 本年废止件数 / 现行有效件数 for 规章 and 行政规范性文件, one
本年处理决定数量 column for 行政许可, 行政处罚 and 行政强制, and 本年收费金额（万元） for
行政事业性收费. Table 三's （六）其他处理 is split into three sub-rows.
"""

from __future__ import annotations

# Table 二 column headers (label core → key), matched as words of the header's core.
PROACTIVE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("制发", "issued"),
    ("废止", "repealed"),
    ("现行有效", "in_force"),
    ("本年收费金额", "amount_10k_yuan"),
    ("收费金额", "amount_10k_yuan"),
)

# Keys that only the 2021 table 二 has; seeing one means the report uses the 2021 tables.
PROACTIVE_MARKERS = frozenset({"issued", "repealed", "in_force"})

# Table 三 （六）其他处理 sub-rows, checked in this order (keywords of the label core).
OTHER_SUBROWS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("不补正",), "no_correction"),
    (("缴纳费用", "收费通知", "缴费"), "fee_unpaid"),
)
# "3.其他" is recognised by an exact core, only under （六）.
OTHER_MISC_LABELS = frozenset({"其他", "其它", "其他情形"})
