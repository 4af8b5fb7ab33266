from __future__ import annotations


def extract_forces(doc, source):
    return []
