"""Module 14, sequence models: its widgets and the code its lessons import."""
