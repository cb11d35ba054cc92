"""Module 6, multivariable calculus: its widgets and the code its lessons import."""
