// A code cell: an editor, Run / Stop / Reset, inline output, and for exercises the
// hidden check, hints one at a time, and the reference solution on request.
// Everything the learner's code prints is shown as text, never parsed as HTML.
import { attach as highlightEditor } from "./highlight.js";
import { renderMath } from "./math.js";

const HINTS_BEFORE_SOLUTION = 1;

export class Cell {
  constructor(el, spec, { kernel, saved, onEdit, onPass, onScenes, runAbove, onRan }) {
    this.runAbove = runAbove;
    this.onRan = onRan;
    this.el = el;
    this.id = el.dataset.cell;
    this.spec = spec;
    this.kernel = kernel;
    this.onEdit = onEdit;
    this.onPass = onPass;
    this.onScenes = onScenes;
    this.code = el.querySelector("textarea");
    this.out = el.querySelector(".out");
    this.feedback = el.querySelector(".feedback");
    this.status = el.querySelector(".cell-status");
    this.runButton = el.querySelector("button.run");
    this.stopButton = el.querySelector("button.stop");
    this.hintsShown = 0;
    this.tries = 0;
    this.repaint = highlightEditor(this.code);
    this.restore(saved);
    this.wire();
  }

  // A saved edit made against an older starter is kept, and both versions are offered.
  restore(saved) {
    if (!saved || saved.code === this.spec.starter) return;
    this.code.value = saved.code;
    this.autosize();
    if (saved.hash && saved.hash !== this.spec.hash) {
      const note = document.createElement("div");
      note.className = "starter-changed";
      note.setAttribute("role", "note");
      note.innerHTML = "<p>The starter code for this cell changed since you edited it. Your version is in the editor.</p>" +
        "<details><summary>See the new starter</summary><pre></pre></details>" +
        "<button type=button class=use-new>Use the new starter</button> <button type=button class=keep>Keep mine</button>";
      note.querySelector("pre").textContent = this.spec.starter;
      note.querySelector(".use-new").addEventListener("click", () => { this.setCode(this.spec.starter); note.remove(); });
      note.querySelector(".keep").addEventListener("click", () => { this.onEdit(this.id, this.code.value, this.spec.hash); note.remove(); });
      this.el.querySelector(".editor").before(note);
    }
  }

  setCode(code) {
    this.code.value = code;
    this.autosize();
    this.onEdit(this.id, code, this.spec.hash);
  }

  autosize() {
    this.code.rows = Math.max(3, this.code.value.split("\n").length);
    this.repaint();
  }

  wire() {
    this.code.addEventListener("input", () => { this.autosize(); this.onEdit(this.id, this.code.value, this.spec.hash); });
    this.code.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.shiftKey || e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.run();
      } else if (e.key === "Tab" && !e.shiftKey && !e.ctrlKey) {
        e.preventDefault();
        this.code.setRangeText("    ", this.code.selectionStart, this.code.selectionEnd, "end");
        this.code.dispatchEvent(new Event("input"));
      } else if (e.key === "Escape") {
        this.code.blur();   // lets keyboard users leave the editor, since Tab indents
      }
    });
    this.runButton.addEventListener("click", () => this.run());
    this.stopButton.addEventListener("click", () => this.stop());
    this.el.querySelector("button.reset").addEventListener("click", () => {
      this.setCode(this.spec.starter);
      this.out.textContent = "";
    });
    this.el.querySelector("button.hint")?.addEventListener("click", () => this.hint());
    this.el.querySelector("button.solution")?.addEventListener("click", () => this.solution());
  }

  ready() {
    this.runButton.disabled = false;
  }

  // `chained`: run as part of catching up the cells above, so don't catch up again.
  async run({ chained = false } = {}) {
    if (this.runButton.disabled) return;
    this.runButton.disabled = true;
    if (!chained) {
      this.status.textContent = "Running the cells above first…";
      await this.runAbove(this);
    }
    this.stopButton.hidden = false;
    this.status.textContent = "Running…";
    this.out.textContent = "";
    this.out.classList.remove("error");
    const started = performance.now();
    const reply = await this.kernel.run(this.id, this.code.value, this.spec.check,
      (text) => { this.out.textContent += text; });
    this.stopButton.hidden = true;
    this.runButton.disabled = false;
    const ms = performance.now() - started;
    this.status.textContent = reply.interrupted ? "Stopped" : reply.ok ? `Done in ${ms < 1000 ? Math.round(ms) + " ms" : (ms / 1000).toFixed(1) + " s"}` : "Error";
    if (reply.value !== null && reply.value !== undefined) this.out.textContent += reply.value;
    if (reply.error) {
      this.out.textContent += (this.out.textContent ? "\n" : "") + reply.error;
      this.out.classList.add("error");
    }
    this.onScenes(reply.scenes);
    if (reply.ok) this.onRan(this.id);
    if (this.spec.check !== undefined) this.judge(reply);
    return reply;
  }

  judge(reply) {
    if (!reply.ok) {
      this.say("bad", reply.interrupted ? "Stopped before the check could run." : "Your code raised an error; fix it and run again.");
      return;
    }
    this.tries += 1;
    if (reply.check.ok) {
      this.say("good", "✓ Passed. " + (this.el.querySelector(".solution-box") ? "" : "You can compare with the reference solution."));
      this.onPass(this.id);
    } else {
      this.say("bad", reply.check.message);
    }
  }

  say(kind, text) {
    this.feedback.className = `feedback ${kind}`;
    this.feedback.textContent = text;
  }

  async stop() {
    this.status.textContent = "Stopping…";
    const how = await this.kernel.stop();
    if (how === "restarted") this.status.textContent = "Stopped (Python restarted, earlier cells replayed)";
  }

  hint() {
    const hints = this.spec.hints;
    if (this.hintsShown >= hints.length) return;
    const li = document.createElement("li");
    li.innerHTML = hints[this.hintsShown++];   // author-written HTML from the build, not learner output
    this.el.querySelector(".hints").append(li);
    renderMath(li);
    const button = this.el.querySelector("button.hint");
    button.textContent = this.hintsShown < hints.length ? `Hint (${this.hintsShown} of ${hints.length} shown)` : "No more hints";
    button.disabled = this.hintsShown >= hints.length;
  }

  solution() {
    if (this.el.querySelector(".solution-box")) return;
    const passed = this.feedback.classList.contains("good");
    if (!passed && this.hintsShown < Math.min(HINTS_BEFORE_SOLUTION, this.spec.hints.length) && this.tries < 3) {
      this.say("", "Try a hint first: the solution is one click away after that (or after three tries).");
      return;
    }
    const box = document.createElement("div");
    box.className = "solution-box";
    box.innerHTML = "<p>Reference solution</p><pre></pre><button type=button>Copy into the editor</button>";
    box.querySelector("pre").textContent = this.spec.solution;
    box.querySelector("button").addEventListener("click", () => this.setCode(this.spec.solution));
    this.el.querySelector(".hints").after(box);
  }
}
