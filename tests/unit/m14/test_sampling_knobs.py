"""The sampling_knobs widget: picking a target, the NLL and perplexity readouts, temperature,
top-k, draws, learner functions, and the numbers lesson m14-l03 states in its prose."""

import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

from mlbuild.lesson import parse_lesson
from mlmath import widgets
from mlmath.data import shakespeare
from mlmath.m14.sampling_knobs import LEFT, TEMPS, fmt_p, fmt_ppl, row_counts
from lesson_kernel import run_lesson
from scene_checks import assert_scene_fits, readout

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m14-l03.md"
ALL = ["average", "temperature", "topk", "draws"]


def knobs(**config):
    return widgets.create("sampling_knobs", config)


def key(w, name):
    w.handle({"type": "key", "handle": "target", "key": name, "shift": False})


def click_bar(w, i):
    w.handle({"type": "drag", "handle": "target", "x": w.x_of(i), "y": 100})


def lesson_widgets():
    return {p.id: p for p in parse_lesson(LESSON).parts("widget")}


# Registration and config ----------------------------------------------------------------

@pytest.mark.parametrize("config, words", [
    ({"show": ["average", "sparkle"]}, "show"),
    ({"context": "t", "contexts": ["e", "q"]}, "must be one of the contexts"),
    ({"contexts": ["t", "t"]}, "different single characters"),
    ({"contexts": ["th"], "context": "th"}, "different single characters"),
    ({"T": 0.75, "show": ["temperature"]}, "T must be one of"),
    ({"T": 2}, "needs show 'temperature'"),
    ({"k": 5}, "needs show 'topk'"),
    ({"k": 0, "show": ["topk"]}, "from 1 to 31"),
    ({"k": 32, "show": ["topk"]}, "from 1 to 31"),
    ({"target": "x"}, "never follows"),
    ({"pmax": 2}, "pmax"),
    ({"context": "\x00", "contexts": ["\x00"]}, "nothing ever follows"),
])
def test_bad_config_is_rejected_with_a_reason(config, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        knobs(**config)


def test_title_and_goal_are_taken_by_the_base_class():
    w = knobs(title="Row", goal={"text": "t", "check": "T == 1", "solution": {"T": 1}})
    assert w.scene()["title"] == "Row" and w.scene()["goal"] == {"text": "t", "met": True}


# The row ---------------------------------------------------------------------------------

def test_rows_count_every_overlapping_pair_in_the_whole_text():
    text = shakespeare()
    pairs = Counter(zip(text, text[1:]))
    for c in ["t", " ", "\n", "e"]:
        want = {b: n for (a, b), n in pairs.items() if a == c}
        assert row_counts(c) == want, c
    assert list(row_counts("t"))[:3] == ["h", " ", "o"]
    counts = list(row_counts("t").values())
    assert counts == sorted(counts, reverse=True)


def test_the_starting_state_is_the_counted_row_with_the_top_as_target():
    w = knobs()
    v = w.values()
    assert (v["context"], v["target"], v["T"], v["k"], v["n"], v["top"]) == ("t", "h", 1, 31, 31, "h")
    assert w.probs == pytest.approx(w.base, abs=1e-12)
    assert sum(w.probs) == pytest.approx(1)


# Picking the target ----------------------------------------------------------------------

def test_click_picks_the_bar_under_the_pointer():
    w = knobs()
    for i in (0, 4, 30):
        click_bar(w, i)
        assert w.values()["target"] == w.chars[i]
    w.handle({"type": "drag", "handle": "target", "x": LEFT - 50, "y": 0})
    assert w.values()["target"] == "h"
    w.handle({"type": "drag", "handle": "target", "x": 5000, "y": 0})
    assert w.values()["target"] == "b"


def test_keys_move_between_bars_and_stay_in_range():
    w = knobs()
    key(w, "ArrowRight")
    assert w.values()["target"] == " "
    key(w, "PageUp")                     # a quarter of the 31 bars
    assert w.values()["target"] == w.chars[8]
    key(w, "ArrowLeft")
    key(w, "ArrowDown")
    assert w.values()["target"] == w.chars[6]
    key(w, "End")
    assert w.values()["target"] == "b"
    key(w, "ArrowRight")
    assert w.values()["target"] == "b"
    key(w, "Home")
    assert w.values()["target"] == "h"
    key(w, "Enter")
    assert w.values()["target"] == "h"


def test_events_for_other_handles_or_bad_values_are_ignored():
    w = knobs(show=ALL)
    before = w.values()
    w.handle({"type": "drag", "handle": "zz", "x": 400, "y": 0})
    w.handle({"type": "drag", "handle": "target", "x": "nowhere"})
    w.handle({"type": "input", "id": "T", "value": "hot"})
    w.handle({"type": "input", "id": "nothing", "value": 3})
    assert w.values() == before


# Readouts: NLL and perplexity ---------------------------------------------------------------

def test_target_readouts_are_nll_and_its_exponential():
    w = knobs()
    assert readout(w, "p(h | t)") == "0.339"
    assert readout(w, "NLL = \u2212ln p") == "1.081"
    assert readout(w, "perplexity = e^NLL") == "2.95"
    w.set_values({"target": "b"})
    assert readout(w, "p(b | t)") == "0.0000149"
    assert readout(w, "NLL = \u2212ln p") == "11.113"
    assert readout(w, "perplexity = e^NLL") == "67,009"
    for c in w.chars:
        w.set_values({"target": c})
        v = w.values()
        assert v["nll"] == pytest.approx(-math.log(v["p"]))
        assert v["ppl"] == pytest.approx(1 / v["p"])


def test_average_is_taken_on_the_nll_scale():
    w = knobs(show=["average"])
    counts = row_counts("t")
    total = sum(counts.values())
    avg = -sum(n * math.log(n / total) for n in counts.values()) / total
    assert w.values()["avg_nll"] == pytest.approx(avg)
    assert w.values()["avg_ppl"] == pytest.approx(math.exp(avg))
    arithmetic = sum(n * (total / n) for n in counts.values()) / total     # mean of 1/p: a different number
    assert arithmetic == 31 and w.values()["avg_ppl"] < 9
    assert readout(w, "average NLL over all 67,009 pairs") == "2.156"
    assert readout(w, "perplexity = e^(average NLL)") == "8.64"


def test_the_context_slider_switches_rows_and_resets_target_and_k():
    w = knobs(contexts=["t", "e", "\n", " ", ".", "q"], show=["average", "topk"])
    w.handle({"type": "input", "id": "k", "value": 3})
    w.handle({"type": "input", "id": "context", "value": 5})
    v = w.values()
    assert (v["context"], v["n"], v["k"], v["target"], v["avg_ppl"]) == ("q", 1, 1, "u", 1.0)
    w.handle({"type": "input", "id": "context", "value": 99})
    assert w.values()["context"] == "q"
    control = [c for c in w.controls() if c["id"] == "context"][0]
    assert control["value"] == 5 and control["display"] == "q"


# Temperature --------------------------------------------------------------------------------

def test_temperature_keeps_the_order_and_so_the_argmax():
    w = knobs(show=["temperature"])
    for i, t in enumerate(TEMPS):
        w.handle({"type": "input", "id": "T", "value": i})
        q = w.probs
        assert w.t == t
        assert sum(q) == pytest.approx(1)
        assert all(q[j] >= q[j + 1] for j in range(len(q) - 1)), t
        assert w.values()["top"] == "h"


def test_temperature_is_a_power_of_the_counts():
    w = knobs(show=["temperature"])
    counts = list(row_counts("t").values())
    for t in (0.5, 2, 10):
        w.set_values({"T": t})
        powered = [n ** (1 / t) for n in counts]
        assert w.probs == pytest.approx([v / sum(powered) for v in powered], rel=1e-9)


def test_temperature_one_gives_the_lowest_average_nll():
    w = knobs(show=["average", "temperature"])
    scores = {}
    for t in TEMPS:
        w.set_values({"T": t})
        scores[t] = w.values()["avg_nll"]
    assert min(scores, key=scores.get) == 1


def test_tiny_temperature_does_not_overflow():
    w = knobs(show=["temperature"])
    w.set_values({"T": 0.1})
    assert w.values()["p_top"] == pytest.approx(0.961, abs=5e-4)
    json.dumps(w.scene())


# Top-k ----------------------------------------------------------------------------------------

def test_top_k_zeroes_the_tail_and_renormalises():
    w = knobs(show=["topk"])
    w.handle({"type": "input", "id": "k", "value": 3})
    q, base = w.probs, w.base
    assert q[3:] == [0.0] * 28
    assert q[:3] == pytest.approx([b / sum(base[:3]) for b in base[:3]])
    assert w.values()["kept"] == pytest.approx(sum(base[:3]))
    w.handle({"type": "input", "id": "k", "value": 0})
    assert w.values()["k"] == 1 and w.probs[0] == 1
    w.handle({"type": "input", "id": "k", "value": 500})
    assert w.values()["k"] == 31


def test_a_cut_target_costs_infinity_and_so_does_the_average():
    w = knobs(show=["average", "topk"], k=11, target="b")
    v = w.values()
    assert v["p"] == 0 and v["nll"] == math.inf and v["ppl"] == math.inf
    assert v["avg_nll"] == math.inf and v["avg_ppl"] == math.inf
    assert readout(w, "p(b | t)") == "0 (top-k cut it)"
    assert readout(w, "perplexity = e^(average NLL)") == "\u221e"
    w.set_values({"target": "h"})
    assert w.values()["nll"] < math.inf and w.values()["avg_nll"] == math.inf


def test_cut_bars_are_drawn_hollow_behind_a_cut_line():
    w = knobs(show=["topk"], k=11)
    rects = [s for s in w.shapes() if s["t"] == "rect" and "handle" not in s]
    assert sum(1 for s in rects if s["cls"] in ("accent", "accent3")) == 11
    assert sum(1 for s in rects if s["cls"] == "muted nofill") == 31
    assert any(s["t"] == "line" and s["cls"] == "bad" for s in w.shapes())


# Draws -----------------------------------------------------------------------------------------

def test_draws_reuse_the_same_uniform_numbers_on_the_reshaped_row():
    w = knobs(show=ALL)
    assert w.draw() == "" and all("draws" not in r["label"] for r in w.readouts())
    w.handle({"type": "input", "id": "draw", "value": None})
    first = w.draw()
    assert len(first) == 40 and set(first) <= set(w.chars)
    assert w.draw() == first                             # same press, same draws
    w.set_values({"k": 1})
    assert w.draw() == "h" * 40
    w.set_values({"k": 31, "T": 10})
    hot = w.draw()
    assert len(set(hot)) > len(set(first))
    w.handle({"type": "input", "id": "draw", "value": None})
    assert w.values()["draws"] == 2 and w.draw() != hot


def test_draws_follow_the_probabilities():
    w = knobs(show=ALL)
    drawn = ""
    for press in range(1, 101):
        w.set_values({"draws": press})
        drawn += w.draw()
    share = drawn.count("h") / len(drawn)
    assert share == pytest.approx(0.339, abs=0.03)


# The learner's functions -------------------------------------------------------------------------

def good_softmax_t(z, T):
    m = max(v / T for v in z)
    e = [math.exp(v / T - m) for v in z]
    return [v / sum(e) for v in e]


def good_top_k(p, k):
    keep = set(sorted(range(len(p)), key=lambda i: p[i], reverse=True)[:k])
    total = sum(p[i] for i in keep)
    return [p[i] / total if i in keep else 0.0 for i in range(len(p))]


def test_learner_functions_are_graded_against_the_bars():
    w = knobs(show=ALL, T=2, k=24)
    w.use(good_softmax_t, good_top_k)
    assert readout(w, "good_softmax_t(z, 2)") == "matches the bars \u2713"
    assert readout(w, "good_top_k(p, 24)") == "matches the bars \u2713"
    for k in range(1, 32):                # every k, through the ties at the end of the row
        w.set_values({"k": k})
        assert readout(w, f"good_top_k(p, {k})") == "matches the bars \u2713", k

    def times_t(z, T):
        return good_softmax_t([v * T for v in z], 1)

    def keeps_ties(p, k):
        edge = sorted(p, reverse=True)[k - 1]
        total = sum(v for v in p if v >= edge)
        return [v / total if v >= edge else 0.0 for v in p]

    w.set_values({"k": 28})               # p and z tie at 3 counts (bars 27 and 28): k = 28 splits the tie
    w.use(times_t, keeps_ties)
    assert readout(w, "times_t(z, 2)").endswith("\u2717")
    assert readout(w, "keeps_ties(p, 28)").endswith("\u2717")


def test_a_broken_learner_function_is_reported_not_raised():
    w = knobs(show=ALL)
    w.use(lambda z, T: 1 / 0, lambda p, k: p[:k])
    values = [r["value"] for r in w.readouts()]
    assert any(v.startswith("raised ZeroDivisionError") for v in values)
    assert any(v.startswith("gave 31 numbers") or v == "matches the bars \u2713" for v in values)
    json.dumps(w.scene())


def test_use_none_restores_and_non_functions_are_refused():
    w = knobs(show=ALL)
    before = w.scene()
    w.use(good_softmax_t)
    assert w.scene() != before
    w.use()
    assert w.scene() == before
    with pytest.raises(TypeError, match="needs functions"):
        w.use(7)


def test_set_values_rejects_unknown_keys():
    w = knobs(show=ALL)
    with pytest.raises(KeyError):
        w.set_values({"temperature": 2})
    with pytest.raises(KeyError):
        w.set_values({"context": "z"})


# The scene ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("config", [
    {},
    {"show": ALL, "T": 0.1, "k": 3, "target": "o"},
    {"contexts": ["t", " "], "context": " ", "show": ALL, "T": 10},
    {"contexts": ["q"], "context": "q", "show": ["average"]},
    {"contexts": ["\n"], "context": "\n", "pmax": 0.5, "show": ALL, "k": 40},
])
def test_scene_is_small_json_and_uses_known_classes(config):
    w = knobs(**config)
    w.handle({"type": "input", "id": "draw", "value": None})
    w.use(good_softmax_t, good_top_k)
    scene = assert_scene_fits(w.scene(), max_shapes=200, slack=1)     # redrawn on every slider move: keep it small
    assert all(isinstance(r["label"], str) and isinstance(r["value"], str) for r in scene["readouts"])
    handles = [s for s in scene["shapes"] if "handle" in s]
    assert len(handles) == 1 and handles[0]["label"].startswith("next character to score")


