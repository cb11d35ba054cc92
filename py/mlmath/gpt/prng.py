"""The seeded random numbers behind init, batches and sampling.

A seed string and a stream name ("init", "batches", ...) are hashed with SHA-256; the
first 8 bytes start a splitmix64 generator (Steele, Lea & Flood 2014). Everything is
integer arithmetic on 64-bit values, so CPython and Pyodide produce the same stream.
Uniform floats take the top 53 bits. Normals use Marsaglia's polar method, which needs
only sqrt (exactly rounded by IEEE 754) and log. Natively log comes from glibc and in
Pyodide from musl; both use the same ARM-derived algorithm, and weights are rounded to
float32 afterwards, so a last-bit difference in log would almost never survive.
Separate streams keep the batch order independent of the model's size.
"""

import hashlib
import math

MASK = (1 << 64) - 1


class Rng:
    def __init__(self, seed: str, stream: str):
        digest = hashlib.sha256(f"{seed}/{stream}".encode()).digest()
        self.state = int.from_bytes(digest[:8], "little")

    def next_u64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def random(self) -> float:
        """Uniform in [0, 1)."""
        return (self.next_u64() >> 11) * 2.0**-53

    def below(self, n: int) -> int:
        """Uniform integer in [0, n), by rejection so that no value is favoured."""
        limit = (1 << 64) - (1 << 64) % n
        while True:
            x = self.next_u64()
            if x < limit:
                return x % n

    def normal(self) -> float:
        while True:
            u = 2.0 * self.random() - 1.0
            v = 2.0 * self.random() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                return u * math.sqrt(-2.0 * math.log(s) / s)
