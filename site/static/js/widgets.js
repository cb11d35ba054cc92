// Draws a widget's scene (plain data from its Python class) as SVG and form controls,
// and sends the learner's drags, keys and inputs back to Python.
//
// Elements are patched in place, index by index, so a handle being dragged or
// focused keeps its identity across redraws. At most one drag event is in flight;
// newer positions replace older ones while Python answers, so a drag never lags.

const SVG = "http://www.w3.org/2000/svg";
const KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", "Enter", " "]);

function attrsOf(s) {
  switch (s.t) {
    case "line": return ["line", { x1: s.x1, y1: s.y1, x2: s.x2, y2: s.y2 }];
    case "rect": return ["rect", { x: s.x, y: s.y, width: s.w, height: s.h, rx: s.rx ?? 0 }];
    case "circle": return ["circle", { cx: s.cx, cy: s.cy, r: s.r }];
    case "text": return ["text", { x: s.x, y: s.y, "text-anchor": s.anchor ?? "middle" }];
    case "path": return ["path", { d: s.d }];
    case "poly": return ["polyline", { points: s.pts.map((p) => p.join(",")).join(" ") }];
    default: throw new Error(`unknown shape ${s.t}`);
  }
}

function patchShape(svg, index, s) {
  const [tag, attrs] = attrsOf(s);
  let el = svg.children[index];
  if (!el || el.tagName !== tag) {
    const fresh = document.createElementNS(SVG, tag);
    el ? svg.replaceChild(fresh, el) : svg.appendChild(fresh);
    el = fresh;
  }
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.setAttribute("class", (s.cls ?? "") + (s.handle ? " handle" : ""));
  if (s.opacity !== undefined) el.setAttribute("fill-opacity", s.opacity);
  else el.removeAttribute("fill-opacity");
  if (s.t === "text" && el.textContent !== s.s) el.textContent = s.s;
  if (s.handle) {
    el.dataset.handle = s.handle;
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", s.value !== undefined ? "slider" : "button");
    el.setAttribute("aria-label", s.label ?? s.handle);
    if (s.value !== undefined) el.setAttribute("aria-valuetext", s.value);
    if (s.focus && svg.contains(document.activeElement) && document.activeElement !== el) el.focus({ preventScroll: true });
  } else if (el.dataset.handle) {
    delete el.dataset.handle;
    for (const a of ["tabindex", "role", "aria-label", "aria-valuetext"]) el.removeAttribute(a);
  }
}

// Controls that are not form inputs: a link that downloads bytes a widget made, a block
// of text (or code, coloured by the widget's own tokens: [[cls, text], ...] with the
// hl-* classes of the code cells), and a file picker that sends the chosen file as base64.
function makeBlock(c, send) {
  if (c.kind === "download") return Object.assign(document.createElement("a"), { className: "download" });
  if (c.kind === "code") {
    const pre = Object.assign(document.createElement("pre"), { className: "widget-code", tabIndex: 0 });
    Object.assign(pre.style, { flexBasis: "100%", maxHeight: `${c.rows ?? 20}lh`, overflowY: "auto", margin: ".3rem 0" });
    return pre;
  }
  const label = document.createElement("label");
  const input = Object.assign(document.createElement("input"), { type: "file" });
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    send({ type: "input", id: c.id, value: { name: file.name, base64: btoa(binary) } });
    input.value = "";
  });
  label.append(document.createElement("span"), input);
  return label;
}

function patchBlock(wrap, c) {
  if (c.kind === "download") {
    wrap.textContent = c.label;
    wrap.download = c.filename;
    if (wrap.href !== c.data_url) wrap.href = c.data_url;
  } else if (c.kind === "code") {
    wrap.setAttribute("aria-label", c.label);
    wrap.style.whiteSpace = c.wrap ? "pre-wrap" : "pre";
    const key = JSON.stringify(c.tokens);
    if (wrap.dataset.key === key) return;
    wrap.dataset.key = key;
    wrap.replaceChildren(...c.tokens.map(([cls, text]) => {
      if (!cls) return document.createTextNode(text);
      return Object.assign(document.createElement("span"), { className: `hl-${cls}`, textContent: text });
    }));
    if (c.follow) wrap.scrollTop = wrap.scrollHeight;
  } else {
    wrap.firstChild.textContent = c.label;
    wrap.lastChild.accept = c.accept ?? "";
  }
}

const BLOCKS = new Set(["download", "code", "file"]);

function patchControls(box, controls, send) {
  controls.forEach((c, i) => {
    let wrap = box.children[i];
    if (BLOCKS.has(c.kind)) {
      if (!wrap || wrap.dataset.id !== c.id || wrap.dataset.kind !== c.kind) {
        const fresh = makeBlock(c, send);
        fresh.dataset.id = c.id;
        fresh.dataset.kind = c.kind;
        wrap ? box.replaceChild(fresh, wrap) : box.append(fresh);
        wrap = fresh;
      }
      patchBlock(wrap, c);
      return;
    }
    if (!wrap || wrap.dataset.id !== c.id || wrap.dataset.kind !== c.kind) {
      const fresh = document.createElement(c.kind === "button" ? "div" : "label");
      fresh.dataset.id = c.id;
      fresh.dataset.kind = c.kind;
      if (c.kind === "button") {
        const b = document.createElement("button");
        b.type = "button";
        b.addEventListener("click", () => send({ type: "input", id: c.id, value: null }));
        fresh.append(b);
      } else {
        const input = document.createElement("input");
        input.type = c.kind === "range" ? "range" : "text";
        input.addEventListener("input", () => send({ type: "input", id: c.id,
          value: c.kind === "range" ? Number(input.value) : input.value }));
        fresh.append(document.createElement("span"), input, document.createElement("output"));
      }
      wrap ? box.replaceChild(fresh, wrap) : box.append(fresh);
      wrap = fresh;
    }
    if (c.kind === "button") {
      wrap.firstChild.textContent = c.label;
      wrap.firstChild.disabled = !!c.disabled;
      return;
    }
    const [label, input, output] = wrap.children;
    label.textContent = c.label;
    if (c.kind === "range") {
      Object.assign(input, { min: c.min, max: c.max, step: c.step ?? "any" });
      output.textContent = c.display ?? c.value;
    }
    // While the learner drives a control, their value wins over a scene that may lag behind it.
    if (document.activeElement !== input) input.value = c.value;
  });
  while (box.children.length > controls.length) box.lastChild.remove();
}

