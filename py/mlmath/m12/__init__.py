"""Module 12, backpropagation from scratch: its widgets and the code its lessons import."""
