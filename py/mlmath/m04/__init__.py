"""Module 4, pre-calculus (the limit intuition): its widgets and the code its lessons import."""
