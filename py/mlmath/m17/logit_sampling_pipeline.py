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

from ..show import char, fixed, num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of, whole
from ..widgets.controls import Button, Choice, Slider

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
    return fixed(v, 3) if v == 0 or v >= 0.001 else sci(v)


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
        shown = config.pop("knobs", list(KNOBS))
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
        if not isinstance(shown, list) or any(x not in KNOBS for x in shown):
            raise ValueError(f"logit_sampling_pipeline: knobs is a list drawn from {list(KNOBS)}, not {shown!r}")
        if isinstance(p, bool) or not isinstance(p, (int, float)) or round(p, 2) not in PS:
            raise ValueError("logit_sampling_pipeline: p must be 0.05 to 1 in steps of 0.05")
        self.max_steps = whole(self.name, "max_steps", max_steps, 1, 200)
        self.prompt, self.shown, self.seed = prompt, shown, str(seed)
        self.knobs = {"T": Choice("T", "temperature T", TEMPS, one_of(self.name, "T", t, TEMPS), fmt=num),
                      "k": Slider("k", "top-k (0 = off)", 0, len(self.m.chars), 1,
                                  whole(self.name, "k", k, 0, len(self.m.chars)),
                                  fmt=lambda v: str(v) if v else "off"),
                      "p": Choice("p", "top-p (1 = off)", PS, round(p, 2), fmt=lambda v: "off" if v >= 1 else num(v)),
                      "u": Slider("u", "uniform number u", 0, 0.99, 0.01, 0),
                      "next": Button("next", "Next token: append the drawn character and feed it", self.next_token),
                      "reset": Button("reset", "Reset to the prompt", self.reset)}
        self.reset()

    @property
    def t(self):
        return self.knobs["T"].value

    @property
    def k(self):
        return self.knobs["k"].value

    @property
    def p(self):
        return self.knobs["p"].value

    @property
    def u(self):
        return self.knobs["u"].value

    @u.setter
    def u(self, u):
        self.knobs["u"].value = u      # a draw from the stream, kept exact (the slider moves in hundredths)

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
        return {**super().values(), "kept": s["kept"], "mass": s["mass"],
                "pick": self.m.chars[s["pick_id"]], "pick_rank": s["pick_rank"], "p_pick": s["final"][s["pick_id"]],
                "steps": len(self.generated), "period": period(self.prompt + self.generated)}

    def set_values(self, values):
        """T, k, p; then steps (start over, then that many Next token presses, the first drawing
        with u if given); the rest is computed and must agree."""
        values = dict(values)
        steps, u = values.pop("steps", None), values.pop("u", None)
        super().set_values({key: values.pop(key) for key in ("T", "k", "p") if key in values})
        if steps is not None:
            self.reset()
        if u is not None:
            self.u = number(self.name, "u", u, 0, 1)
        for _ in range(whole(self.name, "steps", steps, 0, self.max_steps) if steps is not None else 0):
            self.next_token()
        super().set_values(values)

    def __repr__(self):
        return f"<logit_sampling_pipeline T={num(self.t)} k={self.k} p={self.p} u={fixed(self.u, 3)}>"

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
        out.append(S.text(10, 20, "text:", "small muted", "start"))
        out.append(S.text(48, 20, shown_prompt + shown_gen + "\u2581", "small", "start"))
        if n_gen:
            out.append(S.text(48, 36, f"{n_gen} generated: " + shown_gen[-56:], "small accent", "start"))
        ranked = self.ranked()
        rows = ranked[:ROWS]
        rest = ranked[ROWS:]
        z = self.logits
        low = min(0.0, min(z))
        span = max(max(z) - low, 1e-9)
        out += [S.text(x0, TOP - 14, title, "small accent2", "start") for title, x0 in PANELS]
        # an arrow after each panel: to the next, and from the last to the stick
        out += [S.text(x0 + PANEL_W + 14, TOP + ROW_H * 4, "\u2192", "muted") for _, x0 in PANELS]
        out.append(S.text(STICK_X - 12, TOP - 14, "draw with u", "small accent2", "start"))
        for r in range(ROWS + 1):
            y = TOP + r * ROW_H
            if r < ROWS:
                i = rows[r]
                out.append(S.text(44, y + 15, char(chars[i]), "small accent3" if i == s["pick_id"] else "small", "end"))
            else:
                out.append(S.text(44, y + 15, "rest", "small muted", "end"))
            # panel 1: the logit, as a bar from the panel's zero line
            x0 = PANELS[0][1]
            if r < ROWS:
                a, b = sorted((x0 - low / span * 70, x0 + (z[i] - low) / span * 70))
                out.append(S.rect(a, y + 4, max(b - a, 1), ROW_H - 8, "accent"))
                out.append(S.text(x0 + 74, y + 15, fixed(z[i]), "small", "start"))
            else:
                out.append(S.text(x0, y + 15, f"{len(rest)} more characters", "small muted", "start"))
            # panels 2-4: probabilities after each stage
            for (title, x0), (_, probs) in zip(PANELS[1:], st):
                v = probs[i] if r < ROWS else sum(probs[j] for j in rest)
                if v == 0:
                    out.append(S.rect(x0, y + 4, 66, ROW_H - 8, "bad nofill", opacity=0))
                    out.append(S.text(x0 + 70, y + 15, "cut", "small bad", "start"))
                else:
                    out.append(S.rect(x0, y + 4, max(66 * v, 1), ROW_H - 8,
                                      "accent3" if r < ROWS and i == s["pick_id"] else "accent"))
                    out.append(S.text(x0 + 70, y + 15, fmt_p(v), "small", "start"))
        # the stick: the final probabilities in token order, u marked
        out.append(S.rect(STICK_X, STICK_TOP, 22, STICK_H, "muted nofill"))
        acc = 0.0
        seg = 0
        for i, v in enumerate(s["final"]):
            if v <= 0:
                continue
            y0, y1 = STICK_TOP + acc * STICK_H, STICK_TOP + (acc + v) * STICK_H
            acc += v
            picked = i == s["pick_id"]
            out.append(S.rect(STICK_X, y0, 22, max(y1 - y0, 0.5),
                              "accent3" if picked else ("accent" if seg % 2 == 0 else "accent2"), opacity=0.85))
            seg += 1
            if y1 - y0 >= 9:
                out.append(S.text(STICK_X + 30, (y0 + y1) / 2 + 4, char(chars[i]), "small accent3" if picked else "small",
                                  "start"))
        yu = STICK_TOP + self.u * STICK_H
        out.append(S.line(STICK_X - 14, yu, STICK_X + 26, yu, "bad"))
        out.append(S.text(STICK_X - 16, yu + 4, f"u={fixed(self.u)}", "small bad", "end"))
        out.append(S.text(STICK_X - 2, STICK_TOP + STICK_H + 16, "0 at top, 1 at bottom", "small muted", "start"))
        return out

    def readouts(self):
        s = self.stats()
        c = self.m.chars[s["pick_id"]]
        k = "off" if not self.k else str(self.k)
        p = "off" if self.p >= 1 else num(self.p)
        out = [
            {"label": "settings", "value": f"T = {num(self.t)}, top-k {k}, top-p {p}"},
            {"label": "characters kept", "value": f"{s['kept']} of {len(self.m.chars)}"},
            {"label": "mass they held before renormalising", "value": fixed(s["mass"], 3)},
            {"label": "u", "value": fixed(self.u, 3)},
            {"label": "drawn", "value": f"{char(c)} ({name(c)}), rank {s['pick_rank']} by logit, "
                                        f"p = {fmt_p(s['final'][s['pick_id']])}"},
            {"label": "characters generated", "value": f"{len(self.generated)} of {self.max_steps}"},
        ]
        per = period(self.prompt + self.generated)
        if per:
            unit = "".join(char(ch) for ch in (self.prompt + self.generated)[-per:])
            out.append({"label": "stuck in a loop", "value": f"the text ends on \u201c{unit}\u201d three times over"})
        return out

    def controls(self):
        return [self.knobs[key].control() for key in (*KNOBS, "next", "reset") if key in self.shown or key not in KNOBS]
