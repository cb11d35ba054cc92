"""Module 7, linear algebra: its widgets and the code its lessons import."""
