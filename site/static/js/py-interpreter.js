// The interpreter PyScript loads for the page's kernel (its `version`, a module URL): the
// site's own Pyodide, restored from the course's memory snapshot when Cache Storage holds
// one whose bytes hash to what was recorded (py-snapshot.js makes it; a bad one is deleted).
import { loadPyodide as load, version } from "../vendor/pyodide/pyodide.mjs";
import { SNAPSHOT_CACHE, sha256, snapshotKey } from "./py-snapshot.js";

export { version };

const root = new URL("../", import.meta.url).href;

async function findSnapshot() {
  if (typeof caches === "undefined") return null;
  const core = await (await fetch(new URL("py/core.zip", root))).arrayBuffer();
  const key = await snapshotKey(root, version, core);
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

export async function loadPyodide(options) {
  // PyScript points indexURL at this file's folder; Pyodide's own files are in vendor/pyodide/.
  // Only packages the site does not carry (numpy, ...) come from Pyodide's CDN.
  options = { ...options, indexURL: new URL("../vendor/pyodide/", import.meta.url).href,
              packageBaseUrl: `https://cdn.jsdelivr.net/pyodide/v${version}/full/` };
  const snapshot = await findSnapshot().catch(() => null);
  if (snapshot) {
    try {
      const py = await load({ ...options, _loadSnapshot: snapshot.bytes });
      self.mlmathSnapshot = true;   // page_kernel.py reports it
      return py;
    } catch (err) {   // a snapshot this Pyodide cannot restore: drop it, boot the long way
      await caches.open(SNAPSHOT_CACHE).then((c) => c.delete(snapshot.key)).catch(() => {});
    }
  }
  return load(options);
}
