"""The career graph as one self-contained, interactive HTML page.

The page holds the Graphviz SVG inline, its CSS and script inline, and the graph's
adjacency as JSON; it fetches nothing, and its Content-Security-Policy forbids
fetching anything and allows only this page's own script (by hash), so even a name
that slipped through as markup could not run. Every text from data is escaped with
:func:`html.escape`; the script writes data only through ``textContent``.

In the browser: hovering or clicking a node highlights its whole prerequisite chain
(class ``highlight``) and what it unlocks (class ``unlocks``); a search box marks
nodes by name or id; ``#focus=<id>`` in the address highlights exactly that node and
every ancestor (SPEC "The HTML graph page"). With a profile, the scheduled items
appear as a Gantt strip beside the graph.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import re
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from planner.scheduling import Schedule
    from planner.visualizers.view import GraphView

_XML_PROLOGUE: Final = re.compile(r"<\?xml.*?\?>|<!DOCTYPE[^>]*>|<!--.*?-->", re.DOTALL)
TIMELINE_WIDTH: Final = 440
"""Width in pixels of the Gantt strip."""
ROW_HEIGHT: Final = 18

CSS: Final = """
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; color: #1d2630; background: #fff; }
header { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap;
  padding: .5rem 1rem; border-bottom: 1px solid #dde3ea; position: sticky; top: 0;
  background: #fff; z-index: 2; }
header h1 { font-size: 1rem; margin: 0; }
header input { font: inherit; padding: .25rem .5rem; min-width: 16rem; }
#info { color: #44515e; font-size: .9rem; }
main { display: flex; align-items: flex-start; gap: 1rem; padding: .5rem 1rem; }
#graph { flex: 1 1 auto; overflow: auto; max-height: calc(100vh - 4rem); border: 1px solid #eef1f4; }
#graph svg { display: block; }
#graph.fit svg { width: 100%; height: auto; }
header button { font: inherit; padding: .2rem .6rem; }
#timeline { flex: 0 0 auto; overflow: auto; max-height: calc(100vh - 4rem); }
#timeline h2 { font-size: .95rem; margin: .25rem 0 .5rem; }
#timeline text { font-size: 11px; fill: #1d2630; }
#timeline .bar { fill: #ffd166; stroke: #c08a00; }
#timeline .milestone { fill: #263238; }
#timeline .task:hover .bar, #timeline .task.highlight .bar { fill: #ffab40; }
g.node { cursor: pointer; }
body.focusing g.node:not(.highlight):not(.unlocks) { opacity: .15; }
body.focusing g.edge:not(.highlight):not(.unlocks) { opacity: .08; }
g.node.highlight > path, g.node.highlight > polygon { stroke: #d32f2f; stroke-width: 2.5px; }
g.node.focus > path, g.node.focus > polygon { stroke-width: 4px; }
g.node.unlocks > path, g.node.unlocks > polygon { stroke: #1565c0; stroke-width: 2.5px; }
g.edge.highlight > path { stroke: #d32f2f; stroke-width: 2.5px; }
g.edge.highlight > polygon { stroke: #d32f2f; fill: #d32f2f; }
g.edge.unlocks > path { stroke: #1565c0; stroke-width: 2px; }
g.edge.unlocks > polygon { stroke: #1565c0; fill: #1565c0; }
body.searching g.node:not(.match) { opacity: .2; }
g.node.match > path, g.node.match > polygon { stroke: #6a1b9a; stroke-width: 3px; }
"""

SCRIPT: Final = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var groups = {};
  Array.prototype.forEach.call(document.querySelectorAll("#graph svg g.node"), function (g) {
    if (Object.prototype.hasOwnProperty.call(data.nodes, g.id)) { groups[g.id] = g; }
  });
  var edges = data.edges.map(function (pair, index) {
    return { source: pair[0], target: pair[1], element: document.getElementById("edge_" + index) };
  });
  var info = document.getElementById("info");
  var search = document.getElementById("search");
  var pinned = null;
  var has = function (map, key) { return Object.prototype.hasOwnProperty.call(map, key); };

  function reach(start, adjacency) {
    var seen = {}, stack = (adjacency[start] || []).slice();
    while (stack.length) {
      var node = stack.pop();
      if (has(seen, node)) { continue; }
      seen[node] = true;
      (adjacency[node] || []).forEach(function (next) { if (!has(seen, next)) { stack.push(next); } });
    }
    return seen;
  }
  function clear() {
    ["highlight", "unlocks", "focus"].forEach(function (name) {
      Array.prototype.forEach.call(document.querySelectorAll("." + name), function (el) {
        el.classList.remove(name);
      });
    });
    document.body.classList.remove("focusing");
    info.textContent = "";
  }
  function mark(id, withUnlocks) {
    clear();
    if (!has(groups, id)) { return false; }
    var chain = reach(id, data.pred);
    chain[id] = true;
    var unlocks = withUnlocks ? reach(id, data.succ) : {};
    var add = function (set, name) {
      Object.keys(set).forEach(function (n) { if (has(groups, n)) { groups[n].classList.add(name); } });
    };
    add(chain, "highlight");
    add(unlocks, "unlocks");
    groups[id].classList.add("focus");
    edges.forEach(function (e) {
      if (!e.element) { return; }
      if (has(chain, e.source) && has(chain, e.target)) { e.element.classList.add("highlight"); }
      else if ((e.source === id || has(unlocks, e.source)) && has(unlocks, e.target)) {
        e.element.classList.add("unlocks");
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("#timeline .task"), function (t) {
      if (has(chain, t.getAttribute("data-id"))) { t.classList.add("highlight"); }
    });
    document.body.classList.add("focusing");
    var node = data.nodes[id];
    var text = node.name + " (" + node.kind + (node.hours ? ", " + node.hours + " h" : "") + "): needs " +
      (Object.keys(chain).length - 1) + " prerequisite(s)";
    if (withUnlocks) { text += ", unlocks " + Object.keys(unlocks).length; }
    info.textContent = text;
    return true;
  }
  function fromHash() {
    var match = /(?:^#|&)focus=([^&]*)/.exec(window.location.hash);
    if (!match) { return null; }
    try { return decodeURIComponent(match[1]); } catch (err) { return null; }
  }
  function restore() {
    if (pinned !== null) { mark(pinned, true); return; }
    var id = fromHash();
    if (id === null && data.focus !== null) { id = data.focus; }
    if (id !== null) { mark(id, false); } else { clear(); }
  }
  Object.keys(groups).forEach(function (id) {
    var g = groups[id];
    g.addEventListener("mouseenter", function () { mark(id, true); });
    g.addEventListener("mouseleave", restore);
    g.addEventListener("click", function () { pinned = pinned === id ? null : id; restore(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("#timeline .task"), function (t) {
    var id = t.getAttribute("data-id");
    t.addEventListener("mouseenter", function () { mark(id, true); });
    t.addEventListener("mouseleave", restore);
  });
  search.addEventListener("input", function () {
    var query = search.value.trim().toLowerCase();
    var count = 0;
    Object.keys(groups).forEach(function (id) {
      var name = data.nodes[id].name.toLowerCase();
      var hit = query !== "" && (id.indexOf(query) >= 0 || name.indexOf(query) >= 0);
      groups[id].classList.toggle("match", hit);
      if (hit) { count += 1; }
    });
    document.body.classList.toggle("searching", query !== "");
    if (query !== "") { info.textContent = count + " match(es)"; }
  });
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    var first = document.querySelector("#graph g.node.match");
    if (first) {
      pinned = first.id;
      restore();
      first.scrollIntoView({ block: "center", inline: "center" });
    }
  });
  var fit = document.getElementById("fit");
  fit.addEventListener("click", function () {
    var on = document.getElementById("graph").classList.toggle("fit");
    fit.setAttribute("aria-pressed", on ? "true" : "false");
  });
  window.addEventListener("hashchange", function () { pinned = null; restore(); });
  restore();
})();
"""


def script_json(value: Any) -> str:
    """JSON safe inside ``<script>``: every ``<`` written as ``\\u003c``, so neither
    ``</script>`` nor ``<!--`` can end or change the script element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def graph_data(view: GraphView) -> dict[str, Any]:
    """The adjacency the page's script walks: nodes, edges, pred and succ lists."""
    pred: dict[str, list[str]] = {}
    succ: dict[str, list[str]] = {}
    for source, target in view.edges:
        succ.setdefault(source, []).append(target)
        pred.setdefault(target, []).append(source)
    return {
        "nodes": {
            node_id: {
                "name": node.name,
                "kind": node.kind,
                "hours": view.hours(node_id),
                "status": view.status[node_id] if view.status is not None else None,
            }
            for node_id, node in sorted(view.nodes.items())
        },
        "edges": [list(edge) for edge in view.edges],
        "pred": pred,
        "succ": succ,
        "focus": view.focus,
    }


def inline_svg(svg: str) -> str:
    """Graphviz's SVG document made fit for inlining: no XML prologue, doctype or comments."""
    return _XML_PROLOGUE.sub("", svg).strip()


def render_timeline(schedule: Schedule) -> str:
    """A Gantt strip of the schedule's items as inline SVG (empty without items)."""
    from planner.views.schedule import rows

    items = rows(schedule)
    if not items:
        return '<p>Nothing left to learn: every requirement of the target is known.</p>'
    first = min(r.start for r in items)
    last = max([r.end for r in items] + [m.date for m in schedule.milestones])
    days = max(1, (last - first).days + 1)
    label_width = 190
    scale = (TIMELINE_WIDTH - label_width - 10) / days
    milestones = [m for m in schedule.milestones if first <= m.date <= last]
    height = (len(items) + len(milestones) + 2) * ROW_HEIGHT
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{TIMELINE_WIDTH}" height="{height}" '
        f'viewBox="0 0 {TIMELINE_WIDTH} {height}" role="img" aria-label="Roadmap timeline">',
        f'<text x="{label_width}" y="12">{first.isoformat()}</text>',
        f'<text x="{TIMELINE_WIDTH - 5}" y="12" text-anchor="end">{last.isoformat()}</text>',
    ]
    y = ROW_HEIGHT
    entries: list[tuple[dt.date, int, str]] = []
    for index, row in enumerate(items):
        entries.append((row.start, index, "task"))
    for index, milestone in enumerate(milestones):
        entries.append((milestone.date, len(items) + index, "milestone"))
    entries.sort()
    for _, index, kind in entries:
        if kind == "task":
            row = items[index]
            name = row.item.name if len(row.item.name) <= 30 else row.item.name[:29] + "…"
            x = label_width + (row.start - first).days * scale
            width = max(3.0, ((row.end - row.start).days + 1) * scale)
            out.append(
                f'<g class="task" data-id="{html.escape(row.item.id)}">'
                f"<title>{html.escape(row.item.name)}: {row.start} → {row.end}</title>"
                f'<text x="0" y="{y + 12}">{html.escape(name)}</text>'
                f'<rect class="bar" x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{ROW_HEIGHT - 6}"'
                ' rx="2"/></g>'
            )
        else:
            milestone = milestones[index - len(items)]
            x = label_width + (milestone.date - first).days * scale
            out.append(
                f'<g class="milestone-row"><title>{html.escape(milestone.name)} reached '
                f"{milestone.date}</title>"
                f'<text x="0" y="{y + 12}" font-weight="bold">◆ {html.escape(milestone.name)}</text>'
                f'<path class="milestone" d="M{x:.1f} {y + 3} l6 6 l-6 6 l-6 -6 z"/></g>'
            )
        y += ROW_HEIGHT
    out.append("</svg>")
    return "\n".join(out)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(view: GraphView) -> str:
    """The view as a self-contained HTML page (see the module docstring).

    Raises
    ------
    ToolMissingError
        When Graphviz's ``dot`` (which draws the SVG) is not installed.
    """
    from planner.visualizers.svg import render_svg

    # The page highlights in the browser, so the SVG is drawn without a baked-in focus.
    svg = inline_svg(render_svg(view.without_focus()))
    title = html.escape(view.title)
    timeline = ""
    if view.schedule is not None:
        timeline = (
            '<aside id="timeline"><h2>Roadmap timeline</h2>\n'
            f"{render_timeline(view.schedule)}\n</aside>"
        )
    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src {_csp_hash(SCRIPT)}; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp, quote=False)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{title}</h1>"
        '<input id="search" type="search" placeholder="Search skills, projects, stages…" '
        'aria-label="Search the graph">'
        '<button id="fit" type="button" aria-pressed="true">Fit to width</button>'
        '<span id="info" aria-live="polite"></span></header>\n'
        f'<main>\n<section id="graph" class="fit">\n{svg}\n</section>\n{timeline}\n</main>\n'
        f'<script id="graph-data" type="application/json">{script_json(graph_data(view))}</script>\n'
        f"<script>{SCRIPT}</script>\n"
        "</body>\n</html>\n"
    )
