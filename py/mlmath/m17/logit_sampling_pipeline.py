"""From a trained model's logits to one sampled character, every stage side by side, inside the
autoregressive loop.

The model is the small trained GPT of lesson m16-l03 (mlmath.m17.l05_decode runs it in pure
Python with a KV cache). After the prompt it gives 65 logits for the next character. The widget
shows the eight likeliest characters (and the rest as one row) through the engine's pipeline,
mlmath.gpt.sample.transforms, in its fixed order:

    logits z  ->  softmax(z / T)  ->  top-k (renormalised)  ->  top-p (renormalised)  ->  draw

The draw lays the surviving probabilities along a stick in token order and picks the character
whose piece holds the uniform number u (mlmath.gpt.sample.pick). **Next token** appends that
character, feeds it to the model (one position, keys and values cached) and shows the new
distribution; u then becomes the next number of the seeded stream Rng(seed, "sample"), as the
engine's sampler does.

    ```widget logit_sampling_pipeline
    id = "pipe"
    prompt = "ROMEO:\\n"
    knobs = ["T", "k", "p", "u"]      # which sliders to show (any of these); [] fixes them
    T = 1                             # one of TEMPS
    k = 0                             # 0 = top-k off
    p = 1                             # top-p, 0.05 to 1 in steps of 0.05; 1 = off
    seed = "m17-l05"                  # the uniform stream for u
    max_steps = 40                    # how many characters Next token may add
    goal = { text = "...", check = "k == 0 and kept == 3 and pick_rank == 3", solution = { p = 0.7, u = 0.9 } }
    ```

values() for goals: T, k, p, u, kept (characters left after both cuts), mass (the probability
the kept characters held after temperature, before renormalising), pick (the drawn character),
pick_rank (its rank by logit, 1 = likeliest), p_pick (its final probability), steps (characters
appended), period (the length of a unit the text ends on three times over, 1 to 8; 0 if none).
set_values takes T, k, p, u and steps (reset, then that many Next token presses).
"""

from ..widgets import register
from ..widgets.base import Widget, one_of, whole
from ..show import char, fixed, num

TEMPS = (0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 1, 1.2, 1.5, 2, 3)
PS = tuple(round(0.05 * i, 2) for i in range(1, 21))
KNOBS = ("T", "k", "p", "u")
NAME = {" ": "space", "\n": "newline"}
ROWS = 8
W, H = 720, 330
TOP, ROW_H = 70, 24
PANELS = [("logits z", 52), ("softmax(z / T)", 182), ("top-k", 312), ("top-p", 442)]
PANEL_W = 104
STICK_X, STICK_TOP, STICK_H = 600, TOP - 6, ROW_H * (ROWS + 1) + 2


def name(c):
    return NAME.get(c, c)


def fmt_p(v):
    if v == 0:
        return "0"
    return f"{v:.3f}" if v >= 0.001 else f"{v:.1e}"


def period(text):
    """The shortest unit (1 to 8 characters) the text ends on three times over; 0 if none."""
    for n in range(1, 9):
        if len(text) >= 3 * n and text[-n:] * 3 == text[-3 * n:]:
            return n
    return 0


