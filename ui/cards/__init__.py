"""Card editors: one table per item list, plus Situation and Details forms."""
