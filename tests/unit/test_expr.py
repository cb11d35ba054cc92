"""The course's one expression parser: what it accepts, what it builds, how it refuses."""

import math

import pytest

from mlmath.expr import ExprError, parse, parse_statements


class Value:
    """Just enough of a micrograd Value to show evaluate() builds a graph from its arithmetic."""

    def __init__(self, data, prev=(), op=""):
        self.data, self._prev, self._op = data, prev, op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), "+")

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), "*")

    __radd__, __rmul__ = __add__, __mul__

    def tanh(self):
        return Value(math.tanh(self.data), (self,), "tanh")


@pytest.mark.parametrize("text, env, want", [
    ("x**2 + 3*x", {"x": 2}, 10),
    ("x^2 + 3\u00d7x", {"x": 2}, 10),                # what a lesson prints, and ^ for a power
    ("-x + (a - b) / 4", {"x": 1, "a": 9, "b": 1}, 1),
    ("-2 * -x", {"x": 3}, 6),
    ("tanh(w*x + b)", {"w": 1.5, "x": 1, "b": -1}, math.tanh(0.5)),
    ("sigmoid(z) + relu(-z) + relu(z)", {"z": 2}, 1 / (1 + math.exp(-2)) + 2),
    ("exp(log(y)) + sqrt(y) + sin(0) + cos(0)", {"y": 4}, 4 + 2 + 0 + 1),
])
def test_evaluates_arithmetic_and_functions(text, env, want):
    assert parse(text).evaluate(env) == pytest.approx(want)


def test_the_tree_holds_numbers_names_and_operations():
    e = parse("w*x + -3")
    assert e.op == "+" and [a.op for a in e.args] == ["*", "num"]
    assert e.args[1].value == -3.0                       # a minus on a number makes a number
    assert [a.name for a in e.args[0].args] == ["w", "x"]
    assert parse("b*a + a").names() == ["b", "a"]
    assert parse("-x").op == "neg" and parse("+x").op == "var"


def test_function_makes_a_callable_of_named_variables():
    f = parse("x**2 + 3*x").function("x")
    assert [f(x) for x in (0, 1, 2)] == [0, 4, 10]
    assert parse("a*t").function("t", "a")(2, 5) == 10
    with pytest.raises(ExprError, match="a has no value"):
        parse("a*t").function("t")


def test_evaluating_on_values_builds_their_graph():
    out = parse("tanh(w*x + 1)").evaluate({"w": Value(2.0), "x": Value(0.5)}, {"tanh": Value.tanh})
    assert out._op == "tanh" and out._prev[0]._op == "+"
    assert out.data == pytest.approx(math.tanh(2.0))


@pytest.mark.parametrize("text, words", [
    ("log(x)", "log has no value at \u22121"),
    ("1/(x+1)", "/ has no value at 1, 0"),
    ("x**0.5", "\\*\\* has no value"),                      # a complex root is not a value
    ("sqrt(x)", "sqrt has no value"),
])
def test_no_value_is_an_error_with_the_numbers(text, words):
    with pytest.raises(ExprError, match=words):
        parse(text).evaluate({"x": -1.0})


def test_unknown_names_have_no_value():
    with pytest.raises(ExprError, match="y has no value"):
        parse("x + y").evaluate({"x": 1})


@pytest.mark.parametrize("text, words", [
    ("", "type an expression"),
    ("a*", "isn't a complete expression"),
    ("3x + 1", "write 3\\*x for 3 times x"),
    ("__import__('os')", "isn't a function here"),
    ("x.real", "can't use 'x.real'"),
    ("x if y else z", "can't use"),
    ("[x]", "can't use"),
    ("x < 1", "can't use"),
    ("'text'", "can't use"),
    ("True", "can't use"),
    ("max(x, y)", "isn't a function here"),
    ("tanh(x, y)", "tanh takes exactly one input"),
    ("tanh", "tanh is a function"),
    ("1e999", "too big"),
    ("x" + "+x" * 150, "under 200 characters"),
])
def test_anything_else_is_refused_in_one_line(text, words):
    with pytest.raises(ExprError, match=words) as err:
        parse(text)
    assert "\n" not in str(err.value)


def test_ops_limits_the_operations_and_hints_at_a_rewrite():
    graph = {"+", "*", "tanh"}
    assert parse("tanh(a*b + -1*c)", ops=graph).op == "tanh"
    for text, words in [("a - b", "\u2212 isn't one of the operations here \\(\\+, \u00d7, tanh\\): write a \u2212 b"),
                        ("x**2", "write x\u00b2 as x\\*x"), ("-x", "write \u2212x as -1\\*x"),
                        ("a/b", "/ isn't one"), ("exp(a)", "exp isn't one")]:
        with pytest.raises(ExprError, match=words):
            parse(text, ops=graph)


def test_statements_name_their_results():
    got = parse_statements("n = w*x + b; L = tanh(n)\nw*x")
    assert [name for name, _ in got] == ["n", "L", None]
    assert got[1][1].op == "tanh" and got[1][1].args[0].name == "n"
    for text, words in [("n == 1", "can't use"), ("a, b = 1, 2", "write each statement"), (" ; ", "type an")]:
        with pytest.raises(ExprError, match=words):
            parse_statements(text)
