"""The number e two ways, for m04-l04 and its widgets: compounding (1 + 1/n)ⁿ and the
series 1/0! + 1/1! + 1/2! + ..., and how many decimals an estimate shares with e."""

import math


def compounding(n):
    """(1 + 1/n)ⁿ: one unit grown by 100% a year, compounded n times."""
    return (1 + 1 / n) ** n


def series(terms):
    """The first `terms` terms of 1/0! + 1/1! + 1/2! + ..., added left to right."""
    total, term = 0.0, 1.0
    for k in range(terms):
        total += term
        term /= k + 1
    return total


def correct_digits(x, cap=15):
    """The largest d (0 to cap) with |x − e| < 10⁻ᵈ: how many decimals x gets right."""
    err = abs(x - math.e)
    d = 0
    while d < cap and err < 10.0 ** -(d + 1):
        d += 1
    return d if err < 1 else 0
