"""The residual_delta_trace widget: one token through a pre-LN block, its arithmetic (checked
against an independent re-implementation), events, goals, learner functions, the exercises'
checks, and the numbers lesson m16-l01 states."""

import asyncio
import json
import math
from pathlib import Path

import pytest

from lesson_kernel import lesson_part, lesson_widget, run_lesson
from scene_checks import readout
from mlbuild.lesson import parse_lesson
from mlmath import widgets
from mlmath.gpt.model import Config, param_table
from mlmath.runner import run_cell, run_check
from mlmath.m16.l01_block import block, make_model
from mlmath.m16.residual_delta_trace import FOCUS

ROOT = Path(__file__).resolve().parents[3]
LESSON = ROOT / "site" / "lessons" / "m16-l01.md"


NAME = "residual_delta_trace"


# An independent block, written with plain loops, to check the widget's arithmetic -----------

def ref_forward(X, P, focus):
    d = len(X[0])

    def ln(v):
        mu = 0.0
        for a in v:
            mu += a
        mu /= len(v)
        var = 0.0
        for a in v:
            var += (a - mu) ** 2
        var /= len(v)
        return [(a - mu) / math.sqrt(var + 1e-5) for a in v]

    def mv(W, v):
        out = []
        for row in W:
            s = 0.0
            for j in range(len(v)):
                s += row[j] * v[j]
            out.append(s)
        return out

    n = [ln(r) for r in X]
    q = mv(P["Wq"], n[focus])
    scores = [sum(a * b for a, b in zip(q, mv(P["Wk"], n[j]))) / math.sqrt(d) for j in range(focus + 1)]
    z = sum(math.exp(s) for s in scores)
    w = [math.exp(s) / z for s in scores]
    vals = [mv(P["Wv"], n[j]) for j in range(focus + 1)]
    mix = [sum(w[j] * vals[j][i] for j in range(focus + 1)) for i in range(d)]
    da = mv(P["Wo"], mix)
    h = [a + b for a, b in zip(X[focus], da)]
    u = mv(P["W1"], ln(h))
    g = [0.5 * a * (1 + math.erf(a / math.sqrt(2))) for a in u]
    dm = mv(P["W2"], g)
    return w, da, dm, [a + b for a, b in zip(h, dm)]


# Registration and options -----------------------------------------------------------------

def test_rejects_bad_option_values():
    for bad in ({"stage": 7}, {"stage": -1}, {"stage": True}, {"stage": 2.5}, {"gains": 1}, {"contrast": "yes"}):
        with pytest.raises(ValueError):
            widgets.create(NAME, bad)


def test_model_shapes_and_the_default_stages():
    P = make_model()
    assert len(P["X"]) == 4 and all(len(r) == 4 for r in P["X"])
    assert len(P["W1"]) == 16 and len(P["W1"][0]) == 4 and len(P["W2"]) == 4 and len(P["W2"][0]) == 16
    assert widgets.create(NAME).stage == 0 and widgets.create(NAME, {"gains": True}).stage == 6 and widgets.create(NAME, {"contrast": True}).stage == 6


# Arithmetic ----------------------------------------------------------------------------------

@pytest.mark.parametrize("xs", [None, [0.5, -2.0, 1.0, 0.25], [3.0, 3.0, -3.0, 0.0]])
def test_trace_matches_an_independent_implementation(xs):
    w = widgets.create(NAME, {"stage": 6})
    if xs:
        w.set_values({f"x{i + 1}": v for i, v in enumerate(xs)})
    tr = w.trace()
    weights, da, dm, out = ref_forward(w.stream(), w.P, FOCUS)
    assert tr["w"] == pytest.approx(weights, abs=1e-12)
    assert tr["da"] == pytest.approx(da, abs=1e-12)
    assert tr["dm"] == pytest.approx(dm, abs=1e-12)
    assert tr["out"] == pytest.approx(out, abs=1e-12)
    assert block(w.stream(), w.P)[FOCUS] == pytest.approx(out, abs=1e-12)
    assert sum(weights) == pytest.approx(1)


