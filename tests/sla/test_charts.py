"""The Performance page's SVG charts (sla.charts): every mark inside the plot area whatever
the data, the 24-hour line where 24 hours are, axes and values written, the markup
accessible. Issue 15: points sat on or outside the border, the charts had no axes, no
values and no deadline line."""

import itertools
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from sla import charts
from sla.formats import format_hours, format_percent

WEEKS = [f"W{i}" for i in range(12)]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def assert_inside(chart: charts.Chart) -> None:
    """Bars within the plot area; a line's dots, radius included, off its edges."""
    for mark in chart.marks:
        if not mark.has_value:
            continue
        x, y, w, h = (float(v) for v in (mark.x, mark.y, mark.width, mark.height))
        if chart.kind == "line":
            r = chart.radius
            assert chart.left < x - r, mark.label
            assert x + r < chart.right, mark.label
            assert chart.top < y - r, mark.label
            assert y + r < chart.bottom, mark.label
        else:  # the plot's edges are in tenths, like the coordinates
            assert chart.left <= x, mark.label
            assert x + w <= chart.right + 0.05, mark.label
            assert chart.top <= y, mark.label
            assert y + h <= chart.bottom + 0.05, mark.label
            assert min(w, h) >= 0


def assert_labels_in_the_picture(chart: charts.Chart) -> None:
    """Written labels and values (estimated widths) stay inside the viewBox."""
    for mark in chart.marks:
        for shown, text, x, y, anchor in (
            (mark.show_label, mark.label, mark.label_x, mark.label_y, mark.label_anchor),
            (mark.show_value, mark.value, mark.value_x, mark.value_y, mark.value_anchor),
        ):
            if not shown:
                continue
            width = charts.text_width(text)
            start = float(x) - (width / 2 if anchor == "middle" else 0)
            assert start >= 0, text
            assert start + width <= chart.width, text
            assert charts.FONT <= float(y) <= chart.height, (text, y)


def answer_times(values: list[float | None]) -> charts.Chart:
    return charts.columns(
        values,
        WEEKS[: len(values)],
        value_text=format_hours,
        limit=24,
        limit_text=charts.whole_hours(24),
    )


def y_of(chart: charts.Chart, value: float) -> float:
    highest = float(chart.ticks[-1].text.replace(",", ""))
    return chart.bottom - (chart.bottom - chart.top) * value / highest


EDGE_SERIES = {
    "all zeros": [0.0] * 12,
    "one point": [7.5],
    "one point among gaps": [None] * 11 + [3.0],
    "no data at all": [None] * 12,
    "a huge value": [2.0, 3.0, 1_000_000.0, 4.0],
    "values above 24 h": [30.0, 25.5, 48.0, 23.9, 24.0],
    "exactly the axis top": [30.0, 6.0],
}


@pytest.mark.parametrize("values", EDGE_SERIES.values(), ids=EDGE_SERIES.keys())
def test_every_bar_stays_inside_the_plot_area(values):
    chart = answer_times(values)
    assert_inside(chart)
    assert_labels_in_the_picture(chart)


@pytest.mark.parametrize("values", EDGE_SERIES.values(), ids=EDGE_SERIES.keys())
def test_the_24_hour_line_is_drawn_at_24_hours_inside_the_plot(values):
    chart = answer_times(values)
    assert chart.limit is not None
    at = float(chart.limit.at)
    assert chart.top < at <= chart.bottom  # on the axis only when a million hours is the top
    assert at == pytest.approx(y_of(chart, 24), abs=0.06)
    assert chart.limit.text == "24\xa0h"


def test_the_24_hour_line_meets_the_24_tick_when_the_axis_has_one():
    chart = answer_times([2.0, 11.6, 16.1])
    assert [tick.text for tick in chart.ticks] == ["0", "6", "12", "18", "24", "30"]
    assert chart.limit is not None
    assert chart.limit.at == chart.ticks[4].at


