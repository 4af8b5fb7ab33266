"""``python -m ui [FILE]``: start the editor, optionally opening an article or briefing."""

from __future__ import annotations

import sys

from ui.app import main

if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(sys.argv[:1], path=args[0] if args else None))
