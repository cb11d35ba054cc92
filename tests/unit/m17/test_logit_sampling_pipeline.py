"""logit_sampling_pipeline and the decoder behind lesson m17-l05: the cached decoder against the
uncached forward pass, the widget's stages against the engine's transforms, its events and goal,
and every number the lesson's prose states."""

import re
from collections import Counter

import pytest

from mlmath.m17 import l05_decode as D
from mlmath.data import shakespeare
from mlmath.gpt.prng import Rng
from mlmath.gpt.sample import pick, transforms
from mlmath.m16.l03_lens import forward, lens
from mlmath.m17.logit_sampling_pipeline import period
from mlmath.widgets import create


@pytest.fixture(scope="module")
def m():
    return D.model()


def test_cached_decoder_matches_the_full_forward_pass(m):
    ids = m.encode("ROMEO:\nWhat say you now?")
    want = lens(m, forward(m, ids).streams[-1][-1])
    got = D.next_logits(m, ids)
    assert max(abs(a - b) for a, b in zip(want, got)) < 1e-9


def test_generate_with_and_without_cache_agree_and_cost_what_the_lesson_says(m):
    D.reset_count()
    a = D.generate(m, "ROMEO:", 6, D.argmax, cache=False)
    assert D.positions() == sum(range(6, 12)) == 51
    D.reset_count()
    b = D.generate(m, "ROMEO:", 6, D.argmax, cache=True)
    assert D.positions() == 12
    assert a == b
    # past the window too: the same text with and without the cache
    assert D.generate(m, "ROMEO:\n", 45, D.argmax) == D.generate(m, "ROMEO:\n", 45, D.argmax, cache=False)


def test_seeded_generation_matches_the_engines_pick(m):
    rng, ref = Rng("s", "sample"), Rng("s", "sample")
    z = D.next_logits(m, m.encode("ROMEO:\n"))
    first = D.generate(m, "ROMEO:\n", 1, lambda lg: pick(transforms(lg, 0.8, 0, 0.9)[-1][1], rng.random()))
    assert first == m.chars[pick(transforms(z, 0.8, 0, 0.9)[-1][1], ref.random())]


def test_prose_numbers(m):
    # step 1 and 2: greedy loops on "the "
    g = D.generate(m, "ROMEO:\n", 30, D.argmax)
    assert g.startswith("And the the the")
    assert period("ROMEO:\n" + g) == 4
    words = Counter(re.findall(r"(?<= )[a-z]+", shakespeare()))
    assert words.most_common(1) == [("the", 5370)]
    # step 2: surprise of greedy's text against real text
    text = shakespeare()
    at = text.index("ROMEO:\n") + 7
    greedy, real = D.generate(m, "ROMEO:\n", 24, D.argmax), text[at:at + 24]
    assert round(D.nll_per_char(m, "ROMEO:\n", greedy), 2) == 1.17
    assert round(D.nll_per_char(m, "ROMEO:\n", real), 2) == 2.07
    # step 3: the top three after ROMEO:
    z = D.next_logits(m, m.encode("ROMEO:\n"))
    p = transforms(z)[0][1]
    top = sorted(range(65), key=lambda i: -p[i])[:3]
    assert [m.chars[i] for i in top] == ["A", "T", "I"]
    assert [round(p[i], 3) for i in top] == [0.115, 0.108, 0.105]
    assert round(p[top[0]] + p[top[1]], 3) == 0.223 and round(sum(p[i] for i in top), 3) == 0.328
    # step 4: top-p 0.5 keeps 3, 6, 9 at T = 0.5, 1, 1.5
    kept = [sum(1 for v in transforms(z, T, 0, 0.5)[-1][1] if v > 0) for T in (0.5, 1, 1.5)]
    assert kept == [3, 6, 9]
    # step 6: width 2 finds "Th" over greedy's "An"
    assert D.beam_search(m, "ROMEO:\n", 2, 1)[0][0] == "An"
    assert D.beam_search(m, "ROMEO:\n", 2, 2)[0][0] == "Th"
    assert all("the the" in t.lower() for t, _ in D.beam_search(m, "ROMEO:\n", 20, 3))


