import math

import pytest

from lesson_kernel import run_lesson
from mlmath.widgets import create
from mlmath.m16 import l02_stack as m
from mlmath.m16.ln_depth_gradients import PLOT

NAME = "ln_depth_gradients"


def test_bad_depth_rejected():
    with pytest.raises(ValueError):
        create(NAME, {"depth": 0})
    with pytest.raises(ValueError):
        create(NAME, {"depth": 25})


def test_backward_matches_finite_differences():
    """The hand-written backward is the true gradient, for both wirings."""
    blocks, head = m.init_weights(3, 5)
    xs, ys = m.make_data(2)
    for wiring in ("pre", "post"):
        loss, grads = m.batch_gradients(blocks, head, xs, ys, wiring)
        for l, k, i, j in ((0, 0, 3, 2), (1, 1, 5, 7), (2, 0, 15, 1), (2, 1, 0, 0)):
            M = blocks[l][k]
            old, h = M[i][j], 1e-6
            M[i][j] = old + h
            up = m.batch_gradients(blocks, head, xs, ys, wiring)[0]
            M[i][j] = old - h
            down = m.batch_gradients(blocks, head, xs, ys, wiring)[0]
            M[i][j] = old
            num = (up - down) / (2 * h)
            assert abs(grads[2 * l + k][i][j] - num) < 1e-6 * max(1, abs(num)), (wiring, l, k, i, j)


def test_per_example_norms_match_the_full_gradients():
    blocks, head = m.init_weights(5, 0)
    xs, ys = m.make_data(3)
    for wiring in ("pre", "post"):
        for x, y in zip(xs, ys):
            _, grads, _, _ = m.backward(blocks, head, x, y, wiring)
            full = [math.sqrt(sum(v * v for M in gw for row in M for v in row)) for gw in grads]
            fast = m.example_grad_norms(blocks, head, x, y, wiring)
            assert all(abs(a - b) < 1e-9 for a, b in zip(full, fast))


def test_depth_one_both_wirings_similar_and_ratio_one():
    v = create(NAME, {"depth": 1}).values()
    assert v["pre_ratio"] == 1 and v["post_ratio"] == 1


def test_events_move_depth():
    w = create(NAME, {"depth": 2})
    w.handle({"type": "input", "id": "L", "value": "12"})
    assert w.L == 12
    w.handle({"type": "key", "handle": "L", "key": "ArrowRight"})
    assert w.L == 13
    w.handle({"type": "key", "handle": "L", "key": "PageDown"})
    assert w.L == 8
    left, _, right, _ = PLOT.box
    w.handle({"type": "drag", "handle": "L", "x": right + 50, "y": 0})
    assert w.L == m.MAX_DEPTH
    w.handle({"type": "drag", "handle": "L", "x": left, "y": 0})
    assert w.L == 1
    w.handle({"type": "input", "id": "L", "value": "oops"})
    assert w.L == 1


def test_the_goal_starts_unmet_and_depth_is_set_as_L():
    assert not create(NAME, {"depth": 2, "goal": {"text": "t", "check": "post_ratio < 0.1", "solution": {"L": 24}}}).goal_met()
    w = create(NAME)
    assert [s["handle"] for s in w.shapes() if "handle" in s] == ["L"]
    with pytest.raises(KeyError):
        w.set_values({"depth": 3})


