"""Briefing Builder core: article in, sourced briefing out.

This package never imports Qt; the desktop editor lives in ``ui/`` and calls in here.
"""

__version__ = "0.1.0"
