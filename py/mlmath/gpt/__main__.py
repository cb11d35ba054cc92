"""python -m mlmath.gpt train|sample: the engine from a terminal, with one-line errors."""

import argparse
import asyncio
from pathlib import Path

from ..data import shakespeare
from . import checkpoint
from .checkpoint import CheckpointError
from .engine import Engine
from .gpu import GpuError, load_wgsl, open_gpu
from .model import Config, init_params, n_params
from .sample import generate
from .tokenizer import Tokenizer
from .train import Windows, estimate, train


def read_text(path):
    try:
        return Path(path).read_text(encoding="utf-8") if path else shakespeare()
    except OSError as e:
        raise SystemExit(f"error: cannot read the training text: {e}") from None


async def cmd_train(args):
    text = read_text(args.data)
    tok = Tokenizer.from_text(text)
    cfg = Config(vocab_size=len(tok.chars))
    ids = tok.encode(text)
    engine = await Engine.create(await open_gpu(), cfg, args.batch, ids, load_wgsl)
    engine.set_params(init_params(cfg, args.seed))
    print(f"{n_params(cfg):,} parameters, {len(engine.train_step)} dispatches per step")
    windows = Windows(len(ids), cfg.block_size)
    show_eval = lambda s, est: print(f"step {s:5d}  train {est['train']:.4f}  val {est['val']:.4f}",
                                     flush=True)
    await train(engine, windows, args.seed, args.steps, loss_every=args.loss_every,
                on_loss=lambda s, loss: print(f"step {s:5d}  loss {loss:.4f}", flush=True),
                eval_every=args.eval_every, on_eval=show_eval)
    if not args.eval_every or args.steps % args.eval_every:
        show_eval(args.steps, await estimate(engine, windows, args.seed, args.steps))
    flat = await engine.fetch(engine.params)
    Path(args.out).write_bytes(checkpoint.to_bytes(cfg, flat, tok.chars, args.seed, args.steps))
    print(f"wrote {args.out}")


async def cmd_sample(args):
    try:
        blob = Path(args.checkpoint).read_bytes()
    except OSError as e:
        raise SystemExit(f"error: cannot read {args.checkpoint}: {e.strerror}") from None
    cfg, flat, meta = checkpoint.from_bytes(blob)
    tok = Tokenizer(meta["vocab"])
    engine = await Engine.create(await open_gpu(), cfg, 1, [0] * (cfg.block_size + 1), load_wgsl)
    engine.set_params(flat)
    print(args.prompt, end="", flush=True)
    await generate(engine, tok, args.prompt, args.tokens, args.temperature, args.top_k, args.top_p,
                   seed=args.seed, on_token=lambda ch, _: print(ch, end="", flush=True))
    print()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m mlmath.gpt")
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("--seed", default="mlmath")
    t.add_argument("--steps", type=int, default=3000)
    t.add_argument("--batch", type=int, default=32)
    t.add_argument("--loss-every", type=int, default=10)
    t.add_argument("--eval-every", type=int, default=500,
                   help="train/val estimates every N steps and at the end")
    t.add_argument("--data")
    t.add_argument("--out", default="model.safetensors")
    s = sub.add_parser("sample")
    s.add_argument("checkpoint")
    s.add_argument("--prompt", default="\n")
    s.add_argument("--tokens", type=int, default=300)
    s.add_argument("--temperature", type=float, default=1.0)
    s.add_argument("--top-k", type=int, default=0)
    s.add_argument("--top-p", type=float, default=1.0)
    s.add_argument("--seed", default="sample")
    args = parser.parse_args(argv)
    try:
        asyncio.run(cmd_train(args) if args.command == "train" else cmd_sample(args))
    except (GpuError, CheckpointError, ValueError) as e:
        raise SystemExit(f"error: {e}") from None


if __name__ == "__main__":
    main()