@register
class LogitSamplingPipeline(Widget):
    name = "logit_sampling_pipeline"
    width, height = W, H

    def configure(self, config):
        prompt = config.pop("prompt", "ROMEO:\n")
        knobs = config.pop("knobs", list(KNOBS))
        t = config.pop("T", 1)
        k = config.pop("k", 0)
        p = config.pop("p", 1)
        seed = config.pop("seed", "m17-l05")
        max_steps = config.pop("max_steps", 40)
        super().configure(config)
        from mlmath.m17.l05_decode import model
        self.m = model()
        if not isinstance(prompt, str) or not prompt or any(c not in self.m.index for c in prompt):
            raise ValueError("logit_sampling_pipeline: prompt must be non-empty text in the model's 65 characters")
        if not isinstance(knobs, list) or any(x not in KNOBS for x in knobs):
            raise ValueError(f"logit_sampling_pipeline: knobs is a list drawn from {list(KNOBS)}, not {knobs!r}")
        one_of(self.name, "T", t, TEMPS)
        whole(self.name, "k", k, 0, len(self.m.chars))
        if isinstance(p, bool) or round(p, 2) not in PS:
            raise ValueError("logit_sampling_pipeline: p must be 0.05 to 1 in steps of 0.05")
        self.max_steps = whole(self.name, "max_steps", max_steps, 1, 200)
        self.prompt, self.knobs, self.seed = prompt, list(knobs), str(seed)
        self.t, self.k, self.p = t, k, round(p, 2)
        self.reset()

    # The model and the loop ------------------------------------------------------------------
    def reset(self):
        from mlmath.gpt.prng import Rng
        from mlmath.m17.l05_decode import Decoder
        self.rng = Rng(self.seed, "sample")
        self.u = self.rng.random()
        self.window = self.m.encode(self.prompt)[-self.m.cfg.block_size:]
        self.dec = Decoder(self.m)
        for tok in self.window:
            self.logits = self.dec.feed(tok)
        self.generated = ""

    def next_token(self):
        """Append the drawn character and feed it: the engine's loop, one turn."""
        from mlmath.m17.l05_decode import Decoder
        if len(self.generated) >= self.max_steps:
            return
        tok = self.stats()["pick_id"]
        self.generated += self.m.chars[tok]
        self.window.append(tok)
        T = self.m.cfg.block_size
        if len(self.window) > T:        # the engine's policy: keep the last half, re-encode it
            self.window = self.window[-(T // 2):]
            self.dec = Decoder(self.m)
            for w in self.window[:-1]:
                self.dec.feed(w)
        self.logits = self.dec.feed(tok)
        self.u = self.rng.random()

    # The arithmetic --------------------------------------------------------------------------
    def stages(self):
        from mlmath.gpt.sample import transforms
        return transforms(self.logits, self.t, self.k, self.p)

    def ranked(self):
        z = self.logits
        return sorted(range(len(z)), key=lambda i: (-z[i], i))

    def stats(self):
        from mlmath.gpt.sample import pick
        st = self.stages()
        final = st[-1][1]
        tempered = st[0][1]
        tok = pick(final, self.u)
        kept = [i for i, v in enumerate(final) if v > 0]
        return {"stages": st, "final": final, "pick_id": tok, "kept": len(kept),
                "mass": sum(tempered[i] for i in kept), "pick_rank": self.ranked().index(tok) + 1}

    def values(self):
        s = self.stats()
        return {"T": self.t, "k": self.k, "p": self.p, "u": self.u, "kept": s["kept"], "mass": s["mass"],
                "pick": self.m.chars[s["pick_id"]], "pick_rank": s["pick_rank"], "p_pick": s["final"][s["pick_id"]],
                "steps": len(self.generated), "period": period(self.prompt + self.generated)}

    def set_values(self, values):
        values = dict(values)
        steps = values.pop("steps", None)
        for key, v in values.items():
            if key == "T":
                self.t = one_of(self.name, "T", v, TEMPS)
            elif key == "k":
                self.k = int(v)
            elif key == "p":
                self.p = round(float(v), 2)
            elif key == "u":
                self.u = float(v)
            else:
                raise KeyError(f"logit_sampling_pipeline sets T, k, p, u and steps, not {key!r}")
        if steps is not None:
            u = self.u
            self.reset()
            if "u" in values:
                self.u = u
            for _ in range(int(steps)):
                self.next_token()

    def handle(self, event):
        if event.get("type") != "input":
            return
        cid, value = event.get("id"), event.get("value")
        try:
            if cid == "T":
                self.t = TEMPS[min(max(int(value), 0), len(TEMPS) - 1)]
            elif cid == "k":
                self.k = min(max(int(value), 0), len(self.m.chars))
            elif cid == "p":
                self.p = PS[min(max(int(value), 0), len(PS) - 1)]
            elif cid == "u":
                self.u = min(max(int(value), 0), 99) / 100
            elif cid == "next":
                self.next_token()
            elif cid == "reset":
                self.reset()
        except (TypeError, ValueError):
            pass

    def __repr__(self):
        return f"<logit_sampling_pipeline T={num(self.t)} k={self.k} p={self.p} u={self.u:.3f}>"

    # The scene ---------------------------------------------------------------------------------
    def shapes(self):
        s = self.stats()
        st = s["stages"]
        chars = self.m.chars
        out = []
        # the text so far: prompt muted, generated accent, the last 64 characters
        text = (self.prompt + self.generated)[-64:]
        n_gen = min(len(self.generated), len(text))
        shown_prompt = "".join(char(c) for c in text[:len(text) - n_gen])
        shown_gen = "".join(char(c) for c in text[len(text) - n_gen:])
        out.append({"t": "text", "x": 10, "y": 20, "s": "text:", "anchor": "start", "cls": "small muted"})
        out.append({"t": "text", "x": 48, "y": 20, "s": shown_prompt + shown_gen + "\u2581", "anchor": "start",
                    "cls": "small"})
        if n_gen:
            out.append({"t": "text", "x": 48, "y": 36, "s": f"{n_gen} generated: " + shown_gen[-56:],
                        "anchor": "start", "cls": "small accent"})
        ranked = self.ranked()
        rows = ranked[:ROWS]
        rest = ranked[ROWS:]
        z = self.logits
        zmax, zmin = max(z), min(z)
        span = max(zmax - min(0.0, zmin), 1e-9)
        for title, x0 in PANELS:
            out.append({"t": "text", "x": x0, "y": TOP - 14, "s": title, "anchor": "start", "cls": "small accent2"})
        for _, x0 in PANELS:   # an arrow after each panel: to the next, and from the last to the stick
            out.append({"t": "text", "x": x0 + PANEL_W + 14, "y": TOP + ROW_H * 4, "s": "\u2192", "cls": "muted"})
        out.append({"t": "text", "x": STICK_X - 12, "y": TOP - 14, "s": "draw with u", "anchor": "start",
                    "cls": "small accent2"})
        for r in range(ROWS + 1):
            y = TOP + r * ROW_H
            if r < ROWS:
                i = rows[r]
                lab = char(chars[i])
                cls = "small accent3" if i == s["pick_id"] else "small"
            else:
                lab, cls = "rest", "small muted"
            out.append({"t": "text", "x": 44, "y": y + 15, "s": lab, "anchor": "end", "cls": cls})
            # panel 1: the logit, as a bar from the panel's zero line
            x0 = PANELS[0][1]
            zero = x0 + (0 - min(0.0, zmin)) / span * 70
            if r < ROWS:
                v = z[i]
                a, b = sorted((zero, x0 + (v - min(0.0, zmin)) / span * 70))
                out.append({"t": "rect", "x": round(a, 1), "y": y + 4, "w": round(max(b - a, 1), 1), "h": ROW_H - 8,
                            "cls": "accent"})
                out.append({"t": "text", "x": x0 + 74, "y": y + 15, "s": fixed(v),
                            "anchor": "start", "cls": "small"})
            else:
                out.append({"t": "text", "x": x0, "y": y + 15, "s": f"{len(rest)} more characters",
                            "anchor": "start", "cls": "small muted"})
            # panels 2-4: probabilities after each stage
            for (title, x0), (_, probs) in zip(PANELS[1:], st):
                v = probs[i] if r < ROWS else sum(probs[j] for j in rest)
                cut = v == 0
                w = 66 * v
                if cut:
                    out.append({"t": "rect", "x": x0, "y": y + 4, "w": 66, "h": ROW_H - 8, "cls": "bad nofill",
                                "opacity": 0})
                    out.append({"t": "text", "x": x0 + 70, "y": y + 15, "s": "cut", "anchor": "start", "cls": "small bad"})
                else:
                    out.append({"t": "rect", "x": x0, "y": y + 4, "w": round(max(w, 1), 1), "h": ROW_H - 8,
                                "cls": "accent3" if r < ROWS and i == s["pick_id"] else "accent"})
                    out.append({"t": "text", "x": x0 + 70, "y": y + 15, "s": fmt_p(v), "anchor": "start", "cls": "small"})
        # the stick: the final probabilities in token order, u marked
        final = s["final"]
        out.append({"t": "rect", "x": STICK_X, "y": STICK_TOP, "w": 22, "h": STICK_H, "cls": "muted nofill"})
        acc = 0.0
        seg = 0
        for i, v in enumerate(final):
            if v <= 0:
                continue
            y0, y1 = STICK_TOP + acc * STICK_H, STICK_TOP + (acc + v) * STICK_H
            acc += v
            cls = "accent3" if i == s["pick_id"] else ("accent" if seg % 2 == 0 else "accent2")
            seg += 1
            out.append({"t": "rect", "x": STICK_X, "y": round(y0, 1), "w": 22, "h": round(max(y1 - y0, 0.5), 1),
                        "cls": cls, "opacity": 0.85})
            if y1 - y0 >= 9:
                out.append({"t": "text", "x": STICK_X + 30, "y": round((y0 + y1) / 2 + 4, 1), "s": char(chars[i]),
                            "anchor": "start", "cls": "small accent3" if i == s["pick_id"] else "small"})
        yu = round(STICK_TOP + self.u * STICK_H, 1)
        out.append({"t": "line", "x1": STICK_X - 14, "y1": yu, "x2": STICK_X + 26, "y2": yu, "cls": "bad"})
        out.append({"t": "text", "x": STICK_X - 16, "y": yu + 4, "s": f"u={self.u:.2f}", "anchor": "end",
                    "cls": "small bad"})
        out.append({"t": "text", "x": STICK_X - 2, "y": STICK_TOP + STICK_H + 16, "s": "0 at top, 1 at bottom",
                    "anchor": "start", "cls": "small muted"})
        return out

    def readouts(self):
        s = self.stats()
        c = self.m.chars[s["pick_id"]]
        k = "off" if not self.k else str(self.k)
        p = "off" if self.p >= 1 else num(self.p)
        out = [
            {"label": "settings", "value": f"T = {num(self.t)}, top-k {k}, top-p {p}"},
            {"label": "characters kept", "value": f"{s['kept']} of {len(self.m.chars)}"},
            {"label": "mass they held before renormalising", "value": f"{s['mass']:.3f}"},
            {"label": "u", "value": f"{self.u:.3f}"},
            {"label": "drawn", "value": f"{char(c)} ({name(c)}), rank {s['pick_rank']} by logit, p = {fmt_p(s['final'][s['pick_id']])}"},
            {"label": "characters generated", "value": f"{len(self.generated)} of {self.max_steps}"},
        ]
        per = period(self.prompt + self.generated)
        if per:
            unit = "".join(char(ch) for ch in (self.prompt + self.generated)[-per:])
            out.append({"label": "stuck in a loop", "value": f"the text ends on \u201c{unit}\u201d three times over"})
        return out

    def controls(self):
        out = []
        if "T" in self.knobs:
            out.append({"kind": "range", "id": "T", "label": "temperature T", "min": 0, "max": len(TEMPS) - 1,
                        "step": 1, "value": TEMPS.index(self.t), "display": num(self.t)})
        if "k" in self.knobs:
            out.append({"kind": "range", "id": "k", "label": "top-k (0 = off)", "min": 0, "max": len(self.m.chars),
                        "step": 1, "value": self.k, "display": "off" if not self.k else str(self.k)})
        if "p" in self.knobs:
            out.append({"kind": "range", "id": "p", "label": "top-p (1 = off)", "min": 0, "max": len(PS) - 1,
                        "step": 1, "value": PS.index(self.p) if self.p in PS else len(PS) - 1,
                        "display": "off" if self.p >= 1 else num(self.p)})
        if "u" in self.knobs:
            out.append({"kind": "range", "id": "u", "label": "uniform number u", "min": 0, "max": 99, "step": 1,
                        "value": min(int(round(self.u * 100)), 99), "display": f"{self.u:.2f}"})
        out.append({"kind": "button", "id": "next", "label": "Next token: append the drawn character and feed it"})
        out.append({"kind": "button", "id": "reset", "label": "Reset to the prompt"})
        return out
