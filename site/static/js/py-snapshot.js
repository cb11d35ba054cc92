// Makes a Pyodide memory snapshot for later page loads: Pyodide booted, the course's
// core package (kernel, widget kit) imported. Restoring it skips most of Python's
// start-up (see docs/runtime.md). Started by kernel.js once a returning learner's
// page is idle; stored in Cache Storage with its SHA-256, which py-interpreter.js checks
// before it uses the snapshot.
import { loadPyodide } from "../vendor/pyodide/pyodide.mjs";

export const SNAPSHOT_CACHE = "mlmath-snapshot";

export async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

// One snapshot per Pyodide version and core package: the key names both.
export async function snapshotKey(root, pyodideVersion, coreZip) {
  return new URL(`__snapshot__/${pyodideVersion}-${(await sha256(coreZip)).slice(0, 16)}`, root).href;
}

export const LIB = "/home/pyodide/lib";

async function make({ root, pyodideVersion }) {
  const core = await (await fetch(new URL("py/core.zip", root))).arrayBuffer();
  const key = await snapshotKey(root, pyodideVersion, core);
  const cache = await caches.open(SNAPSHOT_CACHE);
  if (await cache.match(key)) return "exists";
  const py = await loadPyodide({ indexURL: new URL("../vendor/pyodide/", import.meta.url).href, _makeSnapshot: true });
  py.unpackArchive(core, "zip", { extractDir: LIB });
  py.runPython(`import sys; sys.path.insert(0, "${LIB}"); import mlmath.kernel, mlmath.widgets`);
  const snapshot = py.makeMemorySnapshot();
  for (const old of await cache.keys()) await cache.delete(old);
  await cache.put(key, new Response(snapshot, { headers: { "x-mlmath-sha256": await sha256(snapshot) } }));
  return "made";
}

if (typeof WorkerGlobalScope !== "undefined" && new URL(import.meta.url).searchParams.has("make")) {
  self.onmessage = async ({ data }) => {
    try {
      postMessage({ done: await make(data) });
    } catch (err) {
      postMessage({ failed: String(err && err.message || err) });
    }
  };
}
