"""Module 5, derivatives and the chain rule: its widgets and the code its lessons import."""
