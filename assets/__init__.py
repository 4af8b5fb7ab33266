"""Data shipped with the app: fonts, icons, the sample article."""
