from gongkai.lib.chart import _nice_ceiling, bar_chart


def test_the_axis_ends_at_a_round_number():
    assert [_nice_ceiling(v) for v in (0, 1, 7, 10, 11, 123313, 20000, 20001)] == [
        1,
        1,
        10,
        10,
        20,
        200000,
        20000,
        50000,
    ]


def test_bars_are_proportional_and_share_a_baseline():
    chart = bar_chart([("1月", 100), ("2月", 50), ("3月", 0)])
    tall, half, empty = chart["bars"]
    assert half["height"] * 2 == tall["height"]
    assert empty["height"] == 0
    for bar in chart["bars"]:
        assert round(bar["y"] + bar["height"], 1) == chart["baseline"]
    assert [g["value"] for g in chart["grid"]] == [0, 25, 50, 75, 100]


def test_long_series_label_about_a_dozen_bars():
    chart = bar_chart([(str(day), day) for day in range(60)])
    assert 10 <= sum(b["show_label"] for b in chart["bars"]) <= 15