def test_labels_stagger_when_bars_are_narrow():
    wide, narrow = knobs(), knobs(contexts=[" "], context=" ")
    assert not wide.stagger and narrow.stagger and narrow.height > wide.height


def test_formats():
    assert fmt_p(1 / 67009) == "0.0000149" and fmt_p(0.3393) == "0.339" and fmt_p(0) == "0"
    assert fmt_ppl(67009.0) == "67,009" and fmt_ppl(2.947) == "2.95" and fmt_ppl(math.inf) == "\u221e"


# The lesson's widgets and the numbers its prose states ---------------------------------------------------

def test_lesson_goals_start_unmet_and_their_solutions_meet_them():
    parts = lesson_widgets()
    assert set(parts) == {"one", "rows", "temp", "knobs"}
    for wid, part in parts.items():
        w = widgets.create("sampling_knobs", part.data)
        assert not w.goal_met(), wid
        w.set_values(part.data["goal"]["solution"])
        assert w.goal_met(), wid


@pytest.mark.parametrize("wid, values", [
    ("one", {"target": "o"}),          # perplexity 11.4, too low
    ("one", {"target": "s"}),          # perplexity 66.7, too high
    ("rows", {"context": "\n"}),       # second highest
    ("temp", {"T": 3}),                # 0.102, just above
    ("knobs", {"T": 1, "k": 10}),      # 0.899, just short
    ("knobs", {"T": 1, "k": 12}),      # enough, but not the fewest
    ("knobs", {"T": 2, "k": 11}),      # at the wrong temperature
])
def test_lesson_goals_reject_near_misses(wid, values):
    w = widgets.create("sampling_knobs", lesson_widgets()[wid].data)
    w.set_values(values)
    assert not w.goal_met()


