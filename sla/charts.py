"""Small server-rendered SVG charts for the Performance page: geometry here, markup (and a
table of the figures for screen readers) in templates/sla/_chart.html.

Each chart draws inside a plot area framed by margins that hold what is written around it:
the axis titles, the tick labels, the values. Values are scaled into the plot area, a line's
points with an inset besides, so zero, the largest value or a lone point never lands on an
axis or outside. The value axis ends on the first "nice" tick at or above the largest value
(and above the 24-hour line when there is one).

Values are written by sla.formats, the functions the tiles use, so a chart never rounds a
figure differently from the tile beside it. Coordinates leave as plain strings: a float
reaching a template would be localised ("34,5" in French) and break the SVG.

Sizes are SVG units. The viewBox is about as wide as a chart is drawn, in a desktop column
and on a phone, so 12 units read as about 12 pixels. Label widths are estimated (CHAR per
character, generously) to keep labels apart and inside the picture."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from babel.numbers import format_decimal
from django.utils import timezone

from core.locale import reader_locale
from sla.calendar import DEFAULT_HOURS
from sla.formats import format_day, format_hours, format_percent
from sla.performance import TrendPoint

WIDTH, HEIGHT = 340, 220
FONT = 12
CHAR = 0.62 * FONT  # an estimated average glyph width, on the generous side
TOP = 36  # the value axis title, and the values written above the highest marks
BOTTOM = 44  # the tick labels and the axis title under the plot
RIGHT = 12
GAP = 6  # between an axis and its tick labels
RADIUS = 4  # a line's dots
INSET = RADIUS + 4  # how far a line's dots keep from the plot's edges
ROW = 36  # a horizontal bar: its label above, the bar under it
BAR = 13  # a horizontal bar's thickness

# Steps an hour axis prefers (0, 12, 24, 36 rather than 0, 10, 20, 30: 24 stays a tick); past
# them, and on other axes, 1, 2 or 5 times a power of ten.
HOURS_STEPS = (1, 2, 3, 6, 12, 24, 48, 120, 240, 480, 960)
PERCENT_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


def n(value: float) -> str:
    """A coordinate for SVG, never localised."""
    return f"{value:.1f}"


def text_width(text: str) -> float:
    return len(text) * CHAR


def _within(center: float, text: str, low: float = 0, high: float = WIDTH) -> float:
    """The x of a centred label, moved just enough to keep the label within [low, high]."""
    half = text_width(text) / 2 + 1
    return min(max(center, low + half), high - half)


def whole_number(value: float) -> str:
    """A tick or a count in the reader's language: "1,200" (en), "1 200" (fr)."""
    return format_decimal(round(value), "#,##0", locale=reader_locale())


def whole_hours(value: float) -> str:
    return f"{whole_number(value)}\u00a0h"


def nice_ticks(largest: float, *, steps: Sequence[float] = (), whole: bool = False) -> list[float]:
    """0 up to the first tick at or above `largest`, in at most 4 equal steps: the first of
    `steps` that is large enough, else 1, 2 or 5 times a power of ten (at least 1 if `whole`)."""
    if not math.isfinite(largest) or largest <= 0:
        largest = 1.0
    raw = largest / 4 * 0.999999
    power = 10.0 ** math.floor(math.log10(raw))
    ladder = [*steps, *(m * power for m in (1, 2, 5, 10))]
    step = next(s for s in ladder if s >= raw)
    if whole:
        step = float(max(1, math.ceil(step)))
    count = max(1, math.ceil(largest / step - 1e-9))
    return [i * step for i in range(count + 1)]


@dataclass(frozen=True)
class Tick:
    at: str  # y of the gridline (or x, for horizontal bars)
    text: str
    text_x: str
    text_y: str
    anchor: str = "end"


@dataclass(frozen=True)
class Mark:
    """One bar or one point: its shape, the slot it owns (the tooltip's hover area), and
    where its value and its label are written when they are shown."""

    label: str
    value: str  # as the tiles write it; "—" for no data
    has_value: bool
    x: str  # a bar's corner, or a point's centre
    y: str
    width: str
    height: str
    hit_x: str
    hit_y: str
    hit_width: str
    hit_height: str
    show_value: bool
    value_x: str
    value_y: str
    value_anchor: str
    show_label: bool
    label_x: str
    label_y: str
    label_anchor: str
    latest: bool = False
    danger: bool = False


@dataclass(frozen=True)
class Limit:
    """A rule drawn across the plot (the 24-hour deadline) and where its label goes."""

    at: str
    text: str
    text_x: str
    text_y: str


