"""The explorer's web page: one self-contained HTML file, all data, script and style inline.

The page embeds the data of :func:`bargaining.paper.explorer.explorer_data`
as JSON in a ``<script type="application/json">`` element (with ``<``, ``>``
and ``&`` escaped as ``\\u003c``… so no name in a model can close the element)
and renders it with a small script that only ever writes text through
``textContent``: a strategy named ``<script>`` shows as those characters.
Nothing is fetched: no CDN, no font, no image from elsewhere.
"""

from __future__ import annotations

import html
import json

__all__ = ["render_page", "embed_json"]


def embed_json(data) -> str:
    """JSON text safe to place inside a ``<script>`` element (deterministic: sorted keys).

    Examples
    --------
    >>> embed_json({"name": "</script><b>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


STYLE = """
:root { --ink: #1d2330; --muted: #5b6475; --line: #d5d9e0; --accent: #1f5fa8; --bg: #fbfbfc; }
* { box-sizing: border-box; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); margin: 0; padding: 1rem; }
main { max-width: 1100px; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p.note { color: var(--muted); margin: .2rem 0 .8rem; font-size: .92rem; }
.controls { display: flex; flex-wrap: wrap; gap: .8rem 1.5rem; padding: .8rem; background: #fff;
            border: 1px solid var(--line); border-radius: 6px; }
.control { flex: 1 1 260px; min-width: 0; }
.control label { display: block; font-weight: 600; overflow-wrap: anywhere; }
.control .meaning { display: block; color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; }
.control input[type=range] { width: 100%; margin: .3rem 0 0; }
.control output { font-variant-numeric: tabular-nums; font-weight: 600; }
input[type=range]:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 1rem; }
section.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem;
               min-width: 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #f1f3f6; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
li { overflow-wrap: anywhere; margin: .15rem 0; }
#regime { font-weight: 600; overflow-wrap: anywhere; }
.strip { position: relative; height: 2.4rem; margin: 2.6rem 0 3.4rem; border: 1px solid var(--line); }
.strip .run { position: absolute; top: 0; bottom: 0; }
.strip .cut { position: absolute; top: -0.5rem; bottom: -0.5rem; width: 2px; background: var(--ink); }
.strip .cut span { position: absolute; top: -1.3rem; left: 3px; font-size: .75rem; white-space: nowrap; }
.strip .scenario { position: absolute; bottom: -1.6rem; font-size: .75rem; transform: translateX(-50%);
                   white-space: nowrap; color: var(--muted); }
.strip .cut.low span { top: -2.3rem; }
.strip .scenario.low { bottom: -2.6rem; }
.strip .scenario::before { content: "▲"; display: block; text-align: center; line-height: .8; }
.strip .here { position: absolute; top: -3px; bottom: -3px; width: 4px; margin-left: -2px;
               background: var(--accent); }
.legend { display: flex; flex-wrap: wrap; gap: .3rem .9rem; font-size: .85rem; }
.legend span.swatch { display: inline-block; width: .9rem; height: .9rem; vertical-align: middle;
                      margin-right: .3rem; border: 1px solid var(--line); }
