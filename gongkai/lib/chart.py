"""Geometry of the server-rendered SVG bar chart (no JavaScript, no chart library)."""

WIDTH = 720
HEIGHT = 260
LEFT = 64  # room for the value axis labels
BOTTOM = 28  # room for the period labels
TOP = 12


def _nice_ceiling(value: int) -> int:
    """The smallest 1/2/5 × 10^n at or above `value` (a readable axis maximum)."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def bar_chart(points: list[tuple[str, int]], *, ticks: int = 4) -> dict:
    """Bars and axis ticks for [(label, value)]: every coordinate ready for the template."""
    top = _nice_ceiling(max((v for _, v in points), default=0))
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    bar_w = max(slot * 0.7, 1)
    # Label every bar when they fit, otherwise about a dozen of them.
    every = max(1, round(len(points) / 12))
    bars = []
    for i, (label, value) in enumerate(points):
        h = plot_h * value / top
        x = LEFT + i * slot + (slot - bar_w) / 2
        bars.append(
            {
                "x": round(x, 1),
                "y": round(TOP + plot_h - h, 1),
                "width": round(bar_w, 1),
                "height": round(h, 1),
                "label": label,
                "value": value,
                "label_x": round(x + bar_w / 2, 1),
                "show_label": i % every == 0,
            }
        )
    grid = [
        {"value": top * k // ticks, "y": round(TOP + plot_h - plot_h * k / ticks, 1)}
        for k in range(ticks + 1)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - 8,
        "baseline": TOP + plot_h,
        "label_y": TOP + plot_h + 18,
        "bars": bars,
        "grid": grid,
    }
