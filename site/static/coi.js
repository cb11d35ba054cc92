// Cross-origin isolation where the host cannot send headers (GitHub Pages).
// As a page script: register this file as a service worker and reload once.
// As the service worker: add COOP/COEP to every same-origin response, which
// unlocks SharedArrayBuffer and so the in-place Stop of a running cell.
// Browsers without service workers (Firefox private windows) fall back to
// restart-and-replay Stop; the page says so.
if (typeof window === "undefined") {
  self.addEventListener("install", () => self.skipWaiting());
  self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
  self.addEventListener("fetch", (e) => {
    const r = e.request;
    if (r.cache === "only-if-cached" && r.mode !== "same-origin") return;
    e.respondWith(fetch(r).then((response) => {
      if (response.status === 0) return response;
      const headers = new Headers(response.headers);
      headers.set("Cross-Origin-Opener-Policy", "same-origin");
      headers.set("Cross-Origin-Embedder-Policy", "require-corp");
      headers.set("Cross-Origin-Resource-Policy", "same-origin");
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }));
  });
} else if (!window.crossOriginIsolated && window.isSecureContext && navigator.serviceWorker) {
  const script = document.currentScript.src;
  navigator.serviceWorker.register(script).then((reg) => {
    const reloaded = sessionStorage.getItem("coi-reloaded");
    if (!reloaded && (reg.active || reg.installing)) {
      sessionStorage.setItem("coi-reloaded", "1");
      (reg.active ? Promise.resolve() : new Promise((r) => reg.installing.addEventListener("statechange", r)))
        .then(() => location.reload());
    }
  });
}
