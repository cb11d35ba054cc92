"""mlmath.show: the one way numbers and characters are written in widgets."""

from mlmath.show import char, commas, fixed, num, sci


def test_fixed_and_num():
    assert fixed(-1.5) == "\u22121.50" and fixed(-0.004) == "0.00" and fixed(2, 0) == "2"
    assert num(2.50) == "2.5" and num(-3.0) == "\u22123" and num(-0.001) == "0" and num(1234.5, 0) == "1234"
    assert num(0.125, 3) == "0.125" and num(7, 0) == "7"


def test_commas_sci_char():
    assert commas(1234567) == "1,234,567"
    assert sci(0.000123) == "1.2\u00d710\u207b\u2074" and sci(-2.5e7) == "\u22122.5\u00d710\u2077"
    assert sci(0.5) == "0.500" and sci(0) == "0" and sci(9.96e-5) == "1.0\u00d710\u207b\u2074"
    assert sci(5e-324) == "4.9\u00d710\u207b\u00b3\u00b2\u2074"   # the smallest float: no power of ten underflows
    assert [char(c) for c in " \na"] == ["\u2423", "\u21b5", "a"]

