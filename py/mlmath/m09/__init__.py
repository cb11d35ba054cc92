"""Module 9, information theory basics: its widgets and the code its lessons import."""
