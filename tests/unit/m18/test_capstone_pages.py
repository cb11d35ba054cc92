"""What a learner sees across the capstone widgets: gates without a GPU, samplers that follow
the model on the GPU, a run that says it is done, the prompt's new lines, the file table."""

import asyncio
import re
from pathlib import Path

import pytest

from mlmath.gpt.model import Config, n_params
from mlmath.m18 import session as session_module
from mlmath.widgets import create
from test_capstone_session import native_session

LESSONS = Path(__file__).resolve().parents[3] / "site" / "lessons"
NAMES = {"m18-l01": "capstone_trainer", "m18-l02": "capstone_trainer", "m18-l03": "capstone_checkpoint"}


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    monkeypatch.setattr(session_module, "_session", None)


def training_gates():
    """(lesson, widget, goal check) of every capstone gate that needs a trained model."""
    for lesson, widget in NAMES.items():
        text = (LESSONS / f"{lesson}.md").read_text()
        for block in re.findall(r"```widget " + widget + r"\n(.*?)```", text, re.S):
            for check in re.findall(r'check = "([^"]+)"', block):
                yield lesson, widget, check


@pytest.mark.parametrize("lesson, widget, check", list(training_gates()))
def test_without_a_gpu_a_training_gate_is_waived_with_the_note(lesson, widget, check):
    w = create(widget, {"goal": {"text": "t", "check": check, "solution": {}}})
    assert not w.goal_met()
    w.s.problem = session_module.NO_GPU.format("the browser offers WebGPU but no GPU adapter")
    assert w.goal_met(), f"{lesson}: {check} stays locked without a GPU"
    assert any("opens without it" in r["value"] for r in w.readouts())


def test_every_training_gate_is_found():
    assert len(list(training_gates())) == 5


def test_the_prompt_keeps_its_new_lines():
    w = create("capstone_sampler", {})
    box = w.controls()[0]
    assert box["value"].startswith("ROMEO:\\nWhat light") and "\\n" in box["label"]
    w.handle({"type": "input", "id": "prompt", "value": "KING:\\nThe "})
    assert w.prompt == "KING:\nThe " and w.logits == w.bigrams.logits(" ")


def test_the_file_table_names_its_rows():
    heads = [s["s"] for s in create("capstone_checkpoint", {"mode": "file"}).shapes()[:2]]
    assert heads == ["weights", ""]


def test_the_lessons_state_the_exact_parameter_count():
    count = f"{n_params(Config()):,}"
    for lesson in ("m18-l03", "m18-l05"):
        assert count in (LESSONS / f"{lesson}.md").read_text()
    l05 = (LESSONS / "m18-l05.md").read_text()
    assert "about 209 thousand parameters; that is rounded" in l05 and l05.count("209") == 1


def test_every_sampler_follows_the_model_and_a_finished_run_says_done():
    async def go():
        s = await native_session()
        session_module._session = s
        first, second = create("capstone_sampler", {}), create("capstone_sampler", {"generate": False})
        trainer = create("capstone_trainer", {})
        trainer.handle({"type": "input", "id": "start"})
        await trainer.s.task
        while len(asyncio.all_tasks()) > 1:  # the samplers' logits, scheduled by the last redraw
            await asyncio.sleep(0.01)
        return first.source, second.source, trainer.readouts()[0]["value"], trainer.controls()
    first, second, status, controls = asyncio.run(go())
    assert first.startswith("your model") and second.startswith("your model")
    assert status.startswith("Done: 6 iterations")
    assert next(c for c in controls if c["id"] == "pause")["disabled"]


def test_a_refused_file_says_unchanged_only_when_there_is_a_model():
    w = create("capstone_checkpoint", {"mode": "file"})
    asyncio.run(w.load({"name": "x.safetensors", "base64": "anVuaw=="}))  # b"junk"
    assert w.message == "Not loaded: not a safetensors file: shorter than its 8-byte header length."
