"""The course's one parser for arithmetic a learner types: "tanh(w*x + b)", "x**2 + 3*x".

    f = parse("x**2 + 3*x")
    f.evaluate({"x": 2.0})          # 10.0
    g = f.function("x")             # a callable: g(2.0) == 10.0, ready for Plot.curve
    f.names()                       # ["x"]

The text becomes a small tree of Expr nodes: a number, a named variable, or an
operation ("+", "-", "*", "/", "**", "neg" or a function's name) with its arguments.
Widgets draw computation graphs by walking that tree, and evaluate it on anything
that has Python's arithmetic: floats, or a micrograd-style Value, whose graph is then
built as a side effect (pass its own `functions`, say {"tanh": Value.tanh}).

Python's `ast` reads the text, but only a whitelist of its nodes is accepted, and
nothing is ever handed to eval: a learner's text can compute numbers and nothing else.
Every refusal is an ExprError whose message is one line written for the learner.
"""

import ast
import math
import operator
import re

from .show import MINUS, num

FUNCTIONS = {
    "tanh": math.tanh, "exp": math.exp, "log": math.log, "sqrt": math.sqrt, "sin": math.sin, "cos": math.cos,
    "relu": lambda x: max(x, 0.0), "sigmoid": lambda x: 0.5 * (1.0 + math.tanh(x / 2)),   # tanh: never overflows
}
BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
APPLY = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "**": operator.pow,
         "neg": operator.neg}
SHOWN = {"+": "+", "-": MINUS, "*": "\u00d7", "/": "/", "**": "**", "neg": f"{MINUS} in front of a name"}
# What a learner may type for an operator: the signs lessons print, and ^ for a power.
TYPED = str.maketrans({"\u00d7": "*", "\u00b7": "*", MINUS: "-", "^": "**"})
HINTS = {"-": "write a \u2212 b as a + -1*b", "neg": "write \u2212x as -1*x", "**": "write x\u00b2 as x*x"}
LONGEST = 200     # characters: keeps the tree shallow enough to walk recursively


class ExprError(ValueError):
    """Text that is not an expression the caller accepts; the message is for the learner."""


class Expr:
    """One node of a parsed expression: op is "num" (value holds the number), "var" (name
    holds the name) or an operation, whose inputs are `args`."""

    __slots__ = ("op", "args", "value", "name")

    def __init__(self, op, args=(), value=None, name=None):
        self.op, self.args, self.value, self.name = op, tuple(args), value, name

    def __repr__(self):
        if self.op == "num":
            return f"Expr(num {self.value!r})"
        if self.op == "var":
            return f"Expr(var {self.name!r})"
        return f"Expr({self.op} {', '.join(map(repr, self.args))})"

    def names(self):
        """The variables, each once, in the order they first appear."""
        if self.op == "var":
            return [self.name]
        found = []
        for a in self.args:
            found += [n for n in a.names() if n not in found]
        return found

    def evaluate(self, env, functions=None):
        """The value with variables taken from env; numbers stay floats and operations use
        Python's operators, so env may hold Value objects that build a graph as they go.
        A float result with no real value (log of a negative, 1/0) raises ExprError."""
        if self.op == "num":
            return self.value
        if self.op == "var":
            if self.name not in env:
                raise ExprError(f"{self.name} has no value")
            return env[self.name]
        args = [a.evaluate(env, functions) for a in self.args]
        fn = APPLY.get(self.op) or (functions or FUNCTIONS)[self.op]
        try:
            out = fn(*args)
        except (ArithmeticError, ValueError):
            out = None
        if out is None or isinstance(out, complex):
            where = ", ".join(num(a, 4) if isinstance(a, (int, float)) else "?" for a in args)
            raise ExprError(f"{SHOWN.get(self.op, self.op)} has no value at {where}")
        return out

    def function(self, *names):
        """A Python callable of the named variables, in that order: parse("x*y").function("x", "y")."""
        missing = [n for n in self.names() if n not in names]
        if missing:
            raise ExprError(f"{', '.join(missing)} has no value; only {', '.join(names) or 'no names'} can vary")
        return lambda *xs: self.evaluate(dict(zip(names, xs)))


def parse(text, ops=None):
    """Text -> Expr. `ops` limits the operations (e.g. {"+", "*", "tanh"}); None allows all."""
    source = _clean(text)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise ExprError(_syntax(source)) from None
    return _convert(tree.body, source, ops)


def parse_statements(text, ops=None):
    """Statements like "n = w*x + b; L = tanh(n)" (split by ; or new lines) ->
    [(name, Expr)], name None for a bare expression."""
    out = []
    for part in re.split(r"[;\n]", text if isinstance(text, str) else ""):
        if not part.strip():
            continue
        source = _clean(part)
        try:
            stmt = ast.parse(source).body[0]
        except SyntaxError:
            raise ExprError(_syntax(source)) from None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            out.append((stmt.targets[0].id, _convert(stmt.value, source, ops)))
        elif isinstance(stmt, ast.Expr):
            out.append((None, _convert(stmt.value, source, ops)))
        else:
            raise ExprError(f"write each statement as name = expression, not {source!r}")
    if not out:
        raise ExprError("type an expression, like a*b + c")
    return out


def _clean(text):
    if not isinstance(text, str) or not text.strip():
        raise ExprError("type an expression, like a*b + c")
    if len(text) > LONGEST:
        raise ExprError(f"keep it under {LONGEST} characters")
    return text.translate(TYPED).strip()


def _syntax(source):
    m = re.search(r"(?<![\w.])(\d+\.?\d*)\s*([A-Za-z_(])", source)
    if m:
        return f"write {m.group(1)}*{m.group(2)} for {m.group(1)} times {m.group(2)}"
    return "that isn't a complete expression yet (check for a missing name, number or bracket)"


def _refuse(op, ops):
    hint = HINTS.get(op) if {"+", "*"} <= set(ops) else None
    allowed = ", ".join(SHOWN.get(o, o) for o in [*APPLY, *FUNCTIONS] if o in ops)
    return ExprError(f"{SHOWN.get(op, op)} isn't one of the operations here ({allowed})"
                     + (f": {hint}" if hint else ""))


def _convert(node, source, ops):
    """An ast expression -> Expr, accepting only the whitelisted kinds of node."""
    def check(op):
        if ops is not None and op not in ops:
            raise _refuse(op, ops)

    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        if not math.isfinite(node.value):
            raise ExprError("that number is too big")
        return Expr("num", value=float(node.value))
    if isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise ExprError(f"{node.id} is a function: give it an input, like {node.id}(x)")
        return Expr("var", name=node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _convert(node.operand, source, ops)
        if isinstance(node.op, ast.UAdd):
            return inner
        if inner.op == "num":                    # -3 is a number, not an operation on 3
            return Expr("num", value=-inner.value)
        check("neg")
        return Expr("neg", [inner])
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        op = BINARY[type(node.op)]
        check(op)
        return Expr(op, [_convert(node.left, source, ops), _convert(node.right, source, ops)])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS:
        check(node.func.id)
        if len(node.args) != 1 or node.keywords:
            raise ExprError(f"{node.func.id} takes exactly one input, like {node.func.id}(x)")
        return Expr(node.func.id, [_convert(node.args[0], source, ops)])
    if isinstance(node, ast.Call):
        name = ast.get_source_segment(source, node.func)
        known = ", ".join(f for f in FUNCTIONS if ops is None or f in ops)
        raise ExprError(f"{name}() isn't a function here" + (f"; these are: {known}" if known else ""))
    raise ExprError(f"can't use {ast.get_source_segment(source, node)!r}: write numbers, names, operations "
                    f"and brackets")
