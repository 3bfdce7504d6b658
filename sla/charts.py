"""Tiny server-rendered SVG charts: geometry here, markup in templates/sla/_bars.html and
_line.html. Coordinates leave as plain strings: a float reaching a template would be
localised ("34,5" in French) and break the SVG."""

from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT, PAD = 400, 190, 34


def n(value: float) -> str:
    """A coordinate for SVG, never localised."""
    return f"{value:.1f}"


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    right: str
    center: str
    height: str
    filled: bool
    label: str
    value: str


def bars(
    values: list[float | None], labels: list[str], *, unit: str = "", top: float | None = None
) -> dict[str, Any]:
    """Bars scaled to the largest value (or `top`); None draws nothing but keeps its slot."""
    top = top or max((v for v in values if v is not None), default=0) or 1
    slot = (WIDTH - PAD) / max(len(values), 1)
    items = []
    for i, (value, label) in enumerate(zip(values, labels, strict=True)):
        height = 0 if value is None else (HEIGHT - PAD) * min(value, top) / top
        x = PAD + i * slot + slot * 0.15
        items.append(
            Bar(
                x=n(x),
                y=n(HEIGHT - PAD - height),
                width=n(slot * 0.7),
                right=n(x + slot * 0.7),
                center=n(x + slot * 0.35),
                height=n(height),
                filled=height > 0,
                label=label,
                value="—"
                if value is None
                else f"{value:.1f}{unit}"
                if isinstance(value, float)
                else f"{value}{unit}",
            )
        )
    return {
        "bars": items,
        "top": top,
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "base": HEIGHT - PAD,
        "unit": unit,
    }


def line(values: list[float | None], labels: list[str], *, top: float = 1.0) -> dict[str, Any]:
    """A polyline of rates (0..top); gaps where there is no data."""
    slot = (WIDTH - PAD) / max(len(values), 1)
    points = []
    for i, value in enumerate(values):
        if value is not None:
            x = PAD + i * slot + slot / 2
            y = HEIGHT - PAD - (HEIGHT - PAD) * value / top
            points.append((n(x), n(y), f"{value:.0%}", labels[i]))
    return {
        "points": points,
        "polyline": " ".join(f"{x},{y}" for x, y, _, _ in points),
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "base": HEIGHT - PAD,
        "labels": [(n(PAD + i * slot + slot / 2), label) for i, label in enumerate(labels)],
    }
