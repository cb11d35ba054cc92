"""The shared option checks of widgets/base.py: what passes is returned unchanged, what
fails says which widget, which option, what it accepts and what it got."""

import math

import pytest

from mlmath.widgets.base import flag, number, one_of, whole


def test_values_that_pass_come_back_unchanged():
    assert one_of("w", "dk", 4, (1, 4, 16)) == 4
    assert flag("w", "chips", False) is False
    assert whole("w", "seed", 0, 0, 10) == 0 and isinstance(whole("w", "seed", 10, 0, 10), int)
    assert number("w", "x", 3, -5, 5) == 3 and isinstance(number("w", "x", 3), int)
    assert number("w", "x", -2.5) == -2.5


@pytest.mark.parametrize("call, says", [
    (lambda: one_of("w", "dk", 5, (1, 4)), "w: dk must be one of [1, 4], not 5"),
    (lambda: one_of("w", "dk", True, (1, 4)), "w: dk must be one of [1, 4], not True"),
    (lambda: flag("w", "chips", "yes"), "w: chips must be true or false, not 'yes'"),
    (lambda: whole("w", "n", 2.0, 0, 9), "w: n must be a whole number from 0 to 9, not 2.0"),
    (lambda: whole("w", "n", False, 0, 9), "w: n must be a whole number from 0 to 9, not False"),
    (lambda: whole("w", "n", 10, 0, 9), "w: n must be a whole number from 0 to 9, not 10"),
    (lambda: number("w", "x", 6, -5, 5), "w: x must be a number from -5 to 5, not 6"),
    (lambda: number("w", "x", 0.5, 1.5, 2), "w: x must be a number from 1.5 to 2, not 0.5"),
    (lambda: number("w", "x", math.nan), "w: x must be a finite number, not nan"),
    (lambda: number("w", "x", "1"), "w: x must be a finite number, not '1'"),
])
def test_failures_say_what_was_wanted(call, says):
    with pytest.raises(ValueError) as e:
        call()
    assert str(e.value) == says
