"""Module 8, probability and statistics: its widgets and the code its lessons import."""