const BUSY_AFTER_MS = 1500;

export class WidgetView {
  constructor(figure, scene, sendEvent, onGoal, stop, passedBefore = () => false) {
    this.stop = stop;
    this.passedBefore = passedBefore;
    this.figure = figure;
    this.svg = figure.querySelector("svg.canvas");
    this.controls = figure.querySelector(".controls");
    this.readouts = figure.querySelector(".readouts");
    this.goal = figure.querySelector(".goal");
    this.sendEvent = sendEvent;
    this.onGoal = onGoal;
    this.inFlight = false;
    this.queue = [];
    this.draw(scene);
    this.listen();
  }

  draw(scene) {
    if (scene.error) {
      this.goal.textContent = `This widget hit an error: ${scene.error}`;
      this.goal.classList.add("bad");
      return;
    }
    this.scene = scene;
    this.svg.setAttribute("viewBox", `0 0 ${scene.w} ${scene.h}`);
    scene.shapes.forEach((s, i) => patchShape(this.svg, i, s));
    while (this.svg.children.length > scene.shapes.length) this.svg.lastChild.remove();
    patchControls(this.controls, scene.controls, (e) => this.send(e));
    this.readouts.replaceChildren(...scene.readouts.map((r) => {
      const span = document.createElement("span");
      span.className = "readout";
      span.textContent = r.label ? `${r.label} = ${r.value}` : r.value;
      return span;
    }));
    if (scene.goal) {
      // After a reload the widget starts afresh, but a goal passed before stays passed.
      const earlier = !scene.goal.met && this.passedBefore();
      this.goal.textContent = (scene.goal.met ? "✓ " : earlier ? "✓ Passed before: " : "Goal: ") + scene.goal.text;
      this.goal.classList.toggle("good", scene.goal.met || earlier);
      if (scene.goal.met) this.onGoal?.();
    }
    this.figure.dispatchEvent(new CustomEvent("drawn"));
  }

  // One event in flight at a time. A newer drag (or slider/text value) replaces a
  // queued one, so the widget never lags behind the learner; keys and clicks all
  // count, so they queue.
  send(event) {
    if (this.inFlight) {
      const last = this.queue.at(-1);
      const newer = event.type === "drag" ? last?.type === "drag"
        : event.type === "input" && event.value !== null && last?.type === "input" && last.id === event.id;
      if (newer) this.queue[this.queue.length - 1] = event;
      else this.queue.push(event);
      return;
    }
    this.inFlight = true;
    const busy = setTimeout(() => this.showBusy(true), BUSY_AFTER_MS);
    this.sendEvent(event).then((scene) => {
      clearTimeout(busy);
      this.showBusy(false);
      this.draw(scene);
      this.inFlight = false;
      if (this.queue.length) this.send(this.queue.shift());
    });
  }

  // Python may be running a long cell, or a learner's function handed to this widget may loop.
  showBusy(on) {
    this.busy?.remove();
    this.busy = null;
    if (!on) return;
    this.busy = document.createElement("p");
    this.busy.className = "busy";
    this.busy.setAttribute("role", "status");
    this.busy.textContent = "Python is busy, so this widget is waiting. ";
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: "Stop Python" });
    button.addEventListener("click", () => this.stop());
    this.busy.append(button);
    this.goal.after(this.busy);
  }

  toUnits(e) {
    const p = this.svg.createSVGPoint();
    p.x = e.clientX; p.y = e.clientY;
    const q = p.matrixTransform(this.svg.getScreenCTM().inverse());
    return { x: q.x, y: q.y };
  }

  listen() {
    let dragging = null;
    this.svg.addEventListener("pointerdown", (e) => {
      const handle = e.target.closest("[data-handle]")?.dataset.handle;
      if (!handle) return;
      dragging = handle;
      this.svg.setPointerCapture(e.pointerId);
      e.target.focus?.({ preventScroll: true });
      e.preventDefault();
      this.send({ type: "drag", handle, ...this.toUnits(e) });
    });
    this.svg.addEventListener("pointermove", (e) => {
      if (dragging) this.send({ type: "drag", handle: dragging, ...this.toUnits(e) });
    });
    const end = () => { dragging = null; };
    this.svg.addEventListener("pointerup", end);
    this.svg.addEventListener("pointercancel", end);
    this.svg.addEventListener("keydown", (e) => {
      const handle = e.target.closest?.("[data-handle]")?.dataset.handle;
      if (!handle || !KEYS.has(e.key)) return;
      e.preventDefault();
      this.send({ type: "key", handle, key: e.key === " " ? "Enter" : e.key, shift: e.shiftKey });
    });
  }
}
