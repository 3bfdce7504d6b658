"""What the scanner returns, and how the detectors hand their findings in.

Findings are sorted by start; overlapping findings of the same kind are merged.  A detector
that reads a span first may claim it, so that a less specific detector does not report part
of it again (an address's domain is no second, link finding).
"""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.scanner.normalise import Normalised

KINDS = ("email", "phone", "url", "social", "payment", "marketing")
EXCERPT_LENGTH = 60


@dataclass(frozen=True)
class Finding:
    """One forbidden element; ``text[start:end]`` of the scanned text is the span found."""

    kind: str
    start: int
    end: int
    excerpt: str


class Collector:
    """Accumulates findings in normalised offsets and remembers which spans are claimed."""

    def __init__(self, norm: Normalised) -> None:
        self.norm = norm
        self.items: list[tuple[str, int, int]] = []
        self.claimed: list[tuple[int, int]] = []

    def overlaps_claim(self, start: int, end: int) -> bool:
        return any(start < c_end and c_start < end for c_start, c_end in self.claimed)

    def add(self, kind: str, start: int, end: int, *, claim: bool = False) -> None:
        self.items.append((kind, start, end))
        if claim:
            self.claimed.append((start, end))

    def claim(self, start: int, end: int) -> None:
        """Mark a span as read without a finding (the platform's own address): no other
        detector may report part of it."""
        self.claimed.append((start, end))

    def findings(self) -> list[Finding]:
        merged: dict[str, list[list[int]]] = {}
        for kind, start, end in sorted(self.items, key=lambda item: (item[1], item[2])):
            spans = merged.setdefault(kind, [])
            if spans and start < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
        result = []
        for kind, spans in merged.items():
            for start, end in spans:
                o_start, o_end = self.norm.span(start, end)
                result.append(
                    Finding(kind, o_start, o_end, excerpt(self.norm.original[o_start:o_end]))
                )
        return sorted(result, key=lambda f: (f.start, f.end, KINDS.index(f.kind)))


def excerpt(span: str) -> str:
    compact = " ".join(span.split())
    if len(compact) <= EXCERPT_LENGTH:
        return compact
    return compact[: EXCERPT_LENGTH - 1] + "…"
