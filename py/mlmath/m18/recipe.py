"""What a run is: a model size, a length, a seed, and the training options a preset breaks."""

import math
from dataclasses import dataclass, replace

from ..gpt.model import Config
from ..gpt.train import LR, WARMUP

# The real recipe, and a quick demo that a slow GPU (or a CPU rasterizer) trains in seconds.
SIZES = {
    "full": (Config(), 32, 3000),  # (config, batch, default iterations)
    "tiny": (Config(n_layer=2, n_head=4, n_embd=32, block_size=32), 8, 300),
}
SIZE_NAMES = {"full": "full recipe (4 layers, 64 dims, batch 32)",
              "tiny": "quick demo (2 layers, 32 dims, batch 8)"}


@dataclass(frozen=True)
class Options:
    lr: float = LR           # peak learning rate
    warmup: int = WARMUP     # warmup iterations
    max_norm: float = 1.0    # gradient clipping threshold; inf turns clipping off
    sgd: bool = False        # plain SGD (the step is lr times the gradient) instead of AdamW
    init_scale: float = 1.0  # multiplies every initial standard deviation
    causal: bool = True      # the attention mask
    steps: int = 0           # a preset whose symptom needs a run this long fixes its length; 0: the widget's


NORMAL = Options()
# Six ways to break training, each with a curve you learn to recognise. The rates are set so
# the symptom shows within a demo run: tools/m18_record_presets.py records them into
# preset_runs.py, which m18-l02 quotes and tests/unit/m18/test_preset_runs.py checks.
PRESETS = {
    "lr_high": ("learning rate too high", replace(NORMAL, lr=1.0)),
    "lr_low": ("learning rate too low", replace(NORMAL, lr=1e-5)),
    "no_warmup": ("no warmup, large rate", replace(NORMAL, lr=0.1, warmup=0)),
    # AdamW divides each step by the gradient's recent size, so at this scale the cap has
    # little to do (m17-l03). Plain SGD steps by the gradient itself: there one steep batch
    # throws the weights far, the next gradient is larger still, and only the cap stops it.
    "no_clip": ("no gradient clipping, plain SGD", replace(NORMAL, lr=8.0, sgd=True, max_norm=math.inf)),
    "bad_init": ("broken initialisation", replace(NORMAL, init_scale=50.0)),
    # At the recipe's rate the model takes thousands of iterations to find the leak; ten
    # times the rate finds it in about 300 at either size (at demo size, not yet at 150).
    "no_mask": ("causal mask left off", replace(NORMAL, lr=1e-2, causal=False, steps=300)),
}


def preset_length(preset: str, steps: int) -> int:
    """How long a preset runs: its own length if it fixes one, else the widget's, but never
    less than the recipe's warmup: most symptoms build as the rate climbs to its peak."""
    return PRESETS[preset][1].steps or max(steps, WARMUP)


def every(steps: int) -> int:
    """How often a long run is evaluated and sampled: every 200 iterations, or four times
    in a short run."""
    return 200 if steps >= 800 else max(5, steps // 4)
