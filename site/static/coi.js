// The site's one service worker: cross-origin isolation where the host cannot send
// headers (GitHub Pages), and the site cached by build version so that a visited
// lesson opens and runs offline.
//
// As a page script: register this file as a service worker (reloading once if the
// page still lacks cross-origin isolation), show "update ready" when a new build has
// been downloaded, and, once the page is idle, ask the worker to fill the cache and
// fetch the next lesson.
//
// As the service worker: every same-origin response gets COOP/COEP (which unlocks
// SharedArrayBuffer and so the in-place Stop of a running cell). Files the build
// lists in sw-manifest.json (path -> SHA-256) are served from the cache of the
// build version the page was opened with; an entry whose hash does not match is
// dropped and refetched, never served. The runtime (Pyodide, KaTeX, js, css), the
// course's Python zips and the catalog are cached once a page is idle; a lesson page,
// the shaders and tiny-shakespeare when first used. Each navigation checks
// version.json: a new build is downloaded beside the old one and applied at the
// next navigation, never under a page that is open.
if (typeof window === "undefined") {
  const SCOPE = new URL("./", self.location).href;
  const META = "mlmath-meta";
  const PREFIX = "mlmath-v-";
  const LAZY = ["lessons/", "data/", "wgsl/"];   // cached when used; the rest when a page is idle
  const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin" };
  const clientVersion = new Map();   // client id -> the build version it was opened with
  const manifests = new Map();
  let state = null;   // { current, pending } build versions
  let checking = null;
  let syncing = null;

  const metaKey = (name) => `${SCOPE}__sw__/${name}`;
  async function loadState() {
    if (!state) {
      const hit = await (await caches.open(META)).match(metaKey("state"));
      state = hit ? await hit.json() : { current: null, pending: null };
    }
    return state;
  }
  async function saveState() {
    await (await caches.open(META)).put(metaKey("state"), new Response(JSON.stringify(state)));
  }
  async function manifest(version) {
    if (!version) return null;
    if (!manifests.has(version)) {
      const hit = await (await caches.open(META)).match(metaKey(`manifest-${version}`));
      if (!hit) return null;
      manifests.set(version, await hit.json());
    }
    return manifests.get(version);
  }

  async function sha256(buffer) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
    return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function isolated(response, extra = {}) {
    if (response.status === 0) return response;
    const headers = new Headers(response.headers);
    for (const [k, v] of Object.entries({ ...ISOLATION, ...extra })) headers.set(k, v);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
  function pathOf(url) {
    const u = new URL(url);
    if (!u.href.startsWith(SCOPE)) return null;
    let path = u.pathname.slice(new URL(SCOPE).pathname.length);
    if (path === "" || path.endsWith("/")) path += "index.html";
    return path;
  }

  // A cached entry is served only if its recorded hash is the manifest's and its bytes hash to it.
  async function intact(hit, hash) {
    if (hit.headers.get("x-mlmath-sha256") !== hash) return false;
    return (await sha256(await hit.clone().arrayBuffer())) === hash;
  }

  // Fetch one listed file, check its hash, store it; returns the response, or null if the
  // server holds different bytes (another build) or cannot be reached.
  async function fetchInto(cache, path, hash) {
    const response = await fetch(SCOPE + path, { cache: "no-cache" });
    if (!response.ok) return null;
    const body = await response.arrayBuffer();
    if ((await sha256(body)) !== hash) return { stray: isolated(new Response(body, response)) };
    const stored = isolated(new Response(body, response), { "x-mlmath-sha256": hash });
    await cache.put(SCOPE + path, stored.clone());
    return { stored };
  }

  async function cached(version, path, hash) {
    const cache = await caches.open(PREFIX + version);
    const hit = await cache.match(SCOPE + path);
    if (hit && await intact(hit, hash)) return hit;
    if (hit) await cache.delete(SCOPE + path);
    return null;
  }

  const OFFLINE_PAGE = `<!doctype html><meta charset="utf-8"><title>Offline</title>
<body style="font:17px/1.5 system-ui;max-width:36em;margin:4em auto;padding:0 1em">
<h1>You are offline</h1><p>This page has not been opened on this device yet, so it is not saved for offline use.
Lessons you have opened before work offline; <a href="${SCOPE}index.html">the catalog</a> lists them all.</p>`;

  async function handle(event) {
    const request = event.request;
    const navigate = request.mode === "navigate";
    const st = await loadState();
    if (navigate && st.pending) await applyPending();
    const version = navigate ? st.current : (clientVersion.get(event.clientId) ?? st.current);
    if (event.resultingClientId && version) clientVersion.set(event.resultingClientId, version);
    if (navigate) event.waitUntil(checkVersion().catch(() => {}));
    const files = (await manifest(version))?.files;
    const path = pathOf(request.url);
    const hash = files && path && files[path];
    if (!hash) {
      try {
        return isolated(await fetch(request));
      } catch (err) {
        if (navigate) return new Response(OFFLINE_PAGE, { status: 503, headers: { "Content-Type": "text/html", ...ISOLATION } });
        throw err;
      }
    }
    const hit = await cached(version, path, hash);
    if (hit) return hit;
    try {
      const got = await fetchInto(await caches.open(PREFIX + version), path, hash);
      if (got?.stored) return got.stored;
      if (got?.stray) {   // the server already holds a newer build: serve it uncached, and fetch that build
        event.waitUntil(checkVersion().catch(() => {}));
        return got.stray;
      }
    } catch (err) { /* offline */ }
    if (navigate) return new Response(OFFLINE_PAGE, { status: 503, headers: { "Content-Type": "text/html", ...ISOLATION } });
    return new Response(`offline, and ${path} is not in this browser's copy of the course`, { status: 503, statusText: "Offline" });
  }

  async function broadcast(message) {
    for (const client of await self.clients.matchAll({ type: "window" })) client.postMessage(message);
  }

  // Called at a navigation: the new build becomes current; caches no open page uses are dropped.
  async function applyPending() {
    state.current = state.pending;
    state.pending = null;
    await saveState();
    await dropUnused();
  }

  // Old builds' caches go once no open page or worker was opened with them.
  async function dropUnused() {
    const st = await loadState();
    const open = new Set((await self.clients.matchAll({ type: "all" })).map((c) => clientVersion.get(c.id)));
    open.add(st.current);
    open.add(st.pending);
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && !open.has(name.slice(PREFIX.length))) await caches.delete(name);
    }
  }

  // Fill a version's cache: the runtime, plus `extra` paths; entries another version's cache
  // holds with the same hash are copied rather than fetched. True when every one is in.
  async function fill(version, extra = [], from = null) {
    const { files } = await manifest(version);
    const cache = await caches.open(PREFIX + version);
    const old = from && from !== version ? await caches.open(PREFIX + from) : null;
    const want = Object.keys(files).filter((p) => !LAZY.some((d) => p.startsWith(d)));
    if (old) {   // what the learner had cached (visited lessons, data) comes along to the new build
      for (const request of await old.keys()) {
        const p = pathOf(request.url);
        if (p && files[p] && !want.includes(p)) want.push(p);
      }
    }
    for (const p of extra) if (files[p] && !want.includes(p)) want.push(p);
    let complete = true;
    for (const path of want) {
      if (await cached(version, path, files[path])) continue;
      const previous = old && await old.match(SCOPE + path);
      if (previous && await intact(previous, files[path])) {
        await cache.put(SCOPE + path, previous);
        continue;
      }
      try {
        if (!(await fetchInto(cache, path, files[path]))?.stored) complete = false;
      } catch (err) {
        complete = false;
      }
    }
    return complete;
  }

  async function fetchManifest() {
    const response = await fetch(SCOPE + "sw-manifest.json", { cache: "no-store" });
    if (!response.ok) throw new Error(`sw-manifest.json: ${response.status}`);
    const text = await response.text();
    const m = JSON.parse(text);
    await (await caches.open(META)).put(metaKey(`manifest-${m.version}`), new Response(text));
    manifests.set(m.version, m);
    return m;
  }

  // One small request per navigation: is there a newer build?
  function checkVersion() {
    checking ??= (async () => {
      const st = await loadState();
      const response = await fetch(SCOPE + "version.json", { cache: "no-store" });
      const { version } = await response.json();
      if (version === st.current || version === st.pending) {
        if (version === st.pending) broadcast({ type: "update-ready", version });
        return;
      }
      const m = await fetchManifest();
      if (m.version !== version) return;
      if (!st.current) {   // first visit: this build becomes the cache's; filled once the page is idle
        st.current = version;
        await saveState();
        return;
      }
      if (await fill(version, [], st.current)) {
        st.pending = version;
        await saveState();
        broadcast({ type: "update-ready", version });
      }
    })().finally(() => { checking = null; });
    return checking;
  }

  // Asked by a page at idle time: cache the runtime and the next lesson.
  function sync(extra) {
    syncing ??= (async () => {
      await checkVersion().catch(() => {});
      await dropUnused();
      const st = await loadState();
      if (st.current && await manifest(st.current)) return fill(st.current, extra);
      return false;
    })().finally(() => { syncing = null; });
    return syncing;
  }

  async function status() {
    const st = await loadState();
    const m = await manifest(st.current);
    const cache = st.current && await caches.open(PREFIX + st.current);
    const keys = cache ? (await cache.keys()).map((r) => pathOf(r.url)) : [];
    const missing = m ? Object.keys(m.files).filter((p) => !LAZY.some((d) => p.startsWith(d)) && !keys.includes(p)) : null;
    return { current: st.current, pending: st.pending, cached: keys, runtimeComplete: missing !== null && missing.length === 0 };
  }

  self.addEventListener("install", () => self.skipWaiting());
  self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
  self.addEventListener("fetch", (e) => {
    const r = e.request;
    if (r.method !== "GET" || !r.url.startsWith(SCOPE)) return;
    if (r.cache === "only-if-cached" && r.mode !== "same-origin") return;
    e.respondWith(handle(e));
  });
  self.addEventListener("message", (e) => {
    const { op, id, extra } = e.data || {};
    const reply = (value) => e.source?.postMessage({ id, value });
    if (op === "sync") e.waitUntil(sync((extra || []).map(pathOf).filter(Boolean)).then(reply, () => reply(false)));
    else if (op === "status") e.waitUntil(status().then(reply));
    else if (op === "check") e.waitUntil(checkVersion().then(() => status()).then(reply, () => reply(null)));
  });
} else if (window.isSecureContext && navigator.serviceWorker) {
  const script = document.currentScript.src;
  const sw = navigator.serviceWorker;
  let nextId = 1;
  const waiting = new Map();
  sw.addEventListener("message", ({ data }) => {
    if (data?.type === "update-ready") {
      if (document.querySelector(".update-ready")) return;
      const note = document.createElement("p");
      note.className = "update-ready";
      note.setAttribute("role", "status");
      note.style.cssText = "position:fixed;bottom:1em;right:1em;margin:0;padding:.5em .9em;background:#fffbe6;" +
        "border:1px solid #d9c56a;border-radius:6px;font-size:.9rem;z-index:20;max-width:24em";
      note.textContent = "An update to the course is ready. It applies the next time you open or reload a page; your progress is kept.";
      (document.body ? Promise.resolve() : new Promise((r) => addEventListener("DOMContentLoaded", r)))
        .then(() => document.body.append(note));
    } else if (data && waiting.has(data.id)) {
      waiting.get(data.id)(data.value);
      waiting.delete(data.id);
    }
  });
  const ask = async (op, extra) => {
    const reg = await sw.ready;
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      reg.active.postMessage({ op, id, extra });
    });
  };
  // For the page, the tests and the benchmark: what the cache holds, and filling it now.
  window.siteCache = { status: () => ask("status"), sync: (extra = []) => ask("sync", extra), check: () => ask("check") };
  sw.register(script, { updateViaCache: "all" }).then((reg) => {
    if (window.crossOriginIsolated) return;
    const reloaded = sessionStorage.getItem("coi-reloaded");
    if (!reloaded && (reg.active || reg.installing)) {
      sessionStorage.setItem("coi-reloaded", "1");
      (reg.active ? Promise.resolve() : new Promise((r) => reg.installing.addEventListener("statechange", r)))
        .then(() => location.reload());
    }
  });
  // Once the page is idle: the runtime into the cache, and the next lesson's page, so
  // "Next" opens from the cache (its Python packages are part of the runtime).
  addEventListener("load", () => {
    const idle = self.requestIdleCallback || ((f) => setTimeout(f, 500));
    const next = () => [...document.querySelectorAll("a[rel=next]")].map((a) => a.href);
    const go = () => idle(() => window.siteCache.sync([location.href, ...next()]), { timeout: 5000 });
    // On a lesson, wait until Python has booted so the two do not compete for the network.
    const status = document.querySelector(".kernel");
    if (!status || status.dataset.state !== "loading") return go();
    new MutationObserver((_, obs) => { if (status.dataset.state !== "loading") { obs.disconnect(); go(); } })
      .observe(status, { attributes: true });
  });
}
