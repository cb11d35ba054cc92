// The page's Python: Pyodide in a module worker, so a long cell never freezes the page.
// Runs are queued in order (cells share one namespace, like a notebook); widget events
// are answered between runs, or while a run awaits.
import { loadPyodide } from "../vendor/pyodide/pyodide.mjs";
import { LIB, SNAPSHOT_CACHE, sha256, snapshotKey } from "./py-snapshot.js";

let kernel;
let booting;
let ready;
let runs = Promise.resolve();

// Pyodide, the course's packages and the kernel class. The page starts this from its
// <head> ("boot"), before it is parsed; the kernel itself waits for the widgets ("init").
async function boot({ root, pyodideVersion, packages, interrupt }) {
  const started = performance.now();
  const phases = {};
  const mark = (name) => { phases[name] = Math.round(performance.now() - started); };
  // The course's Python comes in parts: core (kernel, widget kit) and the packages this
  // lesson uses; fetched while Pyodide loads.
  const each = packages.map(async (name) => {
    const zip = await fetch(new URL(`py/${name}.zip`, root));
    if (!zip.ok) throw new Error(`could not fetch the course's ${name} package (${zip.status})`);
    return zip.arrayBuffer();
  });
  const zips = Promise.all(each);
  zips.catch(() => {});
  const indexURL = new URL("../vendor/pyodide/", import.meta.url).href;
  // Only packages the site does not carry (numpy, ...) come from Pyodide's own CDN.
  const packageBaseUrl = `https://cdn.jsdelivr.net/pyodide/v${pyodideVersion}/full/`;
  let py = null;
  const snapshot = await findSnapshot(root, pyodideVersion, await each[0]).catch(() => null);
  if (snapshot) {
    try {
      py = await loadPyodide({ indexURL, packageBaseUrl, _loadSnapshot: snapshot.bytes });
      phases.snapshot = true;
    } catch (err) {   // a snapshot this Pyodide cannot restore: drop it, boot the long way
      await caches.open(SNAPSHOT_CACHE).then((c) => c.delete(snapshot.key)).catch(() => {});
      py = null;
    }
  }
  py ??= await loadPyodide({ indexURL, packageBaseUrl });
  mark("pyodide");
  if (interrupt) py.setInterruptBuffer(new Uint8Array(interrupt));
  // Unpacked even after a snapshot: its imported modules live in memory, but the files
  // (for later imports and tracebacks' source lines) do not.
  for (const zip of await zips) py.unpackArchive(zip, "zip", { extractDir: LIB });
  mark("packages");
  py.runPython(`import sys\nif "${LIB}" not in sys.path: sys.path.insert(0, "${LIB}")`);
  const { Kernel } = py.pyimport("mlmath.kernel");
  mark("kernel");
  self.pyodide = py;
  return { Kernel, started, phases };
}

// The snapshot py-snapshot.js made for this Pyodide and core package, if its bytes
// hash to what was recorded; a mismatch is deleted, never restored.
async function findSnapshot(root, pyodideVersion, coreZip) {
  if (typeof caches === "undefined") return null;
  const key = await snapshotKey(root, pyodideVersion, coreZip);
  const cache = await caches.open(SNAPSHOT_CACHE);
  const hit = await cache.match(key);
  if (!hit) return null;
  const bytes = await hit.arrayBuffer();
  if ((await sha256(bytes)) !== hit.headers.get("x-mlmath-sha256")) {
    await cache.delete(key);
    return null;
  }
  return { key, bytes: new Uint8Array(bytes) };
}

async function init(data) {
  booting ??= boot(data);
  const { Kernel, started, phases } = await booting;
  kernel = Kernel(JSON.stringify(data.widgets), (widget, scene) => postMessage({ widget, scene }));
  return { ms: performance.now() - started, phases };
}

// The packages a cell imports that Pyodide's collection has (numpy, ...) and this page has not loaded.
function missing(code) {
  try {
    const known = self.pyodide._api?._import_name_to_package_name;
    return self.pyodide.pyodide_py.code.find_imports(code).toJs()
      .filter((name) => !known || known.has(name))
      .filter((name) => !((known?.get(name) ?? name) in self.pyodide.loadedPackages));
  } catch (err) {
    return [];
  }
}

async function loadImports(code) {
  const failed = [];
  if (navigator.onLine === false && missing(code).length) failed.push("offline");
  else try {
    await self.pyodide.loadPackagesFromImports(code, { errorCallback: (m) => failed.push(m), messageCallback: () => {} });
  } catch (err) {
    failed.push(String(err.message));
  }
  if (!failed.length) return null;
  const names = missing(code).join(", ") || "a package this cell imports";
  return navigator.onLine === false
    ? `You are offline, and ${names} is not part of this site: it comes from Pyodide's CDN, so run this cell again when you are online.`
    : `Could not load ${names} from Pyodide's CDN (${failed[0].split("\n")[0]}); the site itself carries only the standard library and mlmath.`;
}

async function run({ id, cell, code, check }) {
  const problem = await loadImports(code);
  if (problem) return postMessage({ id, reply: JSON.stringify({ ok: false, error: problem, scenes: {} }) });
  const send = (text) => postMessage({ id, stream: text });
  try {
    postMessage({ id, reply: await kernel.run(cell, code, check ?? null, send) });
  } catch (err) {
    postMessage({ id, reply: JSON.stringify({ ok: false, error: `The page's Python failed: ${err.message}`, scenes: {} }) });
  }
}

self.onmessage = async ({ data }) => {
  if (data.op === "boot") {
    booting ??= boot(data);
    booting.catch(() => {});
    return;
  }
  if (data.op === "init") {
    ready = init(data);
    try {
      const { ms, phases } = await ready;
      postMessage({ ready: ms, phases });
    } catch (err) {
      postMessage({ fatal: String(err && err.message || err) });
    }
    return;
  }
  await ready;
  if (data.op === "run") runs = runs.then(() => run(data));
  else if (data.op === "event") postMessage({ id: data.id, reply: kernel.event(data.widget, JSON.stringify(data.event)) });
};