@dataclass(frozen=True)
class Chart:
    kind: str  # "columns", "line" or "rows"
    width: int
    height: int
    left: float  # the plot area; every mark is inside it
    top: float
    right: float
    bottom: float
    ticks: list[Tick]
    marks: list[Mark]
    segments: list[str]  # a line's polylines, broken where there is no data
    limit: Limit | None
    latest: Mark | None  # the most recent mark with a value
    extreme: Mark | None  # the worst value, when it is not the latest one
    radius: int = RADIUS

    @property
    def plot(self) -> dict[str, str]:
        """The plot area's edges (and where the bottom axis title goes) as SVG numbers."""
        return {
            "left": n(self.left),
            "top": n(self.top),
            "right": n(self.right),
            "bottom": n(self.bottom),
            "center": n((self.left + self.right) / 2),
            "x_title_y": n(self.height - 6),
        }


def _highlighted(
    values: Sequence[float | None], texts: Sequence[str], slot: float, *, worst_is_high: bool
) -> tuple[set[int], int | None, int | None]:
    """Which values are written on the chart: all of them when they fit their slots, else the
    latest and the worst (when it is far enough from the latest not to overlap it)."""
    present = [i for i, v in enumerate(values) if v is not None]
    if not present:
        return set(), None, None
    latest = present[-1]
    if all(text_width(texts[i]) + 4 <= slot for i in present):
        return set(present), latest, None
    # The most recent of equal values: max() and min() keep the first they meet.
    sign = 1.0 if worst_is_high else -1.0
    extreme: int | None = max(reversed(present), key=lambda i: sign * (values[i] or 0.0))
    apart = (text_width(texts[latest]) + text_width(texts[extreme or 0])) / 2 + 4
    if extreme is not None and (
        values[extreme] == values[latest] or abs(extreme - latest) * slot < apart
    ):
        extreme = None
    return {latest} | ({extreme} if extreme is not None else set()), latest, extreme


def _label_every(labels: Sequence[str], slot: float) -> int:
    widest = max((text_width(label) for label in labels), default=0)
    return max(1, math.ceil((widest + 8) / slot)) if slot > 0 else 1


def _vertical(
    kind: str,
    values: Sequence[float | None],
    labels: Sequence[str],
    *,
    value_text: Callable[[float | None], str],
    tick_values: Sequence[float],
    tick_text: Callable[[float], str],
    worst_is_high: bool,
    limit: float | None = None,
    limit_text: str = "",
) -> Chart:
    """Columns or a line over time: categories along x, the value axis on the left."""
    ticks_texts = [tick_text(t) for t in tick_values]
    left = max(text_width(t) for t in ticks_texts) + GAP + 2
    right, top, bottom = WIDTH - RIGHT, float(TOP), float(HEIGHT - BOTTOM)
    highest = tick_values[-1]
    line = kind == "line"
    inset = INSET if line else 0

    def y(value: float) -> float:
        share = min(max(value, 0.0), highest) / highest
        return bottom - inset - (bottom - top - 2 * inset) * share

    count = max(len(values), 1)
    slot = (right - left) / count
    texts = [value_text(v) for v in values]
    shown, latest, extreme = _highlighted(values, texts, slot, worst_is_high=worst_is_high)
    every = _label_every(labels, slot)
    marks = []
    for i, (value, label) in enumerate(zip(values, labels, strict=True)):
        center = left + (i + 0.5) * slot
        if line:
            width = height = 0.0
            x, top_y = center, y(value) if value is not None else bottom - inset
            value_y = top_y - RADIUS - 5
        else:
            width = min(slot * 0.64, 32)
            x = center - width / 2
            top_y = y(value) if value is not None else bottom
            height = bottom - top_y
            value_y = top_y - 5
        marks.append(
            Mark(
                label=label,
                value=texts[i],
                has_value=value is not None,
                x=n(x),
                y=n(top_y),
                width=n(width),
                height=n(height),
                hit_x=n(left + i * slot),
                hit_y=n(top),
                hit_width=n(slot),
                hit_height=n(bottom - top),
                show_value=i in shown,
                value_x=n(_within(center, texts[i])),
                value_y=n(value_y),
                value_anchor="middle",
                show_label=(len(values) - 1 - i) % every == 0,
                label_x=n(_within(center, label)),
                label_y=n(bottom + FONT + 5),
                label_anchor="middle",
                latest=i == latest,
            )
        )
    segments: list[str] = []
    if line:
        run: list[str] = []
        for mark in [*marks, None]:
            if mark is not None and mark.has_value:
                run.append(f"{mark.x},{mark.y}")
                continue
            if len(run) > 1:
                segments.append(" ".join(run))
            run = []
    return Chart(
        kind=kind,
        width=WIDTH,
        height=HEIGHT,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        ticks=[
            Tick(at=n(y(t)), text=text, text_x=n(left - GAP), text_y=n(y(t) + FONT / 3))
            for t, text in zip(tick_values, ticks_texts, strict=True)
        ],
        marks=marks,
        segments=segments,
        limit=None
        if limit is None
        else Limit(at=n(y(limit)), text=limit_text, text_x=n(left + 4), text_y=n(y(limit) - 4)),
        latest=None if latest is None else marks[latest],
        extreme=None if extreme is None else marks[extreme],
    )


