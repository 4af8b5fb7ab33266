from __future__ import annotations

from ..model import Situation


def extract_situation(doc, source):
    return Situation()
