"""Module 10's exercise checks, tried as a learner would: correct solutions written another way
pass, and the wrong ones the review found (a formula instead of an experiment, sampling without
replacement, swapped parts, a crash instead of feedback) fail with a message that names them."""

import pytest

from lesson_kernel import attempt


def test_find_threshold_must_experiment():
    scan = '''
def find_threshold(grad):
    lr = 0.0
    while True:
        lr += 0.001
        x = 1.0
        for _ in range(100):
            x -= lr * grad(x)
        if abs(x) > 1:
            return lr
'''
    assert attempt("m10-l01", "edge", scan) is None
    said = attempt("m10-l01", "edge", "def find_threshold(grad):\n    return 2 / grad(1.0)\n")
    assert said and "lopsided" in said and "0.625" in said


def test_gradient_descent_returning_the_last_x_is_told_so():
    code = '''
def gradient_descent(grad, x0, lr, steps):
    x = x0
    for _ in range(steps):
        x -= lr * grad(x)
    return x
'''
    assert "not just the last one" in attempt("m10-l01", "gd", code)


@pytest.mark.parametrize("body, words", [
    ("return db, dw", "swapped"),
    ("return -dw, -db", "wrong sign"),
    ("return dw * len(batch) / 100, db * len(batch) / 100", "divided by 100"),
])
def test_minibatch_grad_mistakes_are_named(body, words):
    code = f'''
def minibatch_grad(w, b, batch):
    rs = [w * x + b - y for x, y in batch]
    dw = sum(2 * r * x for r, (x, y) in zip(rs, batch)) / len(batch)
    db = sum(2 * r for r in rs) / len(batch)
    {body}
'''
    assert words in attempt("m10-l02", "minibatch", code)


def test_grad_variance_must_sample_with_replacement_and_measure():
    stats = '''
import random, statistics
def grad_variance(B, trials):
    return statistics.pvariance([minibatch_grad(0.0, 0.0, random.{draw})[0] for _ in range(trials)])
'''
    assert attempt("m10-l02", "variance", stats.format(draw="choices(data, k=B)")) is None
    assert "without replacement" in attempt("m10-l02", "variance", stats.format(draw="sample(data, B)"))
    formula = '''
def grad_variance(B, trials):
    g = [2 * (0 - y) * x for x, y in data]
    m = sum(g) / len(g)
    return sum((v - m) ** 2 for v in g) / len(g) / B
'''
    assert "the formula, not a measurement" in attempt("m10-l02", "variance", formula)


def test_momentum_with_lr_folded_in_and_overflow_are_named():
    folded = '''
def momentum_step(x, v, g, lr, beta):
    nv = [beta * a + lr * b for a, b in zip(v, g)]
    return [a - b for a, b in zip(x, nv)], nv
'''
    assert "folded in" in attempt("m10-l03", "step", folded)
    powered = '''
def f(p):
    return 0.05 * p[0] ** 2 + 5 * p[1] ** 2

def grad(p):
    return [0.1 * p[0], 10 * p[1]]

def steps_to_tol(lr, beta, tol):
    p, v = [-8.0, 1.0], [0.0, 0.0]
    for k in range(10001):
        if f(p) < tol:
            return k
        p, v = momentum_step(p, v, grad(p), lr, beta)
    return None
'''
    assert "OverflowError" in attempt("m10-l03", "count", powered)


@pytest.mark.parametrize("ret, words", [
    ("theta - lr * mh / (math.sqrt(vh) + eps), mh, vh", "m_hat and v_hat"),
    ("theta + lr * mh / (math.sqrt(vh) + eps), m, v", "climb"),
    ("theta - lr * mh / (math.sqrt(vh) + eps), v, m", "ValueError"),
])
def test_adam_step_mistakes_are_named(ret, words):
    code = f'''
import math
def adam_step(theta, g, m, v, t, lr=0.001, b1=0.9, b2=0.999, eps=1e-8):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    mh, vh = m / (1 - b1 ** t), v / (1 - b2 ** t)
    return {ret}
'''
    assert words in attempt("m10-l04", "adam", code)


def test_clipping_and_schedule_mistakes_are_named():
    no_guard = '''
import math
def clip_by_global_norm(grads, max_norm):
    norm = math.sqrt(sum(g * g for t in grads for g in t))
    s = min(1.0, max_norm / norm)
    return [[g * s for g in t] for t in grads], norm
'''
    assert "divided by zero" in attempt("m10-l05", "clip-norm", no_guard)
    no_floor = '''
import math
def lr_at(it, steps=3000):
    if it < 100:
        return 1e-3 * (it + 1) / 101
    return 0.5 * (1 + math.cos(math.pi * (it - 100) / (steps - 100))) * 1e-3
'''
    assert "just above the floor" in attempt("m10-l05", "lr-at", no_floor)
