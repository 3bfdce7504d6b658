"""The message scanner: finds attempts to leave the platform (contact details, other
channels, payment outside, marketing) in what buyers and sellers write. Pure: it reads
nothing but `settings.PLATFORM_DOMAIN` and its own files (the lexicons, the model, and the
gates its import keeps in `__pycache__` for the next process: `gates.save_cache`).

The public entry is `scan(text, *, language=None) -> list[Finding]` (PRODUCT.md). What the
findings do (hold, mask, flag) is the moderation's business: `helpdesk.moderation`.

The modules: `engine` (scan, the order of the detectors), `normalise`, `gates` (what each
pattern needs, to skip what cannot match), the detectors `iban`, `emails`, `links`, `phone`,
`phone_words`, `keywords`, `disguise`, and `lexicon`, which reads the words of every language
from `lexicons/*.toml`; `intent`, the learned model that weighs the detectors' findings and
reads what they cannot point at, and `training`, which fits it
(`manage.py train_scanner_model`).
"""

from helpdesk.scanner.engine import KINDS, Finding, detect, detect_spans, scan
from helpdesk.scanner.gates import save_cache

save_cache()  # every table is built: the next process reads their gates back (gates.py)

__all__ = ["KINDS", "Finding", "detect", "detect_spans", "scan"]
