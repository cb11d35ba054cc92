"""Module 16, the transformer block: its widgets and the code its lessons import."""