def test_prose_claims_about_the_profile():
    """What m16-l02 says about the first widget, at every depth it offers."""
    v = {L: create(NAME, {"depth": L}).values() for L in range(1, m.MAX_DEPTH + 1)}
    # pre-LN: layer 1 gets at least as much as layer L, at every depth
    assert all(x["pre_ratio"] >= 1 - 1e-12 for x in v.values())
    # post-LN's fade is not steady: a twentieth at 17, a third at 19, a thirtieth at 22, about a third at 12
    assert round(v[17]["post_ratio"], 3) == 0.055 and round(v[19]["post_ratio"], 2) == 0.34
    assert round(v[22]["post_ratio"], 3) == 0.032 and 0.3 < v[12]["post_ratio"] < 0.36
    assert v[18]["post_ratio"] > v[17]["post_ratio"] and v[19]["post_ratio"] > v[18]["post_ratio"]
    # "from 8 layers up, post-LN's layer 1 gets less than its layer L" (at 7 it gets more)
    assert all(v[L]["post_ratio"] < 1 for L in range(8, m.MAX_DEPTH + 1)) and v[7]["post_ratio"] > 1
    # the goal (below a tenth) is not met at the start (depth 2); 17, 22 and 24 meet it
    assert v[2]["post_ratio"] >= 0.1 and all(v[L]["post_ratio"] < 0.1 for L in (17, 22, 24))
    # post-LN's top layer gets more than pre-LN's at every depth from 2 to 24: 1.4 to 6.7 times
    top = [v[L]["post_last"] / v[L]["pre_last"] for L in range(2, m.MAX_DEPTH + 1)]
    assert round(min(top), 1) == 1.4 and round(max(top), 1) == 6.7


def test_depth_knob_keeps_keyboard_focus():
    """The knob is the same handle, at the same index, flagged to keep focus, at every depth."""
    w = create(NAME, {"depth": 1})
    places = set()
    for _ in range(m.MAX_DEPTH):
        shapes = w.shapes()
        places |= {(i, s["t"], s.get("focus")) for i, s in enumerate(shapes) if s.get("handle") == "L"}
        w.handle({"type": "key", "handle": "L", "key": "ArrowRight"})
    assert len(places) == 1 and next(iter(places))[2] is True


def test_lesson_cells_print_what_the_prose_says():
    _, printed, _ = run_lesson("m16-l02")
    rows = printed["cell-2"].strip().splitlines()
    assert len(rows) == 6 and all(r.endswith("1.00") for r in rows)   # post-LN stream stays at std 1
    pre = [float(r.split()[7]) for r in rows]
    assert pre == sorted(pre) and pre[-1] > pre[0]                    # pre-LN stream grows
    # the Going deeper cell: the stream gradient, printed as x_24, x_16, x_8, x_0
    lines = printed["cell-3"].strip().splitlines()
    nums = {ln.split()[0]: [float(t) for t in ln.split() if t[0].isdigit()] for ln in lines}
    pre, post = nums["pre-LN"], nums["post-LN"]
    assert pre[3] > pre[0], "pre-LN's stream gradient ends up larger at the input than at the top"
    assert post[3] < post[0] / 10, "post-LN's ends up at a small fraction of where it started"
    xs, ys = m.make_data(8)
    for wiring, got in (("pre", pre), ("post", post)):
        blocks, head = m.init_weights(24, 0)
        st = m.backward(blocks, head, xs[0], ys[0], wiring)[3]
        assert [round(st[i], 4) for i in (24, 16, 8, 0)] == got
    # branch shares: post-LN near 1 at every depth, pre-LN falling as you stack
    shares = [[float(t) for t in ln.split()[3::2]] for ln in printed["cell-4"].strip().splitlines()]
    assert [round(p, 2) for p, q in shares] == [0.92, 0.60, 0.46, 0.37]
    assert all(0.85 < q < 1.05 for p, q in shares)


def test_branch_shares_in_training():
    """The 12-layer run at 0.03: post-LN's mean share 0.98 at step 1, 1.71 at step 38 (where its
    loss turned), past 2 after the jump; below 1.25 at 0.01; pre-LN near 0.5."""
    def shares(wiring, lr, steps):
        seen = {}
        m.train(12, wiring, lr, 0, steps, probe=lambda t, b: seen.__setitem__(t, sum(m.branch_shares(b, wiring)) / 12))
        return seen
    post = shares("post", 0.03, 48)
    assert round(post[1], 2) == 0.98 and round(post[38], 2) == 1.71 and post[48] > 2
    assert max(shares("post", 0.01, 48).values()) < 1.25
    assert all(0.4 < v < 0.55 for v in shares("pre", 0.03, 48).values())
