"""Equations in one unknown x, for lesson m01-l05 and its widgets (equation_undo, balance_sides).

    left, right = equation("3 * (x + 4) - 5 = 16")
    undo(left, right)        # (x + 4) * 3 = 21, as (left, right, what was done to both sides)
    infix(left)              # '3 × (x + 4) − 5'
    place(tree, box)         # where each node of a tree is drawn: [(node, x, y, parent index)]

Trees are mlmath.expr's Expr nodes: "num", "var" (the name x), or "+", "-", "*", "/".
"""

from ..expr import Expr, ExprError, parse
from ..show import MINUS, num

OPS = {"+", "-", "*", "/"}
SIGN = {"+": "+", "-": MINUS, "*": "×", "/": "÷"}
LEVEL = {"+": 1, "-": 1, "*": 2, "/": 2}
UNDO = {"+": "-", "-": "+", "*": "/", "/": "*"}


def typed(text):
    return str(text).replace("÷", "/").replace("×", "*").replace(MINUS, "-")


def side(text, where):
    try:
        tree = parse(typed(text), ops=OPS)
    except ExprError as exc:
        raise ExprError(f"the {where} side: {exc}") from None
    stray = [n for n in tree.names() if n != "x"]
    if stray:
        raise ExprError(f"the only letter allowed is x, not {stray[0]}")
    return tree


def equation(text, x_once=True):
    """'left = right' -> (left, right) as Expr trees. With x_once, x must appear exactly once,
    on the left, and the right side must be numbers only: the shape undoing needs."""
    text = typed(text)
    if text.count("=") != 1:
        raise ExprError("write one equation with one = sign, like 2*x + 3 = 11")
    a, b = text.split("=")
    left, right = side(a, "left"), side(b, "right")
    if x_once:
        if count_x(left) != 1:
            raise ExprError("put x exactly once on the left side")
        if right.names():
            raise ExprError("keep x off the right side: numbers only there")
    return left, right


def count_x(e):
    if e.op == "var":
        return 1
    return sum(count_x(a) for a in e.args)


def value(e, x=None):
    """The number a tree stands for (with x given); None where it has none (÷ 0)."""
    if e.op == "num":
        return e.value
    if e.op == "var":
        return x
    a, b = (value(k, x) for k in e.args)
    if a is None or b is None or (e.op == "/" and b == 0):
        return None
    return {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else None}[e.op]


def infix(e, outer=0, right_side=False):
    """A tree as text with only the brackets it needs."""
    if e.op == "num":
        return num(e.value, 4)
    if e.op == "var":
        return e.name
    a, b = e.args
    level = LEVEL[e.op]
    text = f"{infix(a, level)} {SIGN[e.op]} {infix(b, level, True)}"
    if level < outer or (right_side and level == outer):
        return f"({text})"
    return text


def undo(left, right):
    """Undo the outermost operation of the left side on both sides: (left, right, words).
    x in the left input: x + b = r becomes x = r − b. x in the right input of − or ÷:
    a − x = r becomes x = a − r, and a ÷ x = r becomes x = a ÷ r."""
    if left.op == "var":
        raise ExprError("x already stands alone")
    op, (a, b) = left.op, left.args
    if count_x(a):
        n = b
        new_right = Expr(UNDO[op], [right, n])
        words = {"+": f"subtract {infix(n)} from both sides", "-": f"add {infix(n)} to both sides",
                 "*": f"divide both sides by {infix(n)}", "/": f"multiply both sides by {infix(n)}"}[op]
        return a, new_right, words
    n = a
    if op in "+*":          # a + x and a × x: the same undo, the order does not matter
        new_right = Expr(UNDO[op], [right, n])
        words = (f"subtract {infix(n)} from both sides" if op == "+" else f"divide both sides by {infix(n)}")
        return b, new_right, words
    if op == "-":           # a − □ = r  ->  □ = a − r
        return b, Expr("-", [n, right]), f"subtract both sides from {infix(n)}"
    return b, Expr("/", [n, right]), f"divide {infix(n)} by both sides"


def place(tree, left, right, top, bottom):
    """[(node, x, y, parent)] for a tree drawn in the box: leaves spread in reading order, every
    operation above the middle of its inputs, rows no more than 52 apart."""
    rows, order = [], []

    def walk(e, depth, parent):
        i = len(order)
        order.append([e, None, depth, parent])
        kids = [walk(k, depth + 1, i) for k in e.args]
        if not kids:
            rows.append(i)
        return i

    walk(tree, 0, None)
    deepest = max(o[2] for o in order) or 1
    dy = min(52, (bottom - top) / deepest)
    slot = (right - left) / len(rows)
    for i in reversed(range(len(order))):
        e = order[i][0]
        if not e.args:
            order[i][1] = left + (rows.index(i) + 0.5) * slot
        else:
            kids = [j for j in range(len(order)) if order[j][3] == i]
            order[i][1] = sum(order[j][1] for j in kids) / len(kids)
    return [(e, x, top + d * dy, p) for e, x, d, p in order]