def test_a_bar_taller_than_24_hours_rises_above_the_line_and_the_axis_covers_it():
    chart = answer_times([10.0, 48.0])
    assert chart.limit is not None
    assert float(chart.marks[1].y) < float(chart.limit.at) < float(chart.marks[0].y)
    assert float(chart.ticks[-1].text) >= 48


@pytest.mark.parametrize(
    "values",
    [
        [0.0] * 12,
        [1.0] * 12,
        [0.0, 1.0],
        [1.0],
        [None, 0.5, None, None, 0.0, 1.0],
        [None] * 12,
    ],
    ids=["all zero", "all hundred percent", "zero and hundred", "one point", "gaps", "none"],
)
def test_every_point_of_the_line_stays_inside_the_plot_area(values):
    chart = charts.line(values, WEEKS[: len(values)])
    assert_inside(chart)
    assert_labels_in_the_picture(chart)


def test_zero_and_hundred_percent_sit_on_their_ticks_not_on_the_axes():
    chart = charts.line([0.0, 1.0], ["a", "b"])
    zero, hundred = chart.marks
    assert [t.text for t in chart.ticks] == ["0%", "25%", "50%", "75%", "100%"]
    assert (zero.y, hundred.y) == (chart.ticks[0].at, chart.ticks[-1].at)
    assert float(zero.y) < chart.bottom
    assert float(hundred.y) > chart.top


def test_the_line_breaks_where_there_is_no_data():
    chart = charts.line([0.5, 0.6, None, 0.7, 0.8, None, 0.9], WEEKS[:7])
    assert [len(points.split()) for points in chart.segments] == [2, 2]
    assert sum(mark.has_value for mark in chart.marks) == 5
    assert chart.marks[2].value == "—"


def test_values_are_written_as_the_tiles_write_them():
    bars = answer_times([11.64, None, 0.049])
    assert [m.value for m in bars.marks] == [format_hours(11.64), "—", format_hours(0.049)]
    assert bars.marks[0].value == "11.6\xa0h"
    rates = charts.line([0.999, 0.9499], ["a", "b"])
    assert [m.value for m in rates.marks] == ["99%", "94%"]  # rounded down, like the score
    assert rates.marks[1].value == format_percent(0.9499)


def test_the_latest_and_the_worst_values_are_written_on_the_chart():
    values = [5.0, 30.0, 6.0, 7.0, 8.0, 9.0, 10.0, 4.0, 6.0, 7.0, 8.0, 11.6]
    chart = answer_times(values)
    assert chart.latest is chart.marks[-1]
    assert chart.extreme is chart.marks[1]
    assert [i for i, m in enumerate(chart.marks) if m.show_value] == [1, 11]
    rates = charts.line([0.9, 0.4, 0.8, 0.85, 0.9, 0.95, 0.9, 0.9, 0.9, 0.9, 0.9, 0.95], WEEKS)
    assert rates.extreme is rates.marks[1]  # the lowest rate is the worst
    assert rates.latest is rates.marks[-1]


def test_every_value_is_written_when_each_fits_its_slot():
    rates = charts.line([0.9, 0.4, 0.8, 0.85, 0.9, 0.95], WEEKS[:6])
    assert all(mark.show_value for mark in rates.marks)


def test_the_latest_value_is_written_even_when_it_is_the_only_one():
    chart = answer_times([None, None, 3.0])
    assert [m.show_value for m in chart.marks] == [False, False, True]
    assert chart.extreme is None


def test_date_labels_skip_evenly_back_from_the_latest_without_overlapping():
    chart = answer_times([1.0] * 12)
    shown = [m for m in chart.marks if m.show_label]
    assert shown[-1] is chart.marks[-1]
    centres = [float(m.label_x) for m in shown]
    assert all(b - a > charts.text_width("W11") for a, b in itertools.pairwise(centres))


