"""Long division, exactly, in whole numbers: the digits of a/b in any base, and where they repeat.

Lesson m01-l03's widgets (fraction_point, long_division) spell fractions with it, and its
tests check the numbers the lesson states against it.

    divide(1, 7, 10, 8)    # Division(whole=0, digits=[1, 4, 2, 8, 5, 7, 1, 4], remainders=[1, 3, 2, 6, 4, 5, 1, 3, 2])
    spell(1, 6)            # ('0.1', '6'): the digits before the repeat, and the block that repeats
    decimal(3, 8)          # '0.375'      decimal(1, 3) -> '0.333333…'
"""

from collections import namedtuple

from ..show import MINUS

Division = namedtuple("Division", "whole digits remainders")


def divide(a, b, base=10, steps=10):
    """a/b for whole a >= 0, b >= 1: the whole part, then `steps` digits after the point, and the
    remainder before each digit (one more remainder than digits: the last is what comes next)."""
    whole, r = divmod(a, b)
    digits, remainders = [], [r]
    for _ in range(steps):
        d, r = divmod(r * base, b)
        digits.append(d)
        remainders.append(r)
    return Division(whole, digits, remainders)


def spell(a, b, base=10):
    """(whole and the digits before the repeat, the repeating block) for a/b >= 0; the block is ''
    when the digits end. A remainder can only be 0 .. b-1, so one repeats within b steps."""
    whole, r = divmod(a, b)
    seen, digits = {}, []
    while r and r not in seen:
        seen[r] = len(digits)
        d, r = divmod(r * base, b)
        digits.append(str(d))
    k = seen[r] if r else len(digits)
    pre, block = "".join(digits[:k]), "".join(digits[k:])
    return str(whole) + ("." + pre if digits else ""), block


def cycle(a, b, base=10):
    """How many digits repeat in a/b (0 when the digits end)."""
    return len(spell(a, b, base)[1])


def decimal(a, b, width=12):
    """a/b as a decimal: exact when it ends, else its repeating block written out to about `width`
    digits after the point and then '…'. Negative fractions get a real minus sign."""
    sign = MINUS if a * b < 0 else ""
    head, block = spell(abs(a), abs(b))
    if not block:
        return sign + head
    after = len(head.split(".")[1]) if "." in head else 0
    repeats = max(1, -(-(width - after) // len(block)))
    return sign + head + (block * repeats)[:max(width - after, 1)] + "…"