def test_stages_are_the_engines_and_the_draw_is_picks():
    w = create("logit_sampling_pipeline", {})
    for T, k, p, u in [(1, 0, 1.0, 0.3), (0.5, 5, 0.9, 0.7), (2, 0, 0.3, 0.99)]:
        w.set_values({"T": T, "k": k, "p": p, "u": u})
        final = transforms(w.logits, T, k, p)[-1][1]
        v = w.values()
        assert v["kept"] == sum(1 for x in final if x > 0)
        assert v["pick"] == w.m.chars[pick(final, u)]


def test_goal_unmet_at_start_and_met_by_its_solution():
    goal = {"text": "g", "check": "k == 0 and kept == 3 and pick_rank == 3"}
    w = create("logit_sampling_pipeline", {"goal": goal})
    assert not w.goal_met()
    w.set_values({"p": 0.3, "u": 0.5})
    assert w.goal_met() and w.values()["pick"] == "I"
    w.set_values({"u": 0.1})
    assert not w.goal_met()       # u on "A", the first piece of the stick


def test_greedy_mount_gets_stuck():
    w = create("logit_sampling_pipeline", {"knobs": [], "k": 1, "goal": {"text": "g", "check": "period > 0"}})
    assert not w.goal_met()
    for _ in range(8):
        w.handle({"type": "input", "id": "next"})
    assert not w.goal_met()
    for _ in range(12):
        w.handle({"type": "input", "id": "next"})
    assert w.goal_met() and w.generated.startswith("And the the")
    assert [c["id"] for c in w.scene()["controls"]] == ["next", "reset"]
    w.handle({"type": "input", "id": "reset"})
    assert w.generated == "" and not w.goal_met()


def test_events_move_the_knobs_and_next_uses_the_seeded_stream():
    w = create("logit_sampling_pipeline", {"seed": "x"})
    r = Rng("x", "sample")
    assert w.u == r.random()
    w.handle({"type": "input", "id": "T", "value": "0"})
    w.handle({"type": "input", "id": "k", "value": "3"})
    w.handle({"type": "input", "id": "p", "value": "19"})
    w.handle({"type": "input", "id": "u", "value": "0.42"})
    assert (w.t, w.k, w.p, w.u) == (0.1, 3, 1.0, 0.42)
    w.handle({"type": "input", "id": "k", "value": "junk"})
    assert w.k == 3
    w.handle({"type": "input", "id": "next"})
    assert len(w.generated) == 1 and w.u == r.random()


def test_max_steps_and_unknown_options():
    w = create("logit_sampling_pipeline", {"max_steps": 2})
    for _ in range(5):
        w.next_token()
    assert len(w.generated) == 2
    with pytest.raises(ValueError):
        create("logit_sampling_pipeline", {"T": 0.25})
    with pytest.raises(ValueError):
        create("logit_sampling_pipeline", {"prompt": "€"})
    with pytest.raises(KeyError):
        w.set_values({"q": 1})


def test_top_p_cuts_are_marked():
    w = create("logit_sampling_pipeline", {"p": 0.5})
    assert any(s.get("s") == "cut" for s in w.shapes())
    assert [c["display"] for c in w.controls()[:3]] == ["1", "off", "0.5"]
    w.handle({"type": "input", "id": "k", "value": "1"})
    assert w.controls()[1]["display"] == "1"


def test_period():
    assert period("ab the the the ") == 4
    assert period("abcabd") == 0
    assert period("xxx") == 1


def test_the_lesson_runs_and_prints_what_the_prose_says():
    from lesson_kernel import run_lesson
    _, printed, _ = run_lesson("m17-l05")
    assert "1.17 nats" in printed["cell-2"] and "2.07 nats" in printed["cell-2"]
    assert "T = 0.5: top-p 0.5 keeps 3" in printed["cell-4"] and "T = 1.5: top-p 0.5 keeps 9" in printed["cell-4"]
    assert "same as the first: True" in printed["cell-5"]
    assert "position-forwards: 51" in printed["cell-7"] and "position-forwards: 12" in printed["cell-7"]
    assert "2,080 without" in printed["cell-8"]
