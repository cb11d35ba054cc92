"""`python -m mlmath.gpt` as a learner types it: train prints its losses and estimates and
writes a checkpoint that `sample` reads back; every failure is one line, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlmath.gpt import checkpoint

pytestmark = pytest.mark.gpu
REPO = Path(__file__).resolve().parents[2]
TEXT = "To be, or not to be, that is the question:\nWhether 'tis nobler in the mind to suffer\n" * 40


def cli(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(REPO / "py"))
    done = subprocess.run([sys.executable, "-m", "mlmath.gpt", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout, done.stderr


def error_lines(stderr):
    """What the CLI itself said: drivers may add their own warnings (XDG_RUNTIME_DIR ...)."""
    return [line for line in stderr.splitlines() if line.startswith("error: ") and "XDG_RUNTIME_DIR" not in line]


def test_train_then_sample(gpu, tmp_path):
    (tmp_path / "text.txt").write_text(TEXT)
    rc, out, err = cli("train", "--data", "text.txt", "--steps", "3", "--batch", "2", "--loss-every", "1",
                       "--eval-every", "2", "--seed", "cli", "--out", "m.safetensors", cwd=tmp_path)
    assert rc == 0, err
    lines = out.splitlines()
    assert lines[0].endswith("parameters, 82 dispatches per step")
    assert [line.split()[1] for line in lines if "loss" in line] == ["1", "2", "3"]
    # estimates at the interval and at the end, since 3 is not a multiple of 2
    assert [line.split()[1] for line in lines if " val " in line] == ["2", "3"]
    cfg, flat, meta = checkpoint.from_bytes((tmp_path / "m.safetensors").read_bytes())
    assert (meta["step"], meta["seed"], meta["vocab"]) == ("3", "cli", "".join(sorted(set(TEXT))))

    rc, out, err = cli("sample", "m.safetensors", "--prompt", "To be", "--tokens", "25", "--top-k", "5", cwd=tmp_path)
    assert rc == 0, err
    assert out.startswith("To be") and len(out) == len("To be") + 25 + 1  # the prompt, 25 tokens, a newline
    assert set(out) <= set(TEXT)


@pytest.mark.parametrize("args, says", [
    (["train", "--data", "missing.txt"], "error: cannot read the training text"),
    (["sample", "missing.safetensors"], "error: cannot read missing.safetensors"),
    (["sample", "bad.safetensors"], "error: "),
])
def test_failures_are_one_line(gpu, tmp_path, args, says):
    (tmp_path / "bad.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json")
    rc, out, err = cli(*args, cwd=tmp_path)
    assert rc != 0 and "Traceback" not in err
    assert len(error_lines(err)) == 1 and error_lines(err)[0].startswith(says), err
