"""Module 18's capstone pages in headless Chromium, with WebGPU (SwiftShader on the CPU).

The widgets are driven through the page's kernel, as the page's own controls drive them
(input events), at the quick demo size, which is a control learners have too.
"""

import ast
import math
import time
from contextlib import contextmanager

import pytest

from conftest import ROOT, Watched, wait_for_python
from test_lessons import lesson_data, open_everything
from mlmath.m18.sources import engine_files, line_count
from mlmath.gpt.sample import transforms
from test_gpt_checkpoint import BAD

pytestmark = pytest.mark.browser


class Page:
    def __init__(self, watched):
        self.watched, self.page = watched, watched.page

    def py(self, code):
        """Run code in the page's Python and draw the scenes it changed, as a code cell does:
        the kernel counts a scene in its reply as shown."""
        reply = self.page.evaluate("""async code => {
            const m = window.mlmath, reply = await m.kernel.run('capstone-test', code, null);
            for (const [id, scene] of Object.entries(reply.scenes ?? {})) m.views[id]?.draw(scene);
            return reply; }""", code)
        assert reply["ok"], reply["error"]
        return None if reply["value"] is None else ast.literal_eval(reply["value"])

    def event(self, wid, cid, value=None):
        """An input event, as the widget's control sends it; the widget is redrawn with the reply."""
        return self.page.evaluate("""async ([wid, cid, value]) => {
            const m = window.mlmath, scene = await m.kernel.event(wid, {type: 'input', id: cid, value});
            m.views[wid].draw(scene); return scene; }""", [wid, cid, value])

    def wait(self, expr, timeout=120):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.py(expr):
                return
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting for {expr}: " + repr(self.py("from mlmath.m18.session import session; session().status()")))


@contextmanager
def lesson_page(browser, site_url, key):
    """The lesson's page with every step open (locked steps are hidden), Python ready;
    its browser context is closed afterwards, whether the test passed or not."""
    context = browser.new_context()
    try:
        watched = Watched(context, site_url)
        watched.page.goto(f"{site_url}lessons/{key}.html")
        wait_for_python(watched.page)
        open_everything(watched.page, lesson_data(watched.page))
        page = Page(watched)
        page.py("from mlmath.widgets import widget\nfrom mlmath.m18.session import session")
        yield page
    finally:
        context.close()


@pytest.fixture(scope="module")
def l01(browser, site_url):
    with lesson_page(browser, site_url, "m18-l01") as page:
        yield page


def test_training_lowers_the_loss_and_draws_the_curve(l01):
    p = l01
    p.event("boot", "size", "tiny")
    p.event("boot", "steps", 40)
    p.event("boot", "start")
    p.wait("widget('boot').run.step >= 40 and not session().training")
    r = p.py("r = widget('boot').run; (r.losses, r.evals, r.samples, r.first_ms, r.steady_ms, r.compile_ms)")
    losses, evals, samples, first_ms, steady_ms, compile_ms = r
    assert len(losses) == 40 and abs(losses[0] - math.log(65)) < 0.1
    assert sum(losses[-5:]) / 5 < losses[0] - 0.1, losses
    assert len(evals) == 4 and samples and len(samples[-1][1]) == 100, "a sample every 10 iterations of a 40-iteration run"
    assert first_ms > 0 and steady_ms > 0 and compile_ms > 0  # which is larger depends on the GPU
    # the page drew the curve (a polyline) and the readouts, mid-run or after it
    p.page.wait_for_selector('figure[data-widget="boot"] svg.canvas polyline')
    assert "40 / 40" in p.page.locator('figure[data-widget="boot"] .readouts').inner_text()
    # a finished run says so, and Pause has nothing left to pause
    p.page.wait_for_function("document.querySelector(`figure[data-widget='boot'] .readouts`).innerText.includes('Done: 40 iterations')")
    assert p.page.locator('figure[data-widget="boot"]').get_by_role("button", name="Pause").is_disabled()
    p.watched.assert_clean()


