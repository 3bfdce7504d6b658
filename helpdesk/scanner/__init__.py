"""The message scanner: finds attempts to leave the platform (contact details, other
channels, payment outside, marketing) in what buyers and sellers write. Pure: it reads
nothing but `settings.PLATFORM_DOMAIN`.

The public entry is `scan(text, *, language=None) -> list[Finding]` (PRODUCT.md). What the
findings do (hold, mask, flag) is the moderation's business: `helpdesk.moderation`.
"""

from helpdesk.scanner.rules import KINDS, Finding, scan

__all__ = ["KINDS", "Finding", "scan"]
