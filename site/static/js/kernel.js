// The main thread's handle on the page's Python worker (PyScript's, see py-host.js): run
// cells, forward widget events, and stop a runaway run without losing the learner's variables.
//
// With cross-origin isolation a shared byte interrupts Python in place (a
// KeyboardInterrupt, as in a notebook). Without it, Stop ends the worker and a new
// one replays the cells that had run, so the namespace comes back.
import { pythonWorker } from "./py-host.js";

const STOP_GRACE_MS = 1500;
const SNAPSHOT_AFTER_MS = 3000;
// A page the service worker already controlled at load belongs to a returning learner:
// only then is a memory snapshot worth making (py-snapshot.js).
const returning = Boolean(self.navigator?.serviceWorker?.controller);

export class Kernel extends EventTarget {
  constructor({ root, pyodideVersion, packages, widgets }) {
    super();
    this.options = { root: new URL(root, location.href).href, pyodideVersion, packages, widgets };
    this.canInterrupt = self.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
    this.history = [];   // successful runs, replayed after a restart
    this.replaying = Promise.resolve();   // a learner's run waits for the replay to finish
    this.pending = new Map();
    this.nextId = 1;
    this.start();
  }

  start() {
    // The page's <head> may have started the worker already, so that Pyodide loads while
    // the page is parsed; the first start adopts it.
    this.worker = pythonWorker(this.options.packages);
    this.interrupt = this.canInterrupt ? new SharedArrayBuffer(1) : null;
    this.ready = new Promise((resolve, reject) => { this.resolveReady = resolve; this.rejectReady = reject; });
    this.ready.catch(() => {});
    this.worker.onmessage = ({ data }) => this.receive(data);
    this.worker.onerror = (e) => this.rejectReady(new Error(e.message || "the Python worker failed to start"));
    this.worker.postMessage({ op: "init", ...this.options, interrupt: this.interrupt });
  }

  // Once the page is idle, in a worker of its own: the next page load restores Python from it.
  makeSnapshot() {
    this.snapshotting = new Promise((resolve) => setTimeout(() => {
      const idle = self.requestIdleCallback || ((f) => setTimeout(f, 0));
      idle(() => {
        const maker = new Worker(new URL("./py-snapshot.js?make", import.meta.url), { type: "module" });
        maker.onmessage = ({ data }) => { maker.terminate(); resolve(data); };
        maker.onerror = (e) => { maker.terminate(); resolve({ failed: e.message }); };
        maker.postMessage({ root: this.options.root, pyodideVersion: this.options.pyodideVersion });
      }, { timeout: 10_000 });
    }, SNAPSHOT_AFTER_MS));
  }

  receive(data) {
    if ("ready" in data) {
      this.bootMs = data.ready;
      this.bootPhases = data.phases;
      if (returning && !data.phases?.snapshot && !this.snapshotting) this.makeSnapshot();
      this.resolveReady();
      this.dispatchEvent(new CustomEvent("ready", { detail: data.ready }));
    } else if ("fatal" in data) {
      this.rejectReady(new Error(data.fatal));
    } else if ("scene" in data) {
      this.dispatchEvent(new CustomEvent("scene", { detail: { widget: data.widget, scene: JSON.parse(data.scene) } }));
    } else if ("stream" in data) {
      this.pending.get(data.id)?.onStream?.(data.stream);
    } else {
      const job = this.pending.get(data.id);
      this.pending.delete(data.id);
      job?.resolve(JSON.parse(data.reply));
    }
  }

  send(message, onStream) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onStream });
      this.worker.postMessage({ ...message, id });
    });
  }

  async run(cell, code, check, onStream, { replay = false } = {}) {
    await this.ready;
    if (!replay) await this.replaying;
    if (this.interrupt) new Uint8Array(this.interrupt)[0] = 0;
    this.running = cell;
    const reply = await this.send({ op: "run", cell, code, check }, onStream);
    this.running = null;
    if (reply.ok) this.history.push({ cell, code });
    return reply;
  }

  async event(widget, event) {
    await this.ready;
    if (this.interrupt && !this.running) new Uint8Array(this.interrupt)[0] = 0;
    return this.send({ op: "event", widget, event });
  }

  // Resolves to "interrupted" (variables kept in place) or "restarted" (variables rebuilt by replay).
  async stop() {
    const jobs = [...this.pending.values()];
    if (this.interrupt) {
      new Uint8Array(this.interrupt)[0] = 2;   // SIGINT: Python raises KeyboardInterrupt at its next check
      const settled = await Promise.race([
        Promise.all(jobs.map((job) => new Promise((r) => { const done = job.resolve; job.resolve = (v) => { done(v); r(); }; }))),
        new Promise((r) => setTimeout(() => r("timeout"), STOP_GRACE_MS)),
      ]);
      if (settled !== "timeout") return "interrupted";
    }
    await this.restart();
    return "restarted";
  }

  async restart() {
    this.worker.terminate();
    for (const [, job] of this.pending) {
      job.resolve({ ok: false, interrupted: true, scenes: {},
        error: "Stopped. Python was restarted and the cells you had run were replayed, so your variables are back." });
    }
    this.pending.clear();
    this.running = null;
    this.start();
    const replay = this.history;
    this.history = [];
    this.replaying = (async () => {
      for (const { cell, code } of replay) await this.run(cell, code, null, undefined, { replay: true });
    })();
    await this.replaying;
    this.dispatchEvent(new CustomEvent("restarted", { detail: replay.length }));
  }
}