def test_out_is_x_plus_both_deltas_and_the_readouts_say_so():
    w = widgets.create(NAME, {"stage": 6})
    v = w.values()
    for i in range(1, 5):
        assert v[f"out{i}"] == pytest.approx(v[f"x{i}"] + v[f"da{i}"] + v[f"dm{i}"], abs=1e-12)
    assert readout(w, "out \u2212 x") == readout(w, "\u0394attn + \u0394mlp")


def test_gains_scale_the_writes_and_zero_gains_make_the_identity():
    w = widgets.create(NAME, {"gains": True})
    assert w.values()["gap"] > 0.5
    w.set_values({"ga": 0, "gm": 0})
    assert w.values()["gap"] == 0 and w.goal_met() is False      # no goal on a bare widget
    w.set_values({"ga": 1, "gm": 0})
    v = w.values()
    assert [v[f"out{i}"] - v[f"x{i}"] for i in range(1, 5)] == pytest.approx([v[f"da{i}"] for i in range(1, 5)])
    half = widgets.create(NAME, {"gains": True})
    half.set_values({"ga": 0.5})
    full = widgets.create(NAME, {"gains": True})
    assert half.values()["da1"] == pytest.approx(0.5 * full.values()["da1"])


def test_a_shift_of_x_passes_through_with_residual_wiring_and_is_lost_without():
    w = widgets.create(NAME, {"contrast": True})
    base = w.trace()
    w.set_values({"shift": 1.5})
    tr = w.trace()
    assert [o - b for o, b in zip(tr["out"], base["out"])] == pytest.approx([1.5] * 4, abs=1e-9)
    assert tr["da"] == pytest.approx(base["da"], abs=1e-9) and tr["dm"] == pytest.approx(base["dm"], abs=1e-9)
    assert readout(w, "out moved by (against c = 0)") == "[1.50, 1.50, 1.50, 1.50]"
    w.set_values({"residual": 0})
    assert w.values()["moved"] < 1e-9
    w.set_values({"shift": 0})
    replaced = w.trace()
    assert replaced["out"] == pytest.approx(replaced["dm"]) and replaced["h"] == pytest.approx(replaced["da"])


# Events ----------------------------------------------------------------------------------------

def test_buttons_step_back_show_all_and_reset():
    w = widgets.create(NAME)
    for want in (1, 2, 3):
        w.handle({"type": "input", "id": "step", "value": None})
        assert w.stage == want
    w.handle({"type": "input", "id": "back", "value": None})
    assert w.stage == 2
    w.handle({"type": "input", "id": "all", "value": None})
    assert w.stage == 6
    w.handle({"type": "input", "id": "step", "value": None})
    assert w.stage == 6
    w.handle({"type": "drag", "handle": "x1", "x": 0, "y": w.ZERO_Y - 2 * w.SCALE})
    assert w.x[0] == 2
    w.handle({"type": "input", "id": "reset", "value": None})
    assert w.stage == 0 and w.x == make_model()["X"][FOCUS]


def test_drag_and_keys_move_one_component_and_clamp():
    w = widgets.create(NAME)
    w.handle({"type": "drag", "handle": "x2", "x": 0, "y": w.ZERO_Y - 1.23 * w.SCALE})
    assert w.x[1] == 1.25                                   # snapped to 0.05
    w.handle({"type": "drag", "handle": "x2", "x": 0, "y": 5000})
    assert w.x[1] == -3
    w.handle({"type": "key", "handle": "x2", "key": "ArrowUp"})
    assert w.x[1] == pytest.approx(-2.9)
    w.handle({"type": "key", "handle": "x2", "key": "PageUp"})
    assert w.x[1] == pytest.approx(-2.4)
    w.handle({"type": "key", "handle": "x2", "key": "Enter"})
    assert w.x[1] == pytest.approx(-2.4)
    before = list(w.x)
    w.handle({"type": "drag", "handle": "x9", "x": 0, "y": 0})
    w.handle({"type": "drag", "handle": "stage", "x": 0, "y": 0})
    assert w.x == before


def test_drag_with_a_shift_puts_the_knob_where_the_pointer_is():
    w = widgets.create(NAME, {"contrast": True})
    w.set_values({"shift": 1.0})
    w.handle({"type": "drag", "handle": "x1", "x": 0, "y": w.ZERO_Y - 2 * w.SCALE})
    assert w.stream()[FOCUS][0] == pytest.approx(2.0)