@pytest.mark.parametrize(
    "counts", [[0, 0, 0, 0, 0, 0], [11, 0, 0, 2, 0, 0], [0, 0, 0, 0, 0, 1], [1234567, 1, 0]]
)
def test_horizontal_bars_stay_inside_and_write_every_count(counts):
    labels = ["en cours de vérification", "< 4 h", "4–8 h", "8–24 h", "later", "x"][: len(counts)]
    chart = charts.rows(counts, labels, danger=(0,))
    assert_inside(chart)
    assert_labels_in_the_picture(chart)
    assert [m.value for m in chart.marks] == [charts.whole_number(c) for c in counts]
    assert all(m.show_value and m.show_label for m in chart.marks)
    assert chart.marks[0].danger is (counts[0] > 0)


def test_a_count_axis_has_whole_ticks():
    assert [t.text for t in charts.rows([0, 0], ["a", "b"]).ticks] == ["0", "1"]
    assert [t.text for t in charts.rows([3, 11], ["a", "b"]).ticks] == ["0", "5", "10", "15"]


def test_nice_ticks_end_at_or_above_the_largest_value():
    for largest in (0, 0.3, 1, 7, 24, 24.01, 99, 1000, 1e9, float("inf")):
        ticks = charts.nice_ticks(largest, steps=charts.HOURS_STEPS)
        assert ticks[0] == 0
        assert 2 <= len(ticks) <= 6
        if largest not in (0, float("inf")):
            assert ticks[-1] >= largest


def test_coordinates_stay_svg_numbers_in_languages_with_decimal_commas():
    with translation.override("fr"):
        chart = answer_times([11.64, 30.0])
        html = render(chart, "c")
    assert chart.marks[0].value == "11,6\xa0h"
    assert not re.search(r'\b(x|y|x1|y1|x2|y2|width|height|cx|cy|points)="[^"]*,', html)


def render(chart: charts.Chart, chart_id: str) -> str:
    return render_to_string(
        "sla/_chart.html",
        {
            "chart": chart,
            "id": chart_id,
            "title": "Median answer time",
            "summary": "In business hours.",
            "value_title": "Business hours",
            "category_title": "Period ending",
            "empty": "No answers in these periods yet.",
        },
    )


def test_the_markup_has_axis_titles_ticks_values_and_the_deadline_label():
    html = render(answer_times([5.0, 30.0, 11.6]), "answer-times")
    assert '<text x="0" y="13" class="axis-title">Business hours</text>' in html
    assert ">Period ending</text>" in html
    for tick in ("0", "12", "24", "36"):
        assert f'class="tick" text-anchor="end">{tick}</text>' in html
    assert 'class="limit"' in html
    assert ">24\xa0h deadline</text>" in html
    assert re.search(r'class="value"[^>]*>11.6\xa0h</text>', html)


def test_the_markup_is_an_image_with_a_name_a_description_and_a_table_of_its_figures():
    chart = answer_times([5.0, None, 11.6])
    html = render(chart, "answer-times")
    assert 'role="img"' in html
    assert 'aria-labelledby="answer-times-title answer-times-desc"' in html
    assert '<title id="answer-times-title">Median answer time</title>' in html
    assert re.search(r'<desc id="answer-times-desc">In business hours\. Latest, W2: 11.6', html)
    table = html[html.index('<div class="visually-hidden"><table>') :]
    assert re.findall(r'<th scope="row">(\w+)</th><td>([^<]+)</td>', table) == [
        ("W0", "5.0\xa0h"),
        ("W1", "—"),
        ("W2", "11.6\xa0h"),
    ]
    # Every bar and every gap has a tooltip with its value.
    assert html.count("<title>") == 3


def test_an_empty_chart_says_so():
    html = render(answer_times([None] * 12), "answer-times")
    assert "No answers in these periods yet." in html
    assert "<rect x=" in html  # the hover areas, no bar
    assert 'class="bar' not in html