.legend div { overflow-wrap: anywhere; min-width: 0; }
footer { color: var(--muted); font-size: .8rem; margin-top: 1.5rem; }
@media (max-width: 520px) { body { padding: .5rem; font-size: 15px; } .strip .cut span { font-size: .65rem; } }
"""

SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("explorer-data").textContent);
  var sliders = data.sliders;
  var inputs = sliders.map(function (s, k) { return document.getElementById("slider-" + k); });
  var colours = ["#cfe0f5", "#f6d7b0", "#cdebc9", "#f3c6cf", "#e0d4f0", "#fbeeb1", "#c9ece9", "#e6e6e6"];
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function num(n) { return n.exact === n.decimal ? n.exact : n.exact + " (" + n.decimal + ")"; }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function position() {
    var index = Number(inputs[0].value), combo = 0;
    for (var k = 1; k < inputs.length; k++) { combo = combo * sliders[k].values.length + Number(inputs[k].value); }
    var combos = data.strips.length;
    return { view: data.views[index * combos + combo], strip: data.strips[combo], index: index };
  }
  function renderSliders() {
    inputs.forEach(function (input, k) {
      var s = sliders[k], i = Number(input.value);
      var shown = s.values[i] === s.floats[i].toString() ? s.values[i] : s.values[i] + " ≈ " + s.floats[i].toPrecision(4);
      document.getElementById("value-" + k).textContent = shown;
      input.setAttribute("aria-valuetext", s.symbol + " = " + shown);
    });
  }
  function renderPayoffs(view) {
    var table = document.getElementById("payoffs"); clear(table);
    var head = el("tr"); head.appendChild(el("th", data.players[0] + " \\\\ " + data.players[1]));
    data.columns.forEach(function (c) { head.appendChild(el("th", c)); });
    var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
    var body = el("tbody");
    view.payoffs.forEach(function (row, i) {
      var tr = el("tr"); tr.appendChild(el("th", data.rows[i]));
      row.forEach(function (cell) { tr.appendChild(el("td", num(cell[0]) + " , " + num(cell[1]))); });
      body.appendChild(tr);
    });
    table.appendChild(body);
  }
  function renderEquilibria(view) {
    var list = document.getElementById("equilibria"); clear(list);
    view.equilibria.forEach(function (eq) {
      var li = el("li");
      li.appendChild(el("span", eq.text, "eq-text"));
      li.appendChild(el("span", "; payoffs " + eq.payoffs.map(num).join(" , ") + (eq.pure ? "; pure" : "; mixed"),
                        "eq-payoffs"));
      list.appendChild(li);
    });
    document.getElementById("regime").textContent = view.regime;
  }
  function renderStrip(strip, index) {
    var box = document.getElementById("strip"); clear(box);
    var legend = document.getElementById("legend"); clear(legend);
    var floats = sliders[0].floats, lo = floats[0], hi = floats[floats.length - 1];
    function x(v) { return (100 * (v - lo) / (hi - lo)) + "%"; }
    var names = [];
    strip.runs.forEach(function (run) { if (names.indexOf(run.regime) < 0) { names.push(run.regime); } });
    strip.runs.forEach(function (run) {
      var left = run.first === 0 ? lo : (floats[run.first - 1] + floats[run.first]) / 2;
      var right = run.last === floats.length - 1 ? hi : (floats[run.last] + floats[run.last + 1]) / 2;
      strip.thresholds.forEach(function (t) {
        if (run.first > 0 && t.float > floats[run.first - 1] && t.float <= floats[run.first]) { left = t.float; }
        if (run.last < floats.length - 1 && t.float >= floats[run.last] && t.float < floats[run.last + 1]) { right = t.float; }
      });
      var seg = el("div", null, "run");
      seg.style.left = x(left); seg.style.width = (100 * (right - left) / (hi - lo)) + "%";
      seg.style.background = colours[names.indexOf(run.regime) % colours.length];
      seg.title = run.regime;
      box.appendChild(seg);
    });
    strip.thresholds.forEach(function (t, k) {
      var cut = el("div", null, k % 2 ? "cut low" : "cut");
      cut.style.left = x(t.float);
      cut.title = sliders[0].symbol + " = " + t.value.exact + " = " + t.formula;
      cut.appendChild(el("span", num(t.value)));
      cut.setAttribute("data-threshold", t.value.exact);
      box.appendChild(cut);
    });
    data.scenarios.forEach(function (s, k) {
      var mark = el("div", s.name, k % 2 ? "scenario low" : "scenario"); mark.style.left = x(s.float);
      mark.title = s.name + ": " + sliders[0].symbol + " = " + s.value.exact;
      box.appendChild(mark);
    });
    var here = el("div", null, "here"); here.style.left = x(floats[index]); box.appendChild(here);
    names.forEach(function (name, k) {
      var item = el("div"); var sw = el("span", null, "swatch");
      sw.style.background = colours[k % colours.length];
      item.appendChild(sw); item.appendChild(document.createTextNode(name)); legend.appendChild(item);
    });
    var list = document.getElementById("thresholds"); clear(list);
    strip.thresholds.forEach(function (t) {
      list.appendChild(el("li", sliders[0].symbol + " = " + num(t.value) + " = " + t.formula));
    });
    if (!strip.thresholds.length) { list.appendChild(el("li", "none in this range")); }
  }
  function renderOptional(view) {
    var path = document.getElementById("path");
    if (path) {
      path.textContent = view.path ? view.path.text + "; payoffs " + view.path.payoffs.map(num).join(" , ") +
        (view.path.ties.length ? "; ties broken by the first listed action at " + view.path.ties.join("; ") : "") : "";
    }
    var pbe = document.getElementById("pbe");
    if (pbe) {
      clear(pbe);
      (view.pbe || []).forEach(function (r) { pbe.appendChild(el("li", r.kind + ": " + r.text)); });
    }
    var bargain = document.getElementById("bargain");
    if (bargain) { bargain.textContent = view.bargain ? view.bargain.text : ""; }
  }
  function render() {
    var at = position();
    renderSliders(); renderPayoffs(at.view); renderEquilibria(at.view); renderStrip(at.strip, at.index);
    renderOptional(at.view);
    document.body.setAttribute("data-ready", "yes");
  }
  inputs.forEach(function (input) { input.addEventListener("input", render); });
  render();
}());
"""