def test_sliders_and_wiring_only_work_where_shown():
    plain = widgets.create(NAME)
    plain.handle({"type": "input", "id": "ga", "value": 0})
    plain.handle({"type": "input", "id": "residual", "value": None})
    assert plain.ga == 1 and plain.residual
    g = widgets.create(NAME, {"gains": True})
    g.handle({"type": "input", "id": "ga", "value": 0.37})
    assert g.ga == 0.35
    g.handle({"type": "input", "id": "gm", "value": 9})
    assert g.gm == 1.5
    c = widgets.create(NAME, {"contrast": True})
    c.handle({"type": "input", "id": "residual", "value": None})
    assert not c.residual
    c.handle({"type": "input", "id": "shift", "value": -7})
    assert c.shift == -2
    assert {ct["id"] for ct in c.controls()} >= {"residual", "shift", "step", "reset"}
    assert not {"ga", "gm"} & {ct["id"] for ct in c.controls()}


def test_set_values_rejects_unknown_and_computed_names():
    with pytest.raises(KeyError):
        widgets.create(NAME).set_values({"x5": 1})
    with pytest.raises(ValueError, match="computed"):
        widgets.create(NAME).set_values({"out1": 1})


# Scene ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("config", [{}, {"draggable": False}])
def test_the_handles_are_the_components_of_x_unless_fixed(config):
    handles = [s for s in widgets.create(NAME, config).shapes() if "handle" in s]
    if config.get("draggable", True):
        assert [h["handle"] for h in handles] == ["x1", "x2", "x3", "x4"]
        assert all(h["label"].startswith("component") and h["value"] for h in handles)
    else:
        assert handles == []


def test_hidden_columns_show_a_question_mark_and_adds_draw_the_delta_on_the_old_bar():
    w = widgets.create(NAME, {"stage": 2})
    assert sum(1 for s in w.shapes() if s["t"] == "text" and s["s"] == "?") == 4
    w.set_values({"stage": 3})
    tr = w.trace()
    orange = [s for s in w.shapes() if s["t"] == "rect" and s.get("cls") == "accent2"
              and s["x"] == w._bar_x(3, 0)]
    assert len(orange) == 1
    lo, hi = sorted((w._y(tr["x"][0]), w._y(tr["x"][0] + tr["da"][0])))
    assert orange[0]["y"] == lo and orange[0]["h"] == pytest.approx(hi - lo, abs=0.2)


# The learner's function -----------------------------------------------------------------------

def test_learner_block_is_graded():
    w = widgets.create(NAME, {"stage": 6})
    w.use(lambda xs: block(xs, make_model()))
    assert readout(w, "your <lambda>(X)[3]").endswith("\u2713")

    def block_no_residual(xs):
        return [[0.0] * 4 for _ in xs]

    w.use(block_no_residual)
    assert "\u2717" in readout(w, "your block_no_residual(X)[3]")
    w.use(lambda xs: 1 / 0)
    assert "ZeroDivisionError" in w.readouts()[-1]["value"]
    w.use(lambda xs: [[1.0]] * 4)
    assert "has 1 numbers" in w.readouts()[-1]["value"]
    w.use(None)
    assert not any(r["label"].startswith("your") for r in w.readouts())
    with pytest.raises(TypeError):
        w.use(3)
    json.dumps(w.scene())


# The lesson -----------------------------------------------------------------------------------

def test_lesson_goals_start_unmet_and_reject_near_misses():
    for wid in ("trace", "gains", "contrast"):
        assert not lesson_widget("m16-l01", wid).goal_met()
    near = [("trace", {"stage": 5}), ("gains", {"ga": 0}), ("gains", {"gm": 0}), ("gains", {"ga": 0.05, "gm": 0}),
            ("contrast", {"residual": 0, "shift": 0.9}), ("contrast", {"shift": 1.5}),
            ("contrast", {"residual": 0, "shift": 0})]
    for wid, values in near:
        w = lesson_widget("m16-l01", wid)
        w.set_values(values)
        assert not w.goal_met(), (wid, values)


