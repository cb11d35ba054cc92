"""Module 2, algebra I and II: its widgets and the code its lessons import."""
