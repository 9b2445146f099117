"""A grouped bar chart as inline SVG: no JavaScript, readable by screen readers via its table."""

from django.utils.html import escape

PALETTE = ["#a8161b", "#0b4f9c", "#1a7f37", "#9a6700", "#6f42c1", "#555c66", "#c2410c", "#0e7490"]


def grouped_bars(years: list[int], series: list[dict], unit: str, title: str) -> str:
    width, height, left, bottom, top = 720, 320, 56, 40, 16
    values = [v for s in series for v in s["values"] if v is not None]
    peak = max(values) if values else 1
    peak = peak if peak > 0 else 1
    plot_w, plot_h = width - left - 8, height - bottom - top
    group_w = plot_w / max(len(years), 1)
    bar_w = max(group_w * 0.8 / max(len(series), 1), 2)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height + 20 * len(series)}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" stroke="#555c66"/>',
    ]
    for tick in range(5):
        value = peak * tick / 4
        y = top + plot_h - plot_h * tick / 4
        label = f"{value:,.0f}" if peak >= 10 else f"{value:.1f}"
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#1f2328">{label}</text>'
        )
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="#e5e7eb"/>'
        )
    for gi, year in enumerate(years):
        x0 = left + gi * group_w + group_w * 0.1
        parts.append(
            f'<text x="{left + gi * group_w + group_w / 2:.1f}" y="{top + plot_h + 18}" '
            f'text-anchor="middle" font-size="12" fill="#1f2328">{year}</text>'
        )
        for si, s in enumerate(series):
            value = s["values"][gi]
            if value is None:
                continue
            h = plot_h * value / peak
            x = x0 + si * bar_w
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[si % len(PALETTE)]}"><title>{escape(s["body"])} {year}：{value}{escape(unit)}</title></rect>'
            )
    for si, s in enumerate(series):
        y = height + 4 + si * 20
        parts.append(
            f'<rect x="{left}" y="{y}" width="12" height="12" fill="{PALETTE[si % len(PALETTE)]}"/>'
        )
        parts.append(
            f'<text x="{left + 18}" y="{y + 11}" font-size="12" fill="#1f2328">{escape(s["body"])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
