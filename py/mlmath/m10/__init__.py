"""Module 10, optimization: its widgets and the code its lessons import."""
