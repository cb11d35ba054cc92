// The learner's progress, kept in localStorage under one versioned record:
//   { version: 1, lessons: { "m01-l01": { gates: { id: true }, done, updated } },
//     cells: { "m01-l01": { cellId: { code, hash } } }, last: { key, url, title } }
// A record that cannot be read is set aside (never silently dropped) and replaced
// by an empty one, and the page says so.

export const KEY = "mlmath.progress";
export const VERSION = 1;

const empty = () => ({ version: VERSION, lessons: {}, cells: {}, last: null });
const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);

export function problemWith(record) {
  if (!isObject(record)) return "it is not a progress record";
  if (record.version !== VERSION) return `it has version ${JSON.stringify(record.version)}, expected ${VERSION}`;
  if (!isObject(record.lessons) || !isObject(record.cells)) return "its lessons or cells are missing";
  for (const [key, lesson] of Object.entries(record.lessons)) {
    if (!isObject(lesson) || !isObject(lesson.gates)) return `lesson ${key} has no gates`;
    // a gate is passed only by the value the page writes: "no" or 0 must not count as passed
    const odd = Object.entries(lesson.gates).find(([, v]) => v !== true);
    if (odd) return `gate ${key}/${odd[0]} is ${JSON.stringify(odd[1])}, not true`;
    if (lesson.done !== undefined && typeof lesson.done !== "boolean") return `lesson ${key}'s "done" is not true or false`;
    if (lesson.updated !== undefined && !Number.isFinite(lesson.updated)) return `lesson ${key}'s "updated" is not a time`;
  }
  for (const [key, cells] of Object.entries(record.cells)) {
    if (!isObject(cells)) return `cells of ${key} are not a table`;
    for (const [id, cell] of Object.entries(cells)) {
      if (!isObject(cell) || typeof cell.code !== "string") return `cell ${key}/${id} has no code`;
    }
  }
  const last = record.last;
  if (last !== null && last !== undefined &&
      !(isObject(last) && ["key", "url", "title"].every((k) => typeof last[k] === "string"))) return "its last lesson is malformed";
  return null;
}

// Returns { record, problem }: problem is a sentence for the learner when the saved record was unreadable.
export function load() {
  let raw = null;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    return { record: empty(), problem: "This browser blocks storage, so progress will not be saved." };
  }
  if (raw === null) return { record: empty(), problem: null };
  let record, problem;
  try {
    record = JSON.parse(raw);
    problem = problemWith(record);
  } catch (err) {
    problem = `it is not valid JSON (${err.message})`;
  }
  if (!problem) return { record, problem: null };
  localStorage.setItem(`${KEY}.unreadable`, raw);
  localStorage.setItem(KEY, JSON.stringify(empty()));
  return { record: empty(), problem: `Your saved progress could not be read (${problem}), so it was reset. ` +
    `The old record is kept in this browser under "${KEY}.unreadable".` };
}

// Returns null, or why the record could not be kept (storage full or blocked). A lesson
// keeps working without persistence; an import must say it did not take.
export function save(record) {
  try {
    localStorage.setItem(KEY, JSON.stringify(record));
    return null;
  } catch (err) {
    return err.name === "QuotaExceededError" ? "this browser's storage for the site is full" : `storage refused it (${err.message})`;
  }
}

export function lessonOf(record, key) {
  return (record.lessons[key] ??= { gates: {}, done: false, updated: 0 });
}

export function exportText(record) {
  return JSON.stringify({ ...record, exported: new Date().toISOString() }, null, 1);
}

// Returns { record } or { problem }; the current progress is untouched on a problem.
export function parseImport(text) {
  let record;
  try {
    record = JSON.parse(text);
  } catch (err) {
    return { problem: `That file is not JSON (${err.message}). Nothing was changed.` };
  }
  const problem = problemWith(record);
  if (problem) return { problem: `That file is not an ml-math progress file: ${problem}. Nothing was changed.` };
  delete record.exported;
  return { record };
}