def columns(
    values: Sequence[float | None],
    labels: Sequence[str],
    *,
    value_text: Callable[[float | None], str],
    tick_text: Callable[[float], str] = whole_number,
    steps: Sequence[float] = HOURS_STEPS,
    limit: float | None = None,
    limit_text: str = "",
) -> Chart:
    """Vertical bars; None keeps its slot and draws nothing. With a `limit`, the axis goes
    at least one step above it, so its line and label sit inside the plot."""
    present = [v for v in values if v is not None and math.isfinite(v)]
    ticks = nice_ticks(max([*present, limit or 0.0, 0.0]), steps=steps)
    if limit is not None and ticks[-1] <= limit:
        ticks.append(ticks[-1] + ticks[1])
    return _vertical(
        "columns",
        values,
        labels,
        value_text=value_text,
        tick_values=ticks,
        tick_text=tick_text,
        worst_is_high=True,
        limit=limit,
        limit_text=limit_text,
    )


def line(
    values: Sequence[float | None],
    labels: Sequence[str],
    *,
    value_text: Callable[[float | None], str] = format_percent,
    tick_text: Callable[[float], str] = format_percent,
    tick_values: Sequence[float] = PERCENT_TICKS,
) -> Chart:
    """A line of rates (0 to the last tick), broken where there is no data."""
    return _vertical(
        "line",
        values,
        labels,
        value_text=value_text,
        tick_values=tick_values,
        tick_text=tick_text,
        worst_is_high=False,
    )


def rows(
    values: Sequence[int],
    labels: Sequence[str],
    *,
    value_text: Callable[[float], str] = whole_number,
    danger: Sequence[int] = (),
) -> Chart:
    """Horizontal bars, one per category, each with its label above it and its value after
    it: a long label in any language has the whole width."""
    ticks_values = nice_ticks(max([*values, 0]), whole=True)
    texts = [value_text(v) for v in values]
    left = 2.0
    right = WIDTH - max([text_width(t) for t in texts], default=0) - GAP - 4
    right = min(right, WIDTH - text_width(whole_number(ticks_values[-1])) / 2 - 2)
    top = float(FONT + 10)
    bottom = top + len(values) * ROW + 4
    highest = ticks_values[-1]

    def x(value: float) -> float:
        return left + (right - left) * min(max(value, 0), highest) / highest

    marks = []
    for i, (value, label) in enumerate(zip(values, labels, strict=True)):
        row_top = top + i * ROW
        bar_y = row_top + FONT + 8
        marks.append(
            Mark(
                label=label,
                value=texts[i],
                has_value=True,
                x=n(left),
                y=n(bar_y),
                width=n(x(value) - left),
                height=n(BAR),
                hit_x=n(left),
                hit_y=n(row_top),
                hit_width=n(right - left),
                hit_height=n(ROW),
                show_value=True,
                value_x=n(x(value) + GAP),
                value_y=n(bar_y + BAR - 2),
                value_anchor="start",
                show_label=True,
                label_x=n(left + GAP),
                label_y=n(row_top + FONT + 3),
                label_anchor="start",
                latest=False,
                danger=i in danger and value > 0,
            )
        )
    height = int(bottom + BOTTOM)
    return Chart(
        kind="rows",
        width=WIDTH,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        ticks=[
            Tick(
                at=n(x(t)),
                text=whole_number(t),
                text_x=n(_within(x(t), whole_number(t))),
                text_y=n(bottom + FONT + 5),
                anchor="middle",
            )
            for t in ticks_values
        ],
        marks=marks,
        segments=[],
        limit=None,
        latest=None,
        extreme=None,
    )


# The Performance page's three charts --------------------------------------------------------


def _day(point: TrendPoint) -> str:
    return format_day(timezone.localtime(point.until).date())


def answer_times(trend: Sequence[TrendPoint]) -> Chart:
    """The median answer time (business hours) of each period, against the 24-hour rule."""
    return columns(
        [point.stats.median_hours for point in trend],
        [_day(point) for point in trend],
        value_text=format_hours,
        limit=DEFAULT_HOURS,
        limit_text=whole_hours(DEFAULT_HOURS),
    )


def on_time_rates(trend: Sequence[TrendPoint]) -> Chart:
    """The on-time rate of each period (none below the minimum sample, as on the tile)."""
    return line([point.stats.on_time_rate for point in trend], [_day(point) for point in trend])


def time_left(due: Sequence[tuple[str, int]]) -> Chart:
    """The open messages by time left; the overdue ones in red."""
    return rows([count for _label, count in due], [label for label, _count in due], danger=(0,))
