"""The Briefing Builder desktop editor (PySide6).

Thin on purpose: widgets show the ``briefing.model.Briefing`` held by
``ui.document.BriefingDocument`` and change it only through undo commands
(``ui.commands``).  Heavy core modules (extraction, rendering) are imported lazily
inside workers so the window appears fast.
"""
