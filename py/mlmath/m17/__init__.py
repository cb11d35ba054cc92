"""Module 17, training a language model: its widgets and the code its lessons import."""
