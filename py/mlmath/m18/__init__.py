"""Module 18, the capstone: its widgets and the page-side machinery they share.

    recipe.py    the two model sizes, and the pathology presets as training options
    listing.py   an iteration's dispatches, listed without a GPU (a recording stand-in)
    session.py   one engine per page: training task, pause and resume, curves, samples,
                 SHA-256 of the weights, checkpoints in and out, generation
    store.py     the trained model kept in the browser's IndexedDB across reloads
    sources.py   the engine's own files, their line counts, and syntax colouring
"""
