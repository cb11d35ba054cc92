"""A seed is a run's identity; a checkpoint is its weights as one file.

mode "identity": type a seed, train a short run from it, and read the SHA-256 of the
weights in a table of runs: equal seeds give equal hashes, a new seed a new one.
mode "file": save the current model as .safetensors (a download), load one back (a file
picker); a bad file is refused with its reason and the model on the GPU is untouched.
"""

import asyncio
import base64

from .recipe import SIZE_NAMES
from .session import session
from ..gpt.checkpoint import CheckpointError
from ..show import commas
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from .capstone_common import set_size, size_button

ROW = 22


@register
class CapstoneCheckpoint(Widget):
    name = "capstone_checkpoint"
    width, height = 640, 190

    def configure(self, config):
        self.mode = one_of(self.name, "mode", config.pop("mode", "identity"), ("identity", "file"))
        self.run_steps = whole(self.name, "steps", config.pop("steps", 60), 1, 10_000)
        super().configure(config)
        self.s = session()
        self.s.watch(self)
        self.s.look_up_soon()
        self.history = []        # (seed, iterations, size, sha256) of each finished run
        self.sha = None          # of the model on the GPU, when last computed
        self.message = ""
        self.download = None     # (filename, data URL) of the last saved file
        self.saved_sha = None
        self.credit = {}

    # -- goals ---------------------------------------------------------------------------------
    def values(self):
        same = other = 0
        for i, (seed, n, size, sha) in enumerate(self.history):
            for seed2, n2, size2, sha2 in self.history[:i]:
                if (n, size) == (n2, size2):
                    same |= seed == seed2 and sha == sha2
                    other |= seed != seed2 and sha != sha2
        round_trip = int(self.saved_sha is not None and self.loaded_sha == self.saved_sha)
        v = {"same_seed_match": int(same), "other_seed_differs": int(other), "round_trip": round_trip}
        return {**{k: max(v[k], self.credit.get(k, 0)) for k in v}, "no_webgpu": int(bool(self.s.problem))}

    loaded_sha = None

    def set_values(self, values):
        self.credit.update({k: int(v) for k, v in values.items()})

    # -- events ----------------------------------------------------------------------------------
    def handle(self, event):
        if event.get("type") != "input":
            return
        cid, value, s = event["id"], event.get("value"), self.s
        if cid == "seed":
            s.seed = str(value)
        elif cid == "size":
            set_size(s, value)
        elif cid == "train":
            s.steps = self.run_steps
            s.start(evaluate=False)  # only the weights matter here
            seed, size, run = s.seed, s.size, s.run
            s.task.add_done_callback(lambda t: asyncio.ensure_future(self.finished(run, seed, size)))
            self.message = f"Training {self.run_steps} iterations from seed {seed!r}…"
        elif cid == "save":
            asyncio.ensure_future(self.save())
        elif cid == "load":
            asyncio.ensure_future(self.load(value))
        elif cid == "restore":
            asyncio.ensure_future(self.guard(self.restore()))

    async def guard(self, job):
        try:
            await job
        except Exception as e:  # noqa: BLE001 - shown to the learner
            self.message = f"{type(e).__name__}: {e}"
        self.refresh()

    async def finished(self, run, seed, size):
        if run.step < run.steps or run is not self.s.run or self.s.engine is None:
            return  # stopped early, or replaced by another run: no fingerprint to record
        self.sha = await self.s.sha256()
        self.history.append((seed, self.s.model["step"], size, self.sha))
        self.message = f"Seed {seed!r} trained: its weights hash to {self.sha[:16]}…"
        self.refresh()

    async def restore(self):
        if await self.s.restore():
            self.sha = await self.s.sha256()
            self.message = "Loaded the model stored in this browser."
        else:
            self.message = "No model is stored in this browser yet: train one first."

    async def save(self):
        if self.s.engine is None:
            self.message = "There is no model on the GPU yet: train one, or load the stored one."
        else:
            blob = await self.s.checkpoint_bytes()
            self.saved_sha = self.sha = await self.s.sha256()
            m = self.s.model
            name = f"tinygpt-{m['seed']}-{m['step']}.safetensors".replace(" ", "_")
            self.download = (name, "data:application/octet-stream;base64," + base64.b64encode(blob).decode())
            self.message = f"{commas(len(blob))} bytes ready: use the download link."
        self.refresh()

    async def load(self, value):
        try:
            blob = base64.b64decode((value or {}).get("base64", ""), validate=True)
            await self.s.load_checkpoint(blob)
        except (CheckpointError, ValueError) as e:
            self.message = f"Not loaded: {e}." + (" The model on the GPU is unchanged." if self.s.engine else "")
        except Exception as e:  # noqa: BLE001 - no GPU, for one
            self.message = f"Not loaded: {type(e).__name__}: {e}"
        else:
            self.loaded_sha = self.sha = await self.s.sha256()
            self.message = f"Loaded {value.get('name', 'the file')}: seed {self.s.model['seed']!r}, " \
                           f"{self.s.model['step']} iterations."
        self.refresh()

    # -- the picture -------------------------------------------------------------------------------
    def shapes(self):
        first, second = ("seed", "iterations") if self.mode == "identity" else ("weights", "")
        out = [S.text(10, 18, first, "small muted", "start"), S.text(170, 18, second, "small muted", "start"),
               S.text(250, 18, "SHA-256 of the weights (first 32 hex digits)", "small muted", "start")]
        rows = self.history[-7:] if self.mode == "identity" else []
        if self.mode == "file":
            for label, sha in (("on the GPU", self.sha), ("saved file", self.saved_sha), ("loaded file", self.loaded_sha)):
                rows.append((label, "", "", sha))
        for i, (seed, n, size, sha) in enumerate(rows):
            y = 40 + i * ROW
            twins = sum(1 for r in rows if r[3] == sha and sha)
            out += [S.text(10, y, str(seed)[:22], "", "start"),
                    S.text(170, y, f"{n} {'(demo)' if size == 'tiny' else ''}", "", "start"),
                    S.text(250, y, sha[:32] if sha else "\u2014", "good" if twins > 1 else "", "start")]
        if not rows:
            out.append(S.text(10, 44, "No runs yet: type a seed and train.", "muted", "start"))
        return out

    def readouts(self):
        s = self.s
        out = [{"label": "", "value": self.message or s.status()}]
        if s.model:
            out.append({"label": "model", "value": f"seed {s.model['seed']!r}, {s.model['step']} iterations, {s.model['size']}"})
        if self.sha:
            out.append({"label": "SHA-256", "value": self.sha})
        return out

    def controls(self):
        s = self.s
        if self.mode == "identity":
            return [{"kind": "text", "id": "seed", "label": "seed", "value": s.seed},
                    {"kind": "button", "id": "train", "label": f"Train {self.run_steps} iterations from this seed",
                     "disabled": s.training},
                    size_button(s)]
        out = [{"kind": "button", "id": "save", "label": "Save the weights as .safetensors"}]
        if self.download:
            out.append({"kind": "download", "id": "download", "label": f"Download {self.download[0]}",
                        "filename": self.download[0], "data_url": self.download[1]})
        out.append({"kind": "file", "id": "load", "label": "Load a checkpoint", "accept": ".safetensors"})
        if s.stored:
            out.append({"kind": "button", "id": "restore",
                        "label": f"Load the model stored in this browser ({SIZE_NAMES.get(s.stored.get('size'), '')}, "
                                 f"iteration {s.stored['step']})"})
        return out
