// The catalog page: the learner's own progress on each lesson, "continue where you
// left off", and export/import of the progress record. No Python needed here.
import * as progress from "./progress.js";

const message = document.getElementById("progress-message");
let { record, problem } = progress.load();
if (problem) message.textContent = problem;

function show() {
  for (const li of document.querySelectorAll("li.lesson")) {
    const mine = record.lessons[li.dataset.key];
    const passed = mine ? Object.keys(mine.gates).length : 0;
    const label = li.querySelector(".mine");
    li.classList.toggle("done", !!mine?.done);
    li.classList.toggle("started", passed > 0 && !mine?.done);
    label.textContent = mine?.done ? "✓ done" : passed ? `${passed} check${passed === 1 ? "" : "s"} passed` : "";
  }
  const box = document.querySelector(".continue");
  const link = record.last && document.querySelector(`li.lesson[data-key="${CSS.escape(record.last.key)}"] a`);
  box.hidden = !link;
  if (link) {
    box.replaceChildren("Continue where you left off: ", Object.assign(document.createElement("a"),
      { href: link.getAttribute("href"), textContent: record.last.title }));
  }
}

document.getElementById("export-progress").addEventListener("click", () => {
  const blob = new Blob([progress.exportText(record)], { type: "application/json" });
  const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: "ml-math-progress.json" });
  a.click();
  URL.revokeObjectURL(a.href);
  message.textContent = "Progress exported.";
});

document.getElementById("import-progress").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  const result = progress.parseImport(await file.text());
  e.target.value = "";
  if (result.problem) {
    message.textContent = result.problem;
    return;
  }
  const failed = progress.save(result.record);
  if (failed) {
    message.textContent = `Progress not imported: ${failed}. Your progress is as it was.`;
    return;
  }
  record = result.record;
  message.textContent = "Progress imported.";
  show();
});

show();
