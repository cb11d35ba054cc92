"""The numbers lesson m09-l03 states: one-hot cross-entropy is -ln q[right], the 0.1-nat
threshold, the stable softmax's example, the gradient p - y (and the quiz's value), and the
squared-error gradient that vanishes when the model is badly wrong."""

import math

from mlmath import widgets
from mlmath.numeric import softmax


def test_one_hot_cross_entropy_is_the_nll_of_the_right_class():
    w = widgets.create("pq_compare", {"labels": ["e", "a", "i", "o"], "p": [1, 0, 0, 0], "q": [1, 1, 1, 1],
                                      "unit": "nats", "fixed_p": True})
    assert math.isclose(w.values()["CE"], math.log(4))
    for rest in ([0.03, 0.03, 0.03], [0.09, 0.0, 0.0]):          # how the rest is spread changes nothing
        w.set_values({"q0": 0.91, "q1": rest[0], "q2": rest[1], "q3": rest[2]})
        assert math.isclose(w.values()["CE"], -math.log(0.91)) and w.values()["CE"] < 0.1
    assert round(math.exp(-0.1), 3) == 0.905


def test_stable_softmax_example():
    assert [round(v, 3) for v in softmax([1000, 999])] == [0.731, 0.269] == [round(v, 3) for v in softmax([1, 0])]


def test_gradient_is_p_minus_y():
    z, t, h = [1.0, 2.0, 0.0, -1.0], 0, 1e-5
    loss = lambda v: -math.log(softmax(v)[t])
    p = softmax(z)
    for i in range(4):
        up, down = list(z), list(z)
        up[i] += h
        down[i] -= h
        assert abs((loss(up) - loss(down)) / (2 * h) - (p[i] - (i == t))) < 1e-8
    assert 0.2 - 1 == -0.8                                         # the quiz: p2 - y2


def test_squared_error_gradient_vanishes_when_badly_wrong():
    def sq(z, t=0):
        return (softmax(z)[t] - 1) ** 2
    for z in ([0.0, 1.0, 2.0], [-3.0, 2.0, 2.0]):
        p = softmax(z)[0]
        h = 1e-6
        numeric = (sq([z[0] + h, *z[1:]]) - sq([z[0] - h, *z[1:]])) / (2 * h)
        assert math.isclose(numeric, -2 * p * (1 - p) ** 2, rel_tol=1e-5)
    assert abs(-2 * softmax([-3.0, 2.0, 2.0])[0] * (1 - softmax([-3.0, 2.0, 2.0])[0]) ** 2) < 0.01


def test_the_push_goal_starts_unmet():
    w = widgets.create("softmax_ce", {"labels": ["e", "a", "i", "o"], "logits": [1.0, 2.0, 0.0, -1.0], "target": "e"})
    assert w.values()["loss"] > 1
    w.set_values({"z0": 4.0, "z1": 1.0})
    assert w.values()["loss"] < 0.1