def test_the_step_one_goal_has_exactly_these_answers():
    w = widgets.create("sampling_knobs", lesson_widgets()["one"].data)
    hits = []
    for c in w.chars:
        w.set_values({"target": c})
        if w.goal_met():
            hits.append(c)
    assert hits == ["i", "a", ",", "r"]


def test_the_highest_perplexity_row_is_space_and_the_others_are_as_stated():
    w = widgets.create("sampling_knobs", lesson_widgets()["rows"].data)
    ppl = {}
    for c in w.contexts:
        w.set_values({"context": c})
        ppl[c] = w.values()["avg_ppl"]
    assert max(ppl, key=ppl.get) == " "
    assert round(ppl[" "], 2) == 23.07 and round(ppl["\n"], 2) == 20.97
    assert round(ppl["."], 2) == 1.60 and ppl["q"] == 1.0 and round(ppl["t"], 2) == 8.64
    assert sum(row_counts("q").values()) == 609 and row_counts("q") == {"u": 609}


def test_numbers_stated_in_the_prose():
    w = knobs(show=ALL)
    counts = row_counts("t")
    total = sum(counts.values())
    assert total == 67009 and counts["h"] == 22739 and counts["b"] == 1 and len(counts) == 31
    v = w.values()
    assert round(v["p"], 3) == 0.339 and round(v["nll"], 3) == 1.081 and round(v["ppl"], 2) == 2.95
    w.set_values({"target": "b"})
    assert round(w.values()["nll"], 2) == 11.11
    w.set_values({"target": "i"})
    v = w.values()
    assert round(v["p"], 3) == 0.044 and round(v["nll"], 2) == 3.11 and round(v["ppl"], 1) == 22.5
    assert round(math.log(20), 1) == 3.0 and round(math.log(50), 1) == 3.9
    assert round(math.exp(2.0), 2) == 7.39 and round(math.log(65), 3) == 4.174
    assert round(v["avg_nll"], 3) == 2.156 and round(math.exp(round(v["avg_nll"], 3)), 2) == 8.64
    # temperature
    temps = {}
    for t in (0.1, 0.5, 1, 2, 5, 10):
        w.set_values({"T": t})
        temps[t] = w.values()
    assert round(temps[5]["p_top"], 3) == 0.069 and round(temps[10]["p_top"], 3) == 0.048
    assert round(temps[0.1]["p_top"], 3) == 0.961
    assert [round(temps[t]["avg_nll"], 3) for t in (0.5, 1, 2, 10)] == [2.671, 2.156, 2.410, 3.136]
    assert round(temps[0.1]["avg_nll"], 2) == 10.80
    assert round(math.log(22739), 1) == 10.0 and round(math.log(22739) / 0.01) == 1003
    # top-k
    w.set_values({"T": 1, "k": 10})
    assert round(w.values()["kept"], 3) == 0.899
    w.set_values({"k": 11})
    v = w.values()
    assert round(v["kept"], 3) == 0.912 and round(1 - v["kept"], 3) == 0.088 and round(v["p_top"], 3) == 0.372
    assert 3 <= 40 * (1 - v["kept"]) <= 4
    w.set_values({"T": 2})
    assert round(w.values()["kept"], 3) == 0.714
    # the whole bigram model over all of tiny-shakespeare
    text = shakespeare()
    pairs, firsts = Counter(zip(text, text[1:])), Counter(text[:-1])
    nll = -sum(n * math.log(n / firsts[a]) for (a, b), n in pairs.items()) / (len(text) - 1)
    assert round(nll, 2) == 2.45 and round(math.exp(nll), 1) == 11.6 and round(nll / math.log(2), 2) == 3.54
    assert len(set(text)) == 65 and 65 - 31 == 34
    outside = 0
    for a in firsts:
        row = sorted((n for (x, _), n in pairs.items() if x == a), reverse=True)
        outside += sum(row[11:])
    assert round(outside / (len(text) - 1), 3) == 0.135


