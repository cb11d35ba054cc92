// Python syntax colouring for the code cells: a <pre> drawn under a transparent
// textarea, so the learner types in a plain textarea (reliable on phones, screen
// readers and IMEs) and still reads coloured code.

const KEYWORDS = new Set(("False None True and as assert async await break class continue def del elif else " +
  "except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield").split(" "));
const BUILTINS = new Set(("abs all any bool dict enumerate float int isinstance len list map max min print range " +
  "repr reversed round set sorted str sum tuple type zip super self").split(" "));
const TOKEN = /(#.*$)|("""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|[rbfu]{0,2}"(?:\\.|[^"\\\n])*"?|[rbfu]{0,2}'(?:\\.|[^'\\\n])*'?)|(\b\d[\d_]*\.?\d*(?:e[+-]?\d+)?\b)|([A-Za-z_]\w*)/gm;

function escape(text) {
  return text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
}

export function highlight(code) {
  let html = "", last = 0, previous = "";
  for (const m of code.matchAll(TOKEN)) {
    html += escape(code.slice(last, m.index));
    const [text, comment, string, number, name] = m;
    let cls = comment ? "c" : string ? "s" : number ? "n" : KEYWORDS.has(name) ? "k" : BUILTINS.has(name) ? "b" : "";
    if (name && (previous === "def" || previous === "class")) cls = "f";
    html += cls ? `<span class="hl-${cls}">${escape(text)}</span>` : escape(text);
    if (name) previous = name;
    last = m.index + text.length;
  }
  return html + escape(code.slice(last)) + "\n";
}

export function attach(textarea) {
  const pre = document.createElement("pre");
  pre.className = "hl";
  pre.setAttribute("aria-hidden", "true");
  textarea.before(pre);
  textarea.classList.add("over-hl");
  const paint = () => { pre.innerHTML = highlight(textarea.value); };
  textarea.addEventListener("input", paint);
  textarea.addEventListener("scroll", () => { pre.scrollLeft = textarea.scrollLeft; pre.scrollTop = textarea.scrollTop; });
  paint();
  return paint;
}
