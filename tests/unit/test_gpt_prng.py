"""The seeded generator: pinned values (the same numbers must come out in Pyodide), and
the distributions it promises."""

import hashlib
import math

from mlmath.gpt.model import Config, init_params
from mlmath.gpt.prng import Rng


def test_pinned_stream():
    # Pyodide must print the same: integers only up to here.
    r = Rng("mlmath", "init")
    assert [r.next_u64() for _ in range(3)] == [5445336629376342145, 6634632879867962524, 14679658871477898374]
    r = Rng("mlmath", "batches")
    assert [r.below(1000) for _ in range(5)] == [61, 823, 381, 86, 113]


def test_pinned_normals_and_init():
    r = Rng("mlmath", "init")
    assert [r.normal() for _ in range(3)] == [-1.3804325084043425, 0.10776157439971908, -2.399199132944181]
    digest = hashlib.sha256(init_params(Config(), "mlmath").tobytes()).hexdigest()
    assert digest == "3dfd502f7988104d2cea7d7fb543e0affbfcfbde8f2fdbf4bc654d00831f1d22"


def test_streams_and_seeds_differ():
    assert Rng("a", "init").next_u64() != Rng("b", "init").next_u64()
    assert Rng("a", "init").next_u64() != Rng("a", "batches").next_u64()


def test_distributions():
    r = Rng("stats", "test")
    u = [r.random() for _ in range(20000)]
    assert all(0.0 <= x < 1.0 for x in u) and abs(sum(u) / len(u) - 0.5) < 0.01
    z = [r.normal() for _ in range(20000)]
    mean = sum(z) / len(z)
    assert abs(mean) < 0.03 and abs(math.sqrt(sum((x - mean) ** 2 for x in z) / len(z)) - 1) < 0.03
    counts = [0] * 7
    for _ in range(7000):
        counts[r.below(7)] += 1
    assert min(counts) > 850
