"""linear_stack_grid: without a ReLU the stack equals W₂W₁ at every point (gap 0 for any
weights); the lesson's inverse makes W₂W₁ the identity; with a ReLU the stack departs
from W₂W₁ exactly where a hidden value is negative; the column tips move by drag and keys."""

import random

from mlmath import widgets
from mlmath.widgets.plane import apply


def make(**config):
    return widgets.create("linear_stack_grid", config)


def test_without_a_relu_the_stack_is_the_product_for_any_weights():
    rng = random.Random(5)
    w = make()
    for _ in range(20):
        w.set_values({f"w{m}_{i}{j}": rng.choice([k / 4 for k in range(-8, 9)])
                      for m in (1, 2) for i in (1, 2) for j in (1, 2)})
        assert w.values()["gap"] < 1e-12


def test_the_lessons_inverse_gives_the_identity():
    w = make(W1=[[2, 1], [0, 1]], W2=[[1, 0], [0, 1]])
    w.set_values({"w2_11": 0.5, "w2_12": -0.5})
    v = w.values()
    assert (v["p11"], v["p12"], v["p21"], v["p22"]) == (1, 0, 0, 1)


def test_a_relu_bends_only_where_a_hidden_value_is_negative():
    w = make(relu=True)
    v = w.values()
    assert v["probe_gap"] == 0 and v["gap"] > 1           # (1, 1) has hidden (3, 1); elsewhere it bends
    w.set_values({"w1_21": -2})
    assert w.values()["probe_gap"] == 1.0                # hidden (3, -1): the ReLU zeroes the second
    for x in [(0.5, 2), (2, 1), (3, 3)]:
        h = apply(w.W(1), x)
        if min(h) >= 0:
            assert w.stack(x) == apply(w.W(2), h)


def test_handles_move_the_columns():
    w = make()
    plane = w.planes[1]
    w.handle({"type": "drag", "handle": "j2", "x": plane.x(-0.5), "y": plane.y(1)})
    assert (w.values()["w2_12"], w.values()["w2_22"]) == (-0.5, 1.0)
    w.handle({"type": "key", "handle": "i1", "key": "ArrowUp"})
    assert w.values()["w1_21"] == 0.25
    w.handle({"type": "input", "id": "relu", "value": None})
    assert w.values()["relu"] == 1
