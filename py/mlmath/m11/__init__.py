"""Module 11, neural network fundamentals: its widgets and the code its lessons import."""
