// Typeset LaTeX that the build left in .math elements, with the site's own KaTeX.
export function renderMath(root = document) {
  if (!window.katex) return;
  for (const el of root.querySelectorAll(".math:not([data-typeset])")) {
    el.dataset.typeset = "";
    window.katex.render(el.textContent, el, { displayMode: el.classList.contains("block"), throwOnError: false });
  }
}
renderMath();
