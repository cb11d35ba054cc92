"""Module 3, trigonometry (compact): its widgets and the code its lessons import."""