def test_the_lesson_cell_draws_the_same_model_as_the_widget():
    kernel, printed, scenes = run_lesson("m16-l01")
    ns = kernel.namespace
    P = make_model()
    first = printed["cell-1"].splitlines()
    assert first[0].endswith("[-0.53, -1.37,  1.30, -0.78]") and P["X"][FOCUS] == [-0.53, -1.37, 1.3, -0.78]
    tr = widgets.create(NAME, {"stage": 6}).trace()
    assert first[3].endswith("[ 0.86,  0.41,  0.17, -0.38]")
    assert [round(v, 2) for v in tr["da"]] == [0.86, 0.41, 0.17, -0.38]
    for name in ("X", "Wq", "Wk", "Wv", "Wo", "W1", "W2"):
        assert ns[name] == P[name], name


def test_what_the_lesson_cells_print():
    kernel, printed, scenes = run_lesson("m16-l01")
    two = printed["cell-2"].splitlines()
    before, after = two[0].split("before ")[1].split("  after ")
    assert before == after                        # the MLP is position-wise
    b, a = two[1].split("before ")[1].split("  after ")
    assert b != a                                 # attention is not
    assert printed["cell-3"].strip() == "block(X)[3] = [ 0.20, -0.59,  1.49, -0.74]"
    assert printed["cell-4"].count("equals d_attn + d_mlp: True") == 4
    five = printed["cell-5"].splitlines()
    assert five[0].split(":")[1].strip() == five[1].split(":")[1].strip() and five[2].endswith("True")
    trace = scenes["trace"]
    assert {"label": "your block(X)[3]", "value": "[0.20, \u22120.59, 1.49, \u22120.74] \u2713"} in trace["readouts"]


def test_numbers_stated_in_the_prose():
    text = LESSON.read_text()
    w = widgets.create(NAME, {"stage": 6})
    tr = w.trace()
    r2 = lambda v: [round(a, 2) for a in v]  # noqa: E731
    assert r2(tr["x"]) == [-0.53, -1.37, 1.30, -0.78]
    assert r2(tr["w"]) == [0.26, 0.08, 0.20, 0.45]
    assert r2(tr["da"]) == [0.86, 0.41, 0.17, -0.38]
    assert r2(tr["dm"]) == [-0.12, 0.37, 0.02, 0.43]
    assert r2(tr["out"]) == [0.20, -0.59, 1.49, -0.74]
    assert r2([o - x for o, x in zip(tr["out"], tr["x"])]) == [0.73, 0.78, 0.19, 0.04]
    for s in ("$x = (-0.53, -1.37, 1.30, -0.78)$", "weights $0.26, 0.08, 0.20, 0.45$",
              "(0.86, 0.41, 0.17, -0.38)", "(-0.12, 0.37, 0.02, 0.43)", "(0.20, -0.59, 1.49, -0.74)",
              "(0.73, 0.78, 0.19, 0.04)"):
        assert s in text, s
    # the shift quiz: out - x does not change under a shift, in residual wiring
    c = widgets.create(NAME, {"contrast": True})
    before = [o - x for o, x in zip(c.trace()["out"], c.trace()["x"])]
    c.set_values({"shift": -1.2})
    after = [o - x for o, x in zip(c.trace()["out"], c.trace()["x"])]
    quiz = next(p for p in parse_lesson(LESSON).parts("quiz") if p.id == "shift-delta")
    assert max(abs(a - b) for a, b in zip(after, before)) <= quiz.data["tolerance"] and quiz.data["answer"] == 0
    # the capstone's shape, its init for the residual projections, and its accumulating writes
    full = Config()
    assert full.n_embd == 64 and full.block_size == 64
    L = full.n_layer
    init = {p.name: p.init for p in param_table(full)}
    for i in range(L):
        for name in (f"transformer.h.{i}.attn.c_proj.weight", f"transformer.h.{i}.mlp.c_proj.weight"):
            assert init[name] == pytest.approx(0.02 / math.sqrt(2 * L))
        assert init[f"transformer.h.{i}.mlp.c_fc.weight"] == 0.02
    engine = (ROOT / "py" / "mlmath" / "gpt" / "engine.py").read_text()
    for proj in ("attn.c_proj", "mlp.c_proj"):
        line = next(ln for ln in engine.splitlines() if f'"{proj}"' in ln and "self.linear(" in ln)
        assert "ACC" in line, line
    assert "0.02/\\sqrt{2L}" in text


# The exercises' checks ------------------------------------------------------------------------

