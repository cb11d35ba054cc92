# The page's Python kernel, hosted by PyScript in a worker (js/py-host.js starts it).
# PyScript has already booted the site's Pyodide (js/py-interpreter.js, from the memory
# snapshot when there is one) and unpacked the course's packages into lib/ (the config's
# `files`); this file answers the page: `init` builds the kernel, `run` runs a cell (in
# order: cells share one namespace, like a notebook), `event` answers a widget at once,
# even while a run awaits.
import asyncio
import json
import sys

import js
import pyodide_js
from polyscript import xworker
from pyodide.code import find_imports
from pyodide.ffi import to_js

LIB = "/home/pyodide/lib"   # where the config's files go, and where the snapshot imported from
if LIB not in sys.path:
    sys.path.insert(0, LIB)

kernel = None
runs = asyncio.Lock()


def post(**message):
    xworker.postMessage(to_js(message, dict_converter=js.Object.fromEntries))


def init(data):
    global kernel
    from mlmath import data as site_data
    from mlmath.kernel import Kernel

    if data.interrupt:
        # Stop: a byte the page shares; 2 there makes Python raise KeyboardInterrupt at its
        # next check. (PyScript's worker hook, hooks.worker.onReady, would hand over the same
        # interpreter, but 0.7.31 gives hooks only to workers made after its plugins load.)
        pyodide_js.setInterruptBuffer(js.Uint8Array.new(data.interrupt))
    site_data.ROOT = data.root   # files the page's Python reads (tiny-shakespeare, shaders) are under it
    kernel = Kernel(js.JSON.stringify(data.widgets), lambda widget, scene: post(widget=widget, scene=scene))
    # a worker's clock starts with the worker: this is how long Python took to boot
    post(ready=js.performance.now(), phases={"snapshot": bool(getattr(js, "mlmathSnapshot", False))})


def missing(code):
    """Packages of Pyodide's collection a cell imports that this page has not loaded (numpy, ...)."""
    known = pyodide_js._api._import_name_to_package_name
    return [name for name in find_imports(code)
            if known.has(name) and not js.Object.hasOwn(pyodide_js.loadedPackages, known.get(name))]


async def load_imports(code):
    wanted = missing(code)
    if not wanted:
        return None
    names = ", ".join(wanted)
    if not js.navigator.onLine:
        return (f"You are offline, and {names} is not part of this site: it comes from Pyodide's CDN, "
                "so run this cell again when you are online.")
    failed = []
    try:
        await pyodide_js.loadPackagesFromImports(code, to_js({"errorCallback": failed.append,
                                                              "messageCallback": lambda _: None},
                                                             dict_converter=js.Object.fromEntries))
    except Exception as exc:  # noqa: BLE001 - any failure becomes one line for the learner
        failed.append(str(exc))
    if failed:
        return (f"Could not load {names} from Pyodide's CDN ({failed[0].splitlines()[0]}); "
                "the site itself carries only the standard library and mlmath.")
    return None


async def run(data):
    async with runs:
        problem = await load_imports(data.code)
        if problem:
            return post(id=data.id, reply=json.dumps({"ok": False, "error": problem, "scenes": {}}))
        check = data.check if isinstance(data.check, str) else None
        reply = await kernel.run(data.cell, data.code, check, lambda text: post(id=data.id, stream=text))
        post(id=data.id, reply=reply)


async def onmessage(event):
    data = event.data
    try:
        if data.op == "init":
            init(data)
        elif data.op == "run":
            await run(data)
        elif data.op == "event":
            post(id=data.id, reply=kernel.event(data.widget, js.JSON.stringify(data.event)))
    except BaseException as exc:  # noqa: BLE001 - the page must hear of it, or it waits forever
        if data.op == "init":
            post(fatal=f"{type(exc).__name__}: {exc}")
        else:
            post(id=data.id, reply=json.dumps({"ok": False, "error": f"The page's Python failed: {exc}",
                                               "scenes": {}}))


xworker.onmessage = onmessage
