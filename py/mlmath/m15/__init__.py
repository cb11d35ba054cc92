"""Module 15, attention: its widgets and the code its lessons import."""
