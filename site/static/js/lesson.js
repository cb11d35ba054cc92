// A lesson page: steps that open as their gates are passed, quizzes checked right
// here, code cells and widgets backed by the page's Python worker, and progress
// saved in this browser. The prose and the first picture of every widget are in
// the HTML, so the page is readable before Python has loaded.
import { Cell } from "./cells.js";
import { Kernel } from "./kernel.js";
import { renderMath } from "./math.js";
import * as progress from "./progress.js";
import { WidgetView } from "./widgets.js";

const data = JSON.parse(document.getElementById("lesson-data").textContent);
const notice = document.querySelector(".notice");
const { record, problem } = progress.load();
const mine = progress.lessonOf(record, data.key);
const cellEdits = (record.cells[data.key] ??= {});
record.last = { key: data.key, url: location.pathname.split("/").slice(-2).join("/"), title: data.title };
progress.save(record);

function tell(text) {
  notice.textContent = text;
  notice.hidden = false;
}
if (problem) tell(problem);

// Steps and gates --------------------------------------------------------------
const steps = [...document.querySelectorAll("section.step")];
const lockNote = document.createElement("p");
lockNote.className = "locked-note";

function stepPassed(i) {
  return data.steps[i].every((gate) => mine.gates[gate]);
}

function refresh() {
  let open = true, passed = 0;
  steps.forEach((section, i) => {
    section.hidden = !open;
    if (open && stepPassed(i)) passed += 1;
    section.classList.toggle("passed", stepPassed(i));
    if (open && !stepPassed(i)) {
      open = false;
      const next = steps[i + 1];
      if (next) {
        lockNote.textContent = `Step ${i + 2} (“${next.querySelector("h2").lastChild.textContent.trim()}”) opens when you pass the checks of step ${i + 1}.`;
        section.after(lockNote);
      } else lockNote.remove();
    }
  });
  if (open) lockNote.remove();
  const bar = document.querySelector(".progress");
  const text = bar.querySelector(".progress-text");
  text.setAttribute("aria-valuenow", passed);
  text.textContent = `${passed} of ${steps.length} steps`;
  bar.querySelectorAll(".dots li").forEach((li, i) => li.classList.toggle("done", i < passed));
  document.querySelector(".lesson-done").hidden = passed < steps.length;
  if (passed === steps.length && !mine.done) {
    mine.done = true;
    progress.save(record);
  }
}

function pass(gate) {
  if (mine.gates[gate]) return;
  const before = steps.findIndex((s) => s.hidden);
  mine.gates[gate] = true;
  mine.updated = Date.now();
  progress.save(record);
  refresh();
  if (before !== -1 && !steps[before].hidden) {
    steps[before].classList.add("just-opened");
    steps[before].querySelector("h2").setAttribute("tabindex", "-1");
  }
}

// Quizzes are checked in the page: they need no Python. -------------------------
function feedback(box, kind, html) {
  box.className = `feedback ${kind}`;
  box.innerHTML = html;   // author-written HTML from the build
  renderMath(box);
}

// A learner may answer 0.75, -2.5e-3 or a fraction like -1/3; anything else is NaN.
const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?`;
const FRACTION = new RegExp(`^(${NUMBER})\\s*/\\s*(${NUMBER})$`, "i");
function parseNumber(raw) {
  const fraction = raw.match(FRACTION);
  if (fraction) return Number(fraction[1]) / Number(fraction[2]);
  return raw === "" ? NaN : Number(raw);
}

for (const quiz of document.querySelectorAll(".quiz")) {
  const spec = data.quizzes[quiz.dataset.gate];
  const box = quiz.querySelector(".feedback");
  if (mine.gates[quiz.dataset.gate]) quiz.classList.add("passed");
  quiz.querySelector("button.check").addEventListener("click", () => {
    if (spec.kind === "choice") {
      const chosen = [...quiz.querySelectorAll("input:checked")].map((i) => Number(i.value));
      if (!chosen.length) return feedback(box, "", "Pick an answer first.");
      const wrong = chosen.find((i) => !spec.options[i].correct);
      const missed = spec.options.some((o, i) => o.correct && !chosen.includes(i));
      if (wrong !== undefined) return feedback(box, "bad", spec.options[wrong].why);
      if (missed) return feedback(box, "bad", "Right so far, but another answer is also correct.");
    } else {
      const raw = quiz.querySelector("input").value.trim().replaceAll("−", "-");
      const value = parseNumber(raw);
      if (!Number.isFinite(value)) return feedback(box, "", "Type a number, like 7, -2.5 or -1/3.");
      if (Math.abs(value - spec.answer) > spec.tolerance + 1e-12) {
        return feedback(box, "bad", `Not ${raw}. ` + (spec.hint || "Look again at the step above."));
      }
    }
    feedback(box, "good", "✓ Correct.");
    quiz.classList.add("passed");
    pass(quiz.dataset.gate);
  });
}

// Python: the kernel, cells and widgets ------------------------------------------
const kernelStatus = document.querySelector(".kernel");
const widgetSpecs = Object.entries(data.widgets).map(([id, w]) => ({ id, name: w.name, config: w.config }));
const kernel = new Kernel({ root: data.root, pyodideVersion: data.pyodideVersion, packages: data.packages,
  widgets: widgetSpecs });

const views = {};
for (const figure of document.querySelectorAll("figure.widget")) {
  const id = figure.dataset.widget;
  views[id] = new WidgetView(figure, data.widgets[id].scene,
    (event) => kernel.event(id, event),
    figure.dataset.gate ? () => pass(id) : null,
    () => kernel.stop(),
    () => Boolean(mine.gates[id]));
}

function drawScenes(scenes) {
  for (const [id, scene] of Object.entries(scenes ?? {})) views[id]?.draw(scene);
}
kernel.addEventListener("scene", (e) => views[e.detail.widget]?.draw(e.detail.scene));

// Like a notebook's "run all above": running a cell first runs the cells above it
// that have not run since Python started (after a reload, say), so every cell finds
// the names the cells before it define.
const ran = new Set();
async function runAbove(cell) {
  for (const above of cells) {
    if (above === cell) return;
    if (!ran.has(above.id)) await above.run({ chained: true });
  }
}

const cells = [...document.querySelectorAll(".cell")].map((el) => new Cell(el, data.cells[el.dataset.cell], {
  kernel,
  runAbove,
  saved: cellEdits[el.dataset.cell],
  onEdit(id, code, hash) {
    if (code === data.cells[id].starter) delete cellEdits[id];
    else cellEdits[id] = { code, hash };
    progress.save(record);
  },
  onPass: pass,
  onScenes: drawScenes,
  onRan: (id) => ran.add(id),
}));

kernel.ready.then(() => {
  kernelStatus.dataset.state = "ready";
  kernelStatus.textContent = kernel.canInterrupt ? "Python ready" :
    "Python ready (Stop restarts Python and replays your cells: this browser lacks cross-origin isolation)";
  for (const cell of cells) cell.ready();
}, (err) => {
  kernelStatus.dataset.state = "failed";
  kernelStatus.textContent = "Python could not start";
  tell(`Python could not start in this browser: ${err.message}. The text and quizzes still work; code cells and widgets need Python.`);
});
kernel.addEventListener("restarted", (e) => tell(
  `Python was restarted to stop a runaway cell; ${e.detail} earlier cell run(s) were replayed to restore your variables.`));

refresh();
renderMath();
window.mlmath = { kernel, cells, views, record };   // for the curious, and for the browser tests
