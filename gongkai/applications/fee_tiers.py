"""The tiers of 信息处理费 (国办函〔2020〕109号 第4、5条; regulations.md §2): pure arithmetic.

Both methods are 超额累进: each part is charged at its own band's rate.

* 按件: the applications one applicant makes in a calendar month are numbered 1, 2, …; the
  1st–10th are free, the 11th–30th cost 100元 each, and from the 31st every further band of
  10 costs 100元 more per application (31–40: 200, 41–50: 300, …).
* 按量: the pages of one application: 1–30 free, 31–100 at 10元, 101–200 at 20元, 201 on at 40元.
"""

from dataclasses import dataclass

FREE_APPLICATIONS = 10
SECOND_BAND_END = 30
BAND_SIZE = 10
STEP = 100  # 元 per application, and the rise per band from the 31st

PAGE_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (last page of the band, 元/页)


@dataclass(frozen=True)
class Band:
    first: int
    last: int
    rate: int  # 元 per unit

    @property
    def units(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> int:
        return self.units * self.rate

    def describe(self, unit: str) -> str:
        span = (
            f"第 {self.first} {unit}"
            if self.first == self.last
            else f"第 {self.first}–{self.last} {unit}"
        )
        if not self.rate:
            return f"{span}：免费"
        return f"{span}：{self.units} {unit} × {self.rate} 元 = {self.amount} 元"


def rate_for_application(k: int) -> int:
    """The fee of the k-th application of the applicant's calendar month (k ≥ 1)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    if k <= FREE_APPLICATIONS:
        return 0
    if k <= SECOND_BAND_END:
        return STEP
    return STEP * (2 + (k - SECOND_BAND_END - 1) // BAND_SIZE)


def application_bands(first: int, last: int) -> list[Band]:
    """The applications numbered first..last of one month, grouped by rate."""
    bands: list[Band] = []
    for k in range(first, last + 1):
        rate = rate_for_application(k)
        if bands and bands[-1].rate == rate:
            bands[-1] = Band(bands[-1].first, k, rate)
        else:
            bands.append(Band(k, k, rate))
    return bands


def month_total(count: int) -> int:
    """What `count` applications charged 按件 in one month cost together."""
    return sum(band.amount for band in application_bands(1, count))


def page_bands(pages: int) -> list[Band]:
    """The pages of one application split by band (only the bands it reaches)."""
    if pages < 1:
        raise ValueError("pages must be at least 1")
    bands, first = [], 1
    for last, rate in PAGE_BANDS:
        end = pages if last is None else min(pages, last)
        if end >= first:
            bands.append(Band(first, end, rate))
        if last is None or pages <= last:
            break
        first = last + 1
    return bands


def page_total(pages: int) -> int:
    return sum(band.amount for band in page_bands(pages))
