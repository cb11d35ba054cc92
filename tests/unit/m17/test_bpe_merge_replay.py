"""The bpe_merge_replay widget, the recorded merge table in mlmath.m17.l02_bpe, and every number
lesson m17-l02 states about training on tiny-shakespeare, replaying, totality and strawberry."""

from pathlib import Path
import pytest

from lesson_kernel import lesson_part, lesson_widget, run_lesson
from mlmath.m17 import l02_bpe as bpe
from mlmath import widgets
from mlmath.data import shakespeare


def make(**config):
    return widgets.create("bpe_merge_replay", config)


# The recorded table -------------------------------------------------------------------------

def test_recorded_table_is_what_training_makes():
    trained = bpe.train(shakespeare()[:bpe.SLICE], bpe.COUNT)
    assert list(trained) == bpe.MERGES and list(trained.values()) == list(range(256, 306))


def test_replay_equals_training_sequence_and_round_trips():
    corpus, m = shakespeare()[:4000], bpe.table()
    ids = list(corpus.encode())
    for pair in m:                       # training's own sequence, rebuilt merge by merge
        ids = bpe.merge(ids, pair, m[pair])
    assert bpe.encode(corpus, m) == ids and len(ids) == 2581 and len(corpus.encode()) == 4000
    for s in ["café 🙂", "strawberry", "", "\x00\xff", "日本語 text", "First Citizen:\n"]:
        assert bpe.decode(bpe.encode(s, m), m) == s


# The widget -----------------------------------------------------------------------------------

def test_bad_options_rejected():
    for config, words in [({"letter": "rr"}, "letter"), ({"k": 51}, "k must"),
                          ({"editable": "yes"}, "editable"), ({"text": 5}, "text")]:
        with pytest.raises(ValueError, match=words):
            make(**config)


def test_slider_replays_merges_in_order():
    w = make(text="hello world", k=0)
    assert w.values()["tokens"] == 11 and w.values()["bytes"] == 11
    w.handle({"type": "input", "id": "k", "value": 50})
    v = w.values()
    assert v["tokens"] == 7 and v["roundtrip"] == 1 and v["unknown"] == 0
    assert [bpe.label(w.vocab[i]) for i in w.ids] == ["he", "ll", "o\u2423", "w", "or", "l", "d"]
    w.handle({"type": "input", "id": "k", "value": "junk"})
    assert w.k == 50
    w.handle({"type": "input", "id": "k", "value": 99})
    assert w.k == 50


def test_text_box_and_multibyte_characters():
    w = make(text="hello")
    w.handle({"type": "input", "id": "text", "value": "café 🙂"})
    v = w.values()
    assert (v["chars"], v["bytes"], v["tokens"], v["roundtrip"]) == (6, 10, 10, 1)
    assert w.ids == [99, 97, 102, 195, 169, 32, 240, 159, 153, 130]
    labels = {s["s"] for s in w.shapes() if s["t"] == "text"}
    assert {"C3", "A9", "F0", "9F"} <= labels            # half-characters drawn as hex
    frozen = make(text="hello", editable=False)
    frozen.handle({"type": "input", "id": "text", "value": "café"})
    assert frozen.shown == "hello" and all(c["id"] != "text" for c in frozen.controls())


def test_long_text_is_cut_at_whole_characters():
    w = make(text="é" * 20)
    assert w.values()["bytes"] == 24 and w.values()["chars"] == 12
    assert any("showing the first 12" in s.get("s", "") for s in w.shapes())


def test_letter_tracking_on_strawberry():
    w = make(text="strawberry", letter="r", k=0)
    assert (w.values()["letter_count"], w.values()["letter_alone"], w.values()["letter_hidden"]) == (3, 3, 0)
    w.set_values({"k": 35})
    assert w.values()["letter_alone"] == 3
    w.set_values({"k": 36})                  # merge #36 is e + r
    assert w.values()["letter_alone"] == 2 and w.values()["letter_hidden"] == 1
    w.set_values({"k": 50})
    assert w.ids == [292, 114, 97, 119, 98, 291, 114, 121]
    assert [bpe.label(w.vocab[i]) for i in w.ids] == ["st", "r", "a", "w", "b", "er", "r", "y"]
    assert w.values()["roundtrip"] == 1
    assert any(r["value"] == "2 (the text has 3)" for r in w.readouts())


def test_use_takes_a_learner_table_and_rejects_bad_ones():
    w = make(text="aaab")
    w.use({(97, 97): 256, (256, 97): 257})
    assert w.ids == [257, 98] and w.k == 2
    w.use(None)
    assert w.values()["merges"] == 50
    with pytest.raises(ValueError, match="256, 257"):
        w.use({(97, 97): 300})
    with pytest.raises(ValueError, match="pair of ids"):
        w.use({(97, 999): 256})
    with pytest.raises(TypeError):
        w.use(7)


def test_lesson_goals_start_unmet_and_solutions_meet_them():
    for wid in ("replay", "total", "berry"):
        w = lesson_widget("m17-l02", wid)
        assert not w.goal_met(), wid
        w.set_values(lesson_part("m17-l02", "widget", wid).data["goal"]["solution"])
        assert w.goal_met(), wid
    w = lesson_widget("m17-l02", "berry")
    w.set_values({"k": 35})
    assert not w.goal_met()
    w = lesson_widget("m17-l02", "replay")
    w.set_values({"text": "Download the app"})
    assert not w.goal_met()


# The numbers the prose states, through the page kernel ---------------------------------------

def test_the_lesson_runs_and_prints_what_the_prose_says():
    kernel, printed, scenes = run_lesson("m17-l02")
    assert "44 tokens; top pair b'pe' seen 5 times; after merging: 39" in printed["cell-1"]
    table = printed["cell-2"]
    assert "#29" in table and "284 b'Citizen'" in table and "298 b'First Citizen:\\n'" in table
    assert "# 1" in table and "256 b'e '" in table and "257 b't '" in table and "258 b'th'" in table
    assert "#43" in table
    assert "4000 bytes -> 2581 tokens" in table
    assert "306" not in table                                         # the vocabulary gate is not answered above it
    body = (Path(__file__).resolve().parents[3] / "site" / "lessons" / "m17-l02.md").read_text()
    assert body.index('id = "vocab-size"') < body.index("$256 + 50 = 306$") < body.index("merges = train(corpus, 50)")
    out = printed["cell-3"]
    assert out.startswith("True 2581")
    out = printed["cell-4"]
    assert "characters not in the vocabulary" in out and "6 characters, 10 bytes" in out
    assert "[99, 97, 102, 195, 169, 32, 240, 159, 153, 130]" in out and "café 🙂 True" in out
    # the replay widget got the learner's table, equal to the recorded one
    assert widgets.widget("replay").merges == bpe.table()


def test_other_numbers_in_the_prose():
    assert list("peter".encode()) == [112, 101, 116, 101, 114]
    assert list("é".encode()) == [195, 169] and len("🙂".encode()) == 4
    m = bpe.table()
    assert len(bpe.encode("🙂", m)) == 4                              # prose: the emoji is 4 ids
    assert bpe.encode("the Citizen", m) == [278, 284]                # the encode check's replay answer
    assert 256 + len(m) == 306                                        # the vocabulary quiz
    assert 256 + 50_000 + 1 == 50_257
    assert m[(258, 256)] == 278 and m[(116, 104)] == 258 and m[(101, 32)] == 256   # #23 = #3 + #1
    assert list(m).index((101, 114)) + 1 == 36
    assert shakespeare()[:4000].count("First Citizen:") >= 5
