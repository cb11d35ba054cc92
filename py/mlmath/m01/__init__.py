"""Module 1, pre-algebra refresh: its widgets and the code its lessons import."""
