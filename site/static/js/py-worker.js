// The page's Python: Pyodide in a module worker, so a long cell never freezes the page.
// Runs are queued in order (cells share one namespace, like a notebook); widget events
// are answered between runs, or while a run awaits.
import { loadPyodide } from "../vendor/pyodide/pyodide.mjs";

let kernel;
let ready;
let runs = Promise.resolve();

async function boot({ root, pyodideVersion, packages, widgets, interrupt }) {
  const started = performance.now();
  const py = await loadPyodide({
    indexURL: new URL("../vendor/pyodide/", import.meta.url).href,
    // Only packages the site does not carry (numpy, ...) come from Pyodide's own CDN.
    packageBaseUrl: `https://cdn.jsdelivr.net/pyodide/v${pyodideVersion}/full/`,
  });
  if (interrupt) py.setInterruptBuffer(new Uint8Array(interrupt));
  // The course's Python comes in parts: core (kernel, widget kit) and the packages this lesson uses.
  const zips = await Promise.all(packages.map(async (name) => {
    const zip = await fetch(new URL(`py/${name}.zip`, root));
    if (!zip.ok) throw new Error(`could not fetch the course's ${name} package (${zip.status})`);
    return zip.arrayBuffer();
  }));
  for (const zip of zips) py.unpackArchive(zip, "zip", { extractDir: "/home/pyodide/lib" });
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide/lib')");
  const { Kernel } = py.pyimport("mlmath.kernel");
  kernel = Kernel(JSON.stringify(widgets), (widget, scene) => postMessage({ widget, scene }));
  self.pyodide = py;
  return performance.now() - started;
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
  if (data.op === "init") {
    ready = boot(data);
    try {
      postMessage({ ready: await ready });
    } catch (err) {
      postMessage({ fatal: String(err && err.message || err) });
    }
    return;
  }
  await ready;
  if (data.op === "run") runs = runs.then(() => run(data));
  else if (data.op === "event") postMessage({ id: data.id, reply: kernel.event(data.widget, JSON.stringify(data.event)) });
};
