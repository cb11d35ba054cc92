"""A tiny GPT (nanoGPT's model) trained by WGSL kernels, driven from Python.

    prng.py        seeded random numbers, identical in CPython and Pyodide
    tokenizer.py   characters <-> integers
    model.py       configuration, parameter table, seeded initialisation
    gpu/           one small interface over WebGPU: browser (Pyodide) and native (wgpu);
                   open_gpu() and load_wgsl() pick the face, so the same code runs in both
    engine.py      the model on the GPU: a training step as a list of kernel dispatches
    train.py       random windows, learning-rate schedule, the training loop
    sample.py      temperature, top-k, top-p, with a KV cache
    checkpoint.py  safetensors files, in pure Python
"""