def test_lesson_cells_run_in_the_page_kernel_and_print_what_the_prose_says():
    kernel, printed, scenes = run_lesson("m14-l03")
    lesson = parse_lesson(LESSON)
    cells = [p.id for p in lesson.parts("python")]
    assert len(cells) == 4
    first, softmax_cell, temps, writing = (printed[c] for c in cells)
    assert softmax_cell == ""
    assert "67009 pairs, average NLL 2.1565" in first and "perplexity: 8.641" in first
    for line in ["T =  0.1: most likely 'h' with p = 0.961, average NLL 10.7971",
                 "T =  0.5: most likely 'h' with p = 0.595, average NLL 2.6714",
                 "T =    1: most likely 'h' with p = 0.339, average NLL 2.1565",
                 "T =    2: most likely 'h' with p = 0.154, average NLL 2.4101",
                 "T =   10: most likely 'h' with p = 0.048, average NLL 3.1357"]:
        assert line in temps
    verdicts = {r["label"]: r["value"] for r in scenes["knobs"]["readouts"]}
    assert verdicts["softmax_t(z, 1)"] == "matches the bars \u2713"
    assert verdicts["top_k(p, 31)"] == "matches the bars \u2713"
    samples = dict(re.findall(r"T = (\S+), k = \S+: (\d+) different characters", writing))
    found = re.findall(r"T = (\S+), k = (\S+): (\d+) different characters\n(.*)\n", writing)
    counts = {(t, k): int(n) for t, k, n, _ in found}
    assert counts == {("0.1", "65"): 4, ("1", "65"): 34, ("2", "65"): 39, ("2", "5"): 16}, samples
    cold = found[0][3]
    assert cold.startswith("the the the") and cold.count("the ") >= 30
