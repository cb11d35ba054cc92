"""Module 13, training dynamics and modern tricks: its widgets and the code its lessons import."""