def test_the_dispatch_tour_reads_as_a_list_and_focus_follows_the_selection(l01):
    tour = l01.page.locator('figure[data-widget="tour"]')
    tour.locator('[data-handle="d0"]').focus()
    for key in ("ArrowDown", "ArrowDown", "PageDown", "ArrowUp"):
        l01.page.keyboard.press(key)
        l01.page.wait_for_timeout(300)
    focused = l01.page.evaluate("[document.activeElement.dataset.handle, document.activeElement.getAttribute('aria-valuetext')]")
    assert focused[0] == "d11" and focused[1].startswith("12 of 82"), focused
    assert l01.py("widget('tour').index") == 11


def test_pause_and_resume(l01):
    p = l01
    p.event("boot", "steps", 200)
    p.event("boot", "start")
    p.wait("widget('boot').run.step >= 3")
    p.event("boot", "pause")
    p.wait("session().paused")
    time.sleep(1.0)  # the iteration in flight when Pause was pressed finishes first
    at = p.py("widget('boot').run.step")
    time.sleep(1.0)
    assert p.py("widget('boot').run.step") == at, "paused: no further iterations"
    assert "Paused" in p.page.locator('figure[data-widget="boot"] .readouts').inner_text()
    p.event("boot", "pause")  # the same button resumes
    p.wait(f"widget('boot').run.step >= {at + 3}")
    p.py("session().stop()")
    p.wait("not session().training")
    p.watched.assert_clean()


def test_a_reload_restores_the_trained_model(browser, site_url):
    with lesson_page(browser, site_url, "m18-l01") as p:
        p.event("boot", "size", "tiny")
        p.event("boot", "steps", 20)
        p.event("boot", "start")
        p.wait("widget('boot').run.step >= 20 and not session().training")
        before = p.py("await session().sha256()")
        p.page.reload()
        wait_for_python(p.page)
        p.py("from mlmath.m18.session import session")
        assert p.py("await session().restore()") is True
        assert p.py("await session().sha256()") == before
        assert p.py("session().model['step']") == 20
        p.watched.assert_clean()


def test_experiments_never_replace_the_learners_model_and_lesson_4_samples_it(browser, site_url):
    with lesson_page(browser, site_url, "m18-l01") as p:
        p.event("boot", "size", "tiny")
        p.event("boot", "steps", 20)
        p.event("boot", "start")
        p.wait("widget('boot').run.step >= 20 and not session().training")
        own = p.py("await session().sha256()")
        p.py("from mlmath.widgets import create\npresets = create('capstone_trainer', {'presets': True})\n"
             "presets.handle({'type': 'input', 'id': 'steps', 'value': 20})\n"
             "presets.handle({'type': 'input', 'id': 'preset_lr_low', 'value': None})")
        p.wait("presets.run.step >= 20 and not session().training")
        p.py("s = session(); s.seed = 'a seed run'\nawait s.start(evaluate=False)")  # lesson 3's seed runs
        assert p.py("from mlmath.m18 import store\n(await store.load('experiment'))[1]['seed']") == "a seed run"
        p.page.goto(f"{site_url}lessons/m18-l04.html")
        wait_for_python(p.page)
        p.py("from mlmath.widgets import widget\nfrom mlmath.m18.session import session")
        p.event("temp", "wake")
        p.wait("widget('temp').source.startswith('your model')")
        assert p.py("await session().sha256()") == own
        assert p.py("widget('temp').source") == "your model (seed 'mlmath', 20 iterations)"
        # the other sampler on the page follows the model the first one put on the GPU
        p.wait("widget('talk').source == widget('temp').source")
        p.page.wait_for_function("document.querySelector(`figure[data-widget='talk'] .readouts`).innerText.includes('your model')")
        p.watched.assert_clean()


