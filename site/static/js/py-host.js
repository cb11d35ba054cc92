// The page's Python, hosted by PyScript: a PyScript worker on the site's own Pyodide
// (py-interpreter.js) with the course's packages unpacked from the config's `files`,
// running py/page_kernel.py. kernel.js talks to it by messages, as to any worker.
import { PyWorker } from "../vendor/pyscript/core.js";

const here = (path) => new URL(path, import.meta.url).href;

// A worker that takes messages at once: PyScript's resolves only once Python is up.
class PythonWorker {
  constructor(packages) {
    this.queue = [];
    const config = { files: Object.fromEntries(packages.map((name) => [here(`../py/${name}.zip`), "./lib/*"])) };
    this.started = PyWorker(here("../py/page_kernel.py"), { version: here("./py-interpreter.js"), config });
    this.started.then((worker) => {
      if (this.terminated) return worker.terminate();
      this.worker = worker;
      worker.onmessage = (event) => this.onmessage?.(event);
      worker.onerror = (event) => this.onerror?.(event);
      for (const message of this.queue) worker.postMessage(message);
      this.queue = null;
    }, (err) => this.onerror?.({ message: String(err?.message || err) }));
  }

  postMessage(message) {
    if (this.worker) this.worker.postMessage(message);
    else this.queue.push(message);
  }

  terminate() {
    this.terminated = true;
    this.worker?.terminate();
  }
}

// The page's <head> starts Python before the page is parsed; the kernel adopts that worker.
let early = null;
let adopted = false;

export function startEarly(packages) {
  if (!adopted) early ??= new PythonWorker(packages);
}

export function pythonWorker(packages) {
  adopted = true;
  const worker = early ?? new PythonWorker(packages);
  early = null;
  return worker;
}
