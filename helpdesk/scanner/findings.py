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
        self.soft: set[tuple[str, int, int]] = set()
        self.firm: set[tuple[str, int, int]] = set()
        self.claimed: list[tuple[int, int]] = []
        self.soft_findings: set[tuple[str, int, int]] = set()

    def overlaps_claim(self, start: int, end: int) -> bool:
        return any(start < c_end and c_start < end for c_start, c_end in self.claimed)

    def add(
        self, kind: str, start: int, end: int, *, claim: bool = False, soft: bool = False
    ) -> None:
        """``soft``: words of the lexicons (an app's name, a payment or marketing phrase) that
        a refusal or a mention may explain, so the intent model may drop them; an address, a
        number, a link, a handle or a disguised name is firm; a span found both ways is firm."""
        item = (kind, start, end)
        self.items.append(item)
        if not soft:
            self.firm.add(item)
            self.soft.discard(item)
        elif item not in self.firm:
            self.soft.add(item)
        if claim:
            self.claimed.append((start, end))

    def has_near(self, kind: str, start: int, end: int, distance: int) -> bool:
        """Whether a finding of ``kind`` lies within ``distance`` characters of the span."""
        return any(
            k == kind and s < end + distance and start - distance < e for k, s, e in self.items
        )

    def is_soft(self, item: tuple[str, int, int]) -> bool:
        return item in self.soft

    def make_firm(self, item: tuple[str, int, int]) -> None:
        """A soft finding that its context confirms ("whatsapp moi au 06…"): firm from now."""
        self.firm.add(item)
        self.soft.discard(item)

    def claim(self, start: int, end: int) -> None:
        """Mark a span as read without a finding (the platform's own address): no other
        detector may report part of it."""
        self.claimed.append((start, end))

    def findings(self) -> list[Finding]:
        merged: dict[str, list[list[int]]] = {}
        for kind, start, end in sorted(self.items, key=lambda item: (item[1], item[2])):
            spans = merged.setdefault(kind, [])
            soft = int((kind, start, end) in self.soft)
            if spans and start < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
                spans[-1][2] &= soft  # soft only if every part is
            else:
                spans.append([start, end, soft])
        result = []
        self.soft_findings = set()
        for kind, spans in merged.items():
            for start, end, soft in spans:
                o_start, o_end = self.norm.span(start, end)
                result.append(
                    Finding(kind, o_start, o_end, excerpt(self.norm.original[o_start:o_end]))
                )
                if soft:
                    self.soft_findings.add((kind, o_start, o_end))
        return sorted(result, key=lambda f: (f.start, f.end, KINDS.index(f.kind)))


def excerpt(span: str) -> str:
    compact = " ".join(span.split())
    if len(compact) <= EXCERPT_LENGTH:
        return compact
    return compact[: EXCERPT_LENGTH - 1] + "…"