def test_each_preset_starts_a_run(l01):
    # The lesson-2 widget, built in this page's worker (one page boot less for CI).
    p = l01
    p.py("from mlmath.widgets import create\npresets = create('capstone_trainer', {'presets': True})")
    p.py("presets.handle({'type': 'input', 'id': 'size', 'value': 'tiny'})\n"
         "presets.handle({'type': 'input', 'id': 'steps', 'value': 20})")
    for preset in ("lr_high", "lr_low", "no_warmup", "no_clip", "bad_init", "no_mask"):
        p.py(f"presets.handle({{'type': 'input', 'id': 'preset_{preset}', 'value': None}})")
        p.wait(f"presets.run.preset == {preset!r} and presets.run.step >= 2")
        if preset == "bad_init":
            assert p.py("presets.run.losses[0]") > 2 * math.log(65), "weights 50x too large start far above ln 65"
        assert any(c["id"] == f"preset_{preset}" for c in p.py("presets.controls()"))
    p.py("session().stop()")
    p.wait("not session().training")
    p.watched.assert_clean()


def test_the_no_clipping_preset_runs_away_on_the_pages_gpu(l01):
    """The symptom the lesson promises, on the browser's WebGPU rather than lavapipe: plain SGD
    without the cap climbs far past any other preset's 100 (SwiftShader's run peaks near
    10^11 where lavapipe's reaches 10^37), then the run stops at an infinite or NaN loss."""
    p = l01
    p.py("from mlmath.widgets import create\nwild = create('capstone_trainer', {'presets': True})")
    p.py("wild.handle({'type': 'input', 'id': 'size', 'value': 'tiny'})\n"
         "wild.handle({'type': 'input', 'id': 'preset_no_clip', 'value': None})")
    p.wait("wild.run.preset == 'no_clip' and wild.run.ended", timeout=240)
    assert p.py("session().status()").startswith("Diverged: the loss became")
    assert p.py("max(v for v in wild.run.losses if abs(v) < float('inf'))") > 1e6
    p.watched.assert_clean()


@pytest.fixture(scope="module")
def l03(browser, site_url):
    with lesson_page(browser, site_url, "m18-l03") as page:
        yield page


def train_seed(p, seed, runs):
    p.event("identity", "seed", seed)
    p.event("identity", "train")
    p.wait(f"len(widget('identity').history) >= {runs}")


def test_same_seed_same_hash_other_seed_differs(l03):
    p = l03
    p.event("identity", "size", "tiny")
    p.py("widget('identity').run_steps = 12")  # the lesson's 60 iterations, shortened for CI
    train_seed(p, "alpha", 1)
    train_seed(p, "alpha", 2)
    train_seed(p, "beta", 3)
    history = p.py("widget('identity').history")
    assert history[0][3] == history[1][3] and history[2][3] != history[0][3]
    assert p.py("widget('identity').values()") == {"same_seed_match": 1, "other_seed_differs": 1, "round_trip": 0,
                                                   "no_webgpu": 0}
    p.page.wait_for_selector('figure[data-widget="identity"] .goal.good')
    p.watched.assert_clean()


