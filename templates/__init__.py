"""Built-in briefing templates, one folder each (shipped as package data)."""