def _slider_html(k: int, slider: dict) -> str:
    last = len(slider["values"]) - 1
    name = "" if slider["name"] == slider["symbol"] else f' (<code>{html.escape(slider["name"])}</code>)'
    return (
        f'<div class="control"><label for="slider-{k}">{html.escape(slider["symbol"])}{name}'
        f' = <output id="value-{k}" for="slider-{k}"></output></label>'
        f'<span class="meaning">{html.escape(slider["meaning"] or "")}</span>'
        f'<input type="range" id="slider-{k}" min="0" max="{last}" step="1" value="{slider["default"]}" '
        f'data-param="{html.escape(slider["name"])}"></div>'
    )


def render_page(data) -> str:
    """The explorer's HTML for :class:`~bargaining.paper.explorer.ExplorerData`.

    Parameters
    ----------
    data : ExplorerData

    Returns
    -------
    str
        A complete, self-contained HTML document.

    Examples
    --------
    >>> from bargaining.paper.explorer import explorer_data
    >>> page = render_page(explorer_data("russia_belarus", vary=(), points=14))
    >>> '<input type="range" id="slider-0"' in page, "<script src" in page
    (True, False)
    """
    payload = data.to_json()
    first = payload["views"][0]
    title = html.escape(f"{data.title} — explorer")
    sections = [
        '<section class="card"><h2>Payoffs (row player, column player)</h2>'
        '<div class="scroll"><table id="payoffs"></table></div></section>',
        '<section class="card"><h2>Nash equilibria</h2><p class="note">Regime: <span id="regime"></span></p>'
        '<ul id="equilibria"></ul></section>',
    ]
    if "path" in first:
        sections.append('<section class="card"><h2>Subgame-perfect path</h2><p id="path"></p></section>')
    if "pbe" in first:
        sections.append('<section class="card"><h2>Perfect Bayesian equilibria (paths and their probabilities)</h2>'
                        '<ul id="pbe"></ul></section>')
    if "bargain" in first:
        sections.append('<section class="card"><h2>Bargaining over the issue (Nash solution)</h2>'
                        '<p id="bargain"></p></section>')
    controls = "".join(_slider_html(k, s) for k, s in enumerate(data.sliders))
    moving = html.escape(data.sliders[0]["symbol"])
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{STYLE}</style></head>\n"
        f"<body><main><h1>{html.escape(data.title)}</h1>"
        f'<p class="note">Model <code>{html.escape(data.model)}</code>. Every number on this page was computed '
        "exactly by the <code>bargaining</code> package at the slider's position; nothing is computed or "
        "fetched here. Move a slider with the mouse or the arrow keys.</p>"
        f'<div class="controls" role="group" aria-label="parameters">{controls}</div>'
        f"<h2>Regimes over {moving}</h2>"
        '<p class="note">Bars mark the exact thresholds (hover for the formula); triangles mark the '
        "scenarios; the blue line is the current position.</p>"
        '<div class="strip" id="strip"></div><div class="legend" id="legend"></div>'
        '<ul id="thresholds"></ul>'
        f'<div class="grid">{"".join(sections)}</div>'
        "<footer>Made by <code>bargaining explore</code>. The same model and options give the same file.</footer>"
        "</main>"
        f'<script type="application/json" id="explorer-data">{embed_json(payload)}</script>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )

