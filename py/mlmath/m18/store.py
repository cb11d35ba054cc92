"""The trained models kept in the browser (IndexedDB), so they survive a reload.

Two slots: "mine", the learner's own run (the model later lessons load), and
"experiment", the latest preset, mystery or seed run, so an experiment never replaces it.

IndexedDB is reachable from the page's worker through `js`. Its requests are not
promises, so each is wrapped in a future that its success or error handler settles.
Natively (CPython at build time, unit tests) there is no browser: nothing is stored.
"""

import asyncio
import json
import sys

DB, STORE = "mlmath-capstone", "models"
# (info key, model key) of each slot; "mine" keeps the keys of the single slot it replaced,
# so a model stored before the slots existed is still found
SLOTS = {"mine": ("info", "model"), "experiment": ("experiment/info", "experiment/model")}


class StoreError(RuntimeError):
    pass


def available():
    if sys.platform != "emscripten":
        return False
    import js
    return hasattr(js, "indexedDB")


def _settled(request):
    """A future for an IDBRequest. Handlers are attached at once, before anything awaits:
    a request whose success event fired before its handler was attached would never settle."""
    from pyodide.ffi import create_proxy

    done = asyncio.get_event_loop().create_future()

    def ok(_):
        if not done.done():
            done.set_result(request.result)

    def bad(_):
        if not done.done():
            done.set_exception(StoreError(f"the browser's storage refused: {request.error and request.error.message}"))

    handlers = [create_proxy(ok), create_proxy(bad)]
    request.onsuccess, request.onerror = handlers
    done.add_done_callback(lambda _: [h.destroy() for h in handlers])
    return done


async def _store(mode):
    import js
    from pyodide.ffi import create_proxy

    request = js.indexedDB.open(DB, 1)
    upgrade = create_proxy(lambda _: request.result.createObjectStore(STORE))
    request.onupgradeneeded = upgrade
    opened = _settled(request)
    try:
        db = await opened
    finally:
        upgrade.destroy()
    return db, db.transaction(STORE, mode).objectStore(STORE)


async def save(blob: bytes, info: dict, slot="mine"):
    """Keep a checkpoint's bytes and a little JSON about the run (size, preset, curves)."""
    if not available():
        return
    import js

    data = js.Uint8Array.new(len(blob))
    data.assign(blob)
    db, store = await _store("readwrite")
    keys = SLOTS[slot]
    info_done, model_done = _settled(store.put(json.dumps(info), keys[0])), _settled(store.put(data, keys[1]))
    await info_done
    await model_done
    db.close()


async def load(slot="mine"):
    """(checkpoint bytes, info) of the model stored in a slot, or None."""
    if not available():
        return None
    db, store = await _store("readonly")
    info_done, model_done = (_settled(store.get(key)) for key in SLOTS[slot])
    info, model = await info_done, await model_done
    db.close()
    if model is None or info is None:
        return None
    return model.to_bytes(), json.loads(info)


async def clear(slot="mine"):
    if not available():
        return
    db, store = await _store("readwrite")
    info_done, model_done = (_settled(store.delete(key)) for key in SLOTS[slot])
    await info_done
    await model_done
    db.close()