def _namespace_after_parts():
    ns = {"__name__": "__main__"}
    cell = next(p for p in parse_lesson(LESSON).parts("python"))
    assert asyncio.run(run_cell(cell.body, ns)).ok
    return ns


BLOCK_WRONG = {
    "replaced, not added": '''
def block(xs):
    da = attention([layer_norm(x) for x in xs])
    return [mlp(layer_norm(r)) for r in da]
''',
    "post-LN": '''
def block(xs):
    da = attention([layer_norm(x) for x in xs])
    h = [layer_norm([a + b for a, b in zip(x, dx)]) for x, dx in zip(xs, da)]
    return [layer_norm([a + b for a, b in zip(r, mlp(r))]) for r in h]
''',
    "should read the stream after attention": '''
def block(xs):
    da = attention([layer_norm(x) for x in xs])
    h = [[a + b for a, b in zip(x, dx)] for x, dx in zip(xs, da)]
    return [[a + b for a, b in zip(r, mlp(layer_norm(x)))] for r, x in zip(h, xs)]
''',
    "MLP's output is a delta too": '''
def block(xs):
    da = attention([layer_norm(x) for x in xs])
    h = [[a + b for a, b in zip(x, dx)] for x, dx in zip(xs, da)]
    return [mlp(layer_norm(r)) for r in h]
''',
    "MLP ran before attention": '''
def block(xs):
    m = [[a + b for a, b in zip(x, mlp(layer_norm(x)))] for x in xs]
    da = attention([layer_norm(r) for r in m])
    return [[a + b for a, b in zip(r, dr)] for r, dr in zip(m, da)]
''',
    "raw stream": '''
def block(xs):
    da = attention(xs)
    h = [[a + b for a, b in zip(x, dx)] for x, dx in zip(xs, da)]
    return [[a + b for a, b in zip(r, mlp(r))] for r in h]
''',
    "returned None": '''
def block(xs):
    pass
''',
}


@pytest.mark.parametrize("words", list(BLOCK_WRONG))
def test_block_check_names_the_mistake(words):
    ns = _namespace_after_parts()
    assert asyncio.run(run_cell(BLOCK_WRONG[words], ns)).ok
    result = asyncio.run(run_check(lesson_part("m16-l01", "exercise", "block").data["check"], ns))
    assert not result.ok and words in result.message, result.message


def test_block_check_passes_the_solution_and_fails_if_weights_changed():
    ns = _namespace_after_parts()
    ex = lesson_part("m16-l01", "exercise", "block").data
    asyncio.run(run_cell(ex["solution"], ns))
    assert asyncio.run(run_check(ex["check"], ns)).ok
    ns["Wo"] = [[0.0] * 4 for _ in range(4)]
    result = asyncio.run(run_check(ex["check"], ns))
    assert not result.ok and "Wo" in result.message


@pytest.mark.parametrize("code, words", [
    ('''
def block_deltas(xs):
    da = attention([layer_norm(x) for x in xs])
    h = [[a + b for a, b in zip(x, dx)] for x, dx in zip(xs, da)]
    return da, [[a + b for a, b in zip(r, mlp(layer_norm(r)))] for r in h]
''', "Return only what the MLP writes"),
    ('''
def block_deltas(xs):
    da = attention([layer_norm(x) for x in xs])
    return [[a + b for a, b in zip(x, dx)] for x, dx in zip(xs, da)], da
''', "the delta alone"),
    ('''
def block_deltas(xs):
    return [attention([layer_norm(x) for x in xs])]
''', "pair"),
])
def test_deltas_check_names_the_mistake(code, words):
    ns = _namespace_after_parts()
    asyncio.run(run_cell(code, ns))
    result = asyncio.run(run_check(lesson_part("m16-l01", "exercise", "deltas").data["check"], ns))
    assert not result.ok and words in result.message, result.message


def test_deltas_starter_gets_the_reads_the_wrong_thing_message():
    ns = _namespace_after_parts()
    asyncio.run(run_cell(lesson_part("m16-l01", "exercise", "deltas").data["starter"], ns))
    result = asyncio.run(run_check(lesson_part("m16-l01", "exercise", "deltas").data["check"], ns))
    assert not result.ok and "layer_norm(x)" in result.message
