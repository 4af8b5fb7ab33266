"""Which handling marking is the stricter: so that nothing lowers a briefing's marking silently.

TLP 2.0 labels are ordered CLEAR < GREEN < AMBER < AMBER+STRICT < RED.  Classification lines
are free text; their level is read from the strongest classification word they contain
(UNCLASSIFIED < FOR OFFICIAL USE ONLY / CUI < RESTRICTED < CONFIDENTIAL < SECRET < TOP SECRET).
Two markings from different schemes, or a line with no known word, cannot be compared: changing
between them counts as lowering, so the user is asked.
"""

from __future__ import annotations

import re

from .model import TLP_LABELS, normalise_marking

_CLASSIFICATION_WORDS: tuple[tuple[str, int], ...] = (
    (r"\bTOP[ -]SECRET\b", 6),
    (r"(?<!TOP )(?<!TOP-)\bSECRET\b", 5),
    (r"\bCONFIDENTIAL\b", 4),
    (r"\bRESTRICTED\b", 3),
    (r"\b(?:FOR OFFICIAL USE ONLY|FOUO|CUI|OFFICIAL[- ]SENSITIVE|SENSITIVE BUT UNCLASSIFIED|SBU)\b", 2),
    (r"\bOFFICIAL\b", 1),
    (r"\bUNCLASSIFIED\b", 0),
)


def marking_level(marking: str) -> tuple[str, int] | None:
    """("tlp", 0–4) or ("classification", 0–6), or None for a line we cannot rank."""
    marking = normalise_marking(marking)
    if marking in TLP_LABELS:
        return "tlp", TLP_LABELS.index(marking)
    upper = marking.upper()
    levels = [level for pattern, level in _CLASSIFICATION_WORDS if re.search(pattern, upper)]
    return ("classification", max(levels)) if levels else None


def lowers(current: str, proposed: str) -> bool:
    """Would replacing ``current`` by ``proposed`` lower (or change incomparably) the marking?"""
    if normalise_marking(current) == normalise_marking(proposed):
        return False
    a, b = marking_level(current), marking_level(proposed)
    if a is None or b is None or a[0] != b[0]:
        return True
    return b[1] < a[1]