def test_save_load_and_a_corrupted_file(l03, tmp_path):
    p = l03
    if p.py("session().engine is None"):  # run alone: train a model to save first
        p.event("identity", "size", "tiny")
        p.py("widget('identity').run_steps = 12")
        train_seed(p, "save", 1)
    p.event("file", "save")
    link = p.page.locator('figure[data-widget="file"] a.download')
    link.wait_for()
    with p.page.expect_download() as download:
        link.click()
    path = tmp_path / "model.safetensors"
    download.value.save_as(path)
    blob = path.read_bytes()
    saved = p.py("widget('file').saved_sha")
    picker = p.page.locator('figure[data-widget="file"] input[type=file]')
    picker.set_input_files(str(path))
    p.wait("widget('file').loaded_sha is not None")
    assert p.py("widget('file').loaded_sha") == saved
    assert p.py("await session().sha256()") == saved
    # a truncated file, and one with a mangled header: refused, the model untouched
    cases = [("cut.safetensors", blob[: len(blob) // 2]), ("junk.safetensors", b"\x10" + blob[1:])]
    cases += [(f"{case}.safetensors", BAD[case][0](blob)) for case in ("a NaN weight", "step abc", "trailing bytes",
                                                                       "negative offsets", "n_embd 100000")]
    for name, bad in cases:
        (tmp_path / name).write_bytes(bad)
        picker.set_input_files(str(tmp_path / name))
        p.page.wait_for_function("document.querySelector(`figure[data-widget='file'] .readouts`).innerText.includes('unchanged')")
        assert p.py("await session().sha256()") == saved
        p.py("widget('file').message = ''")
    p.watched.assert_clean()


@pytest.fixture(scope="module")
def l04(browser, site_url):
    with lesson_page(browser, site_url, "m18-l04") as page:
        yield page


def test_the_knobs_move_the_bars_as_the_math_says(l04):
    p = l04
    logits = p.py("widget('talk').logits")
    for cid, value, knobs in (("temperature", 0.5, (0.5, 0, 1.0)), ("top_k", 5, (0.5, 5, 1.0)),
                              ("top_p", 0.6, (0.5, 5, 0.6)), ("top_k", 0, (0.5, 0, 0.6))):
        scene = p.event("talk", cid, value)
        after_t, final = transforms(logits, *knobs)[0][1], transforms(logits, *knobs)[-1][1]
        order = sorted(range(len(logits)), key=lambda i: (-transforms(logits)[0][1][i], i))[:24]
        bars = [s for s in scene["shapes"] if s["t"] == "rect"]
        outline, solid = bars[0::2], bars[1::2]
        peak = max(max(after_t[i] for i in order), max(final[i] for i in order))
        for j, i in enumerate(order):
            assert abs(solid[j]["h"] - 166 * final[i] / peak) < 0.06, (cid, value, j)
            assert abs(outline[j]["h"] - 166 * after_t[i] / peak) < 0.06
        kept = sum(1 for x in final if x > 0)
        assert f"{kept} of 65" in " ".join(r["value"] for r in scene["readouts"])
    p.watched.assert_clean()


def test_generation_streams_text_from_a_trained_model(l04):
    p = l04
    p.py("from mlmath.m18.recipe import SIZES\ns = session(); s.size = 'tiny'; s.steps = 10\nawait s.start()")
    p.event("talk", "wake")
    p.wait("widget('talk').source.startswith('your model')")
    p.event("talk", "generate")
    p.wait("len(widget('talk').text) == 200 and not widget('talk').talking")
    assert p.py("widget('talk').rate") > 0
    p.page.wait_for_function("document.querySelector(`figure[data-widget='talk'] pre.widget-code`).textContent.length > 200")
    p.watched.assert_clean()


def test_the_credits_show_every_engine_file_with_its_line_count(browser, site_url):
    with lesson_page(browser, site_url, "m18-l05") as p:
        files = [(n, line_count(t)) for n, t in engine_files()]
        names = {n for n, _ in files}
        assert names >= {p.relative_to(ROOT / "py/mlmath/gpt").as_posix() for p in (ROOT / "py/mlmath/gpt").rglob("*.py")}
        assert names >= {f.name for f in (ROOT / "wgsl").glob("*.wgsl")}
        for n, count in files:
            assert count == len((ROOT / ("wgsl" if n.endswith(".wgsl") else "py/mlmath/gpt") / n).read_text().splitlines())
        fig = p.page.locator('figure[data-widget="credits"]')
        for i, (n, count) in enumerate(files):
            assert fig.locator(f'[data-handle="f{i}"]').get_attribute("aria-label") == f"{n}, {count} lines"
        fig.locator('[data-handle="f%d"]' % [n for n, _ in files].index("attention.wgsl")).click()
        p.page.wait_for_function("document.querySelector(`figure[data-widget='credits'] pre.widget-code`).textContent.startsWith('// Causal')")
        assert fig.locator("pre.widget-code").inner_text().strip() == (ROOT / "wgsl/attention.wgsl").read_text().strip()
        p.watched.assert_clean()
