// Typeset LaTeX that the build left in .math elements, with the site's own KaTeX.

// A formula wider than the column scrolls sideways; keyboard users must be able to reach
// that scroll, so it takes focus exactly while it overflows (a step opening, a resize).
const overflow = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (target.scrollWidth > target.clientWidth) target.tabIndex = 0;
    else target.removeAttribute("tabindex");
  }
});

export function renderMath(root = document) {
  if (!window.katex) return;
  for (const el of root.querySelectorAll(".math:not([data-typeset])")) {
    el.dataset.typeset = "";
    const display = el.classList.contains("block");
    window.katex.render(el.textContent, el, { displayMode: display, throwOnError: false });
    if (display) overflow.observe(el.querySelector(".katex-display") ?? el);
  }
}
renderMath();
