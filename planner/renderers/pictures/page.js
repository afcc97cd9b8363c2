(function () {
  "use strict";
  // Ids come from data: every lookup goes through a Map, never a plain object, so an id
  // such as "constructor" or "__proto__" is just another key.
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = new Map(Object.entries(data.nodes));
  var pred = new Map(Object.entries(data.pred));
  var succ = new Map(Object.entries(data.succ));
  var viewer = document.getElementById("viewer");
  var info = document.getElementById("info");
  var search = document.getElementById("search");
  var legend = viewer.querySelector(".legend");
  var narrow = function () { return viewer.clientWidth < 600; };

  // ---- search: matches among ids and names ------------------------------------------
  function matches(query) {
    // Ids and names containing the query: exact ones first, then those starting with it.
    var found = [];
    nodes.forEach(function (node, id) {
      var name = node.name.toLowerCase();
      if (query === "" || (id.indexOf(query) < 0 && name.indexOf(query) < 0)) { return; }
      var rank = id === query || name === query ? 0 : id.indexOf(query) === 0 || name.indexOf(query) === 0 ? 1 : 2;
      found.push([rank, id]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : 1); });
    return found.map(function (pair) { return pair[1]; });
  }
  function hint() {
    // The whole placeholder where it fits, a short one on a phone.
    search.placeholder = search.clientWidth < 200 ? "Find…" : data.hint;
  }
  hint();
  window.addEventListener("resize", hint);
  function cards(found) {
    Array.prototype.forEach.call(document.querySelectorAll(".chip"), function (chip) {
      chip.classList.toggle("match", found.has(chip.getAttribute("data-id")));
    });
  }

  var world = document.getElementById("world");
  if (!world) {
    // The overview page: the ladder alone. A search or a chip opens the stage it is in.
    var openCard = function (id) {
      var chip = document.querySelector('.chip[data-id="' + CSS.escape(id) + '"]');
      if (!chip) { return; }
      var card = chip.closest(".card"), head = card.querySelector(".card-head");
      head.setAttribute("aria-expanded", "true");
      document.getElementById(head.getAttribute("aria-controls")).hidden = false;
      chip.scrollIntoView({ block: "center" });
      chip.focus();
      info.textContent = nodes.get(id).title;
    };
    Array.prototype.forEach.call(document.querySelectorAll(".card-head"), function (head) {
      head.addEventListener("click", function () {
        var open = head.getAttribute("aria-expanded") !== "true";
        head.setAttribute("aria-expanded", open ? "true" : "false");
        document.getElementById(head.getAttribute("aria-controls")).hidden = !open;
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".chip"), function (chip) {
      chip.addEventListener("click", function () { info.textContent = nodes.get(chip.getAttribute("data-id")).title; });
    });
    search.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") { return; }
      var found = matches(search.value.trim().toLowerCase());
      if (found.length) { openCard(found[0]); }
    });
    return;
  }
  var canvas = document.getElementById("canvas");
  var svg = world.querySelector("svg");
  var modeText = document.getElementById("mode");
  var links = document.createElementNS("http://www.w3.org/2000/svg", "g");
  links.setAttribute("class", "links");
  var alone = null;  // the chain laid out alone (a phone), made below
  var groups = new Map();
  Array.prototype.forEach.call(world.querySelectorAll("g.node"), function (g) {
    if (nodes.has(g.id)) { groups.set(g.id, g); }
  });
  var edges = data.edges.map(function (edge) {
    return { source: edge[0], target: edge[1], element: document.getElementById("edge_" + edge[2]) };
  });
  var bands = new Map(data.bands.map(function (band) {
    return [band.element, band.id];
  }));
  // Links of a chain go under the nodes, as Graphviz's own edges do.
  svg.querySelector("g.graph").insertBefore(links, world.querySelector("g.node"));

  var MIN_SCALE = 0.05, MAX_SCALE = 4, LEGIBLE_PX = 11;
  // A hair above 11 px: the smallest zoom that frames a node must not round below it.
  var legible = (LEGIBLE_PX + 0.01) / data.labelPx;
  var width = svg.width.baseVal.value, height = svg.height.baseVal.value;
  var cam = { x: 0, y: 0, s: 1, fit: false };
  var pinned = null;

  // ---- the camera: pan and zoom of the graph ------------------------------------
  function apply() {
    world.style.transform = "translate(" + cam.x + "px," + cam.y + "px) scale(" + cam.s + ")";
    viewer.classList.toggle("small-labels", cam.s * data.labelPx < LEGIBLE_PX);
    viewer.classList.toggle("small-titles", cam.s * data.titlePx < LEGIBLE_PX);
    showMode();
  }
  function showMode() {
    var graph = viewer.classList.contains("graph");
    modeText.textContent = Math.round(cam.s * 100) + " %";
    modeText.setAttribute("data-fit", cam.fit ? "true" : "false");
    document.getElementById("show-ladder").setAttribute("aria-pressed", graph ? "false" : "true");
    document.getElementById("show-graph").setAttribute("aria-pressed", graph ? "true" : "false");
  }
  function clampScale(s) { return Math.min(MAX_SCALE, Math.max(MIN_SCALE, s)); }
  function zoomAt(factor, cx, cy) {
    var s = clampScale(cam.s * factor);
    cam.x = cx - (cx - cam.x) * (s / cam.s);
    cam.y = cy - (cy - cam.y) * (s / cam.s);
    cam.s = s;
    cam.fit = false;
    apply();
  }
  function zoomCentre(factor) { zoomAt(factor, canvas.clientWidth / 2, canvas.clientHeight / 2); }
  function free() {
    // The part of the pane above the legend, where framed nodes go.
    var top = viewer.classList.contains("graph") ? legend.offsetTop - 8 : canvas.clientHeight;
    return { w: canvas.clientWidth, h: Math.max(canvas.clientHeight / 2, Math.min(canvas.clientHeight, top)) };
  }
  function place(s, cx, cy) {
    cam.s = clampScale(s);
    cam.x = free().w / 2 - cx * cam.s;
    cam.y = free().h / 2 - cy * cam.s;
    cam.fit = false;
    apply();
  }
  function fit() {
    if (alone) { leave(); }
    place(Math.min(free().w / width, free().h / height) * 0.98, width / 2, height / 2);
    cam.fit = true;
    showMode();
  }
  function top() {
    // The top of the graph, as wide as the pane allows up to 100 %.
    place(Math.min(1, (canvas.clientWidth - 16) / width), width / 2, 0);
    cam.y = 8;
    apply();
  }
  function actualSize() {
    zoomCentre(1 / cam.s);
  }
  function box(element) {
    // An element's box in the graph's own pixels (scale 1), whatever the camera.
    var r = element.getBoundingClientRect(), w = world.getBoundingClientRect();
    return { x: (r.left - w.left) / cam.s, y: (r.top - w.top) / cam.s, w: r.width / cam.s, h: r.height / cam.s };
  }
  function union(boxes) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    boxes.forEach(function (b) {
      x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y);
      x1 = Math.max(x1, b.x + b.w); y1 = Math.max(y1, b.y + b.h);
    });
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }
  function frame(area, anchor) {
    // Show ``area`` whole if its labels stay legible; else as much of it as a legible
    // size allows around ``anchor``, which stays on screen.
    var pad = 24, w = free().w, h = free().h;
    var s = Math.min(1, (w - 2 * pad) / area.w, (h - 2 * pad) / area.h);
    var cx = area.x + area.w / 2, cy = area.y + area.h / 2;
    if (s < legible) {
      s = legible;
      var rx = (w / 2 - pad) / s, ry = (h / 2 - pad) / s;
      cx = Math.min(Math.max(cx, anchor.x + anchor.w - rx), anchor.x + rx);
      cy = Math.min(Math.max(cy, anchor.y + anchor.h - ry), anchor.y + ry);
    }
    place(s, cx, cy);
  }

  // ---- modes: the ladder (overview) and the graph ---------------------------------
  var seen = false;
  function opening() {
    // The person's next item (or the stage they work towards) at a size where labels
    // read, a little above the middle; without a profile, the first stage.
    var start = data.start !== null && groups.has(data.start) ? groups.get(data.start) : null;
    if (!start) { showBand(data.bands.length ? data.bands[0].id : null); return; }
    var b = box(start), s = Math.max(legible, Math.min(1, free().w / 900));
    place(s, b.x + b.w / 2, b.y + b.h / 2);
    cam.y = Math.min(8, free().h / 3 - (b.y + b.h / 2) * s);  // no blank above the graph
    apply();
  }
  function showGraph() {
    if (viewer.classList.contains("graph")) { return; }
    viewer.classList.remove("ladder");
    viewer.classList.add("graph");
    if (narrow()) { legend.open = false; }
    if (!seen) { seen = true; opening(); } else { showMode(); }
    restore();  // draws the chain's links, which need the graph on screen
  }
  function showLadder() {
    if (alone) { leave(); }
    viewer.classList.remove("graph");
    viewer.classList.add("ladder");
    legend.open = true;
    showMode();
  }
  function showBand(bandId) {
    var element = null;
    bands.forEach(function (id, elementId) { if (id === bandId) { element = document.getElementById(elementId); } });
    if (!element) { top(); return; }
    if (!viewer.classList.contains("graph")) { seen = true; showGraph(); }
    var area = box(element);
    var s = Math.max(legible, Math.min(1.25, (canvas.clientWidth - 32) / area.w));
    cam.s = s;
    cam.x = Math.max(16, (canvas.clientWidth - area.w * s) / 2) - area.x * s;
    cam.y = 16 - area.y * s;
    cam.fit = false;
    apply();
  }

  // ---- highlighting: a node's prerequisite chain and what it unlocks --------------
  function reach(start, adjacency) {
    var found = new Set(), stack = (adjacency.get(start) || []).slice();
    while (stack.length) {
      var node = stack.pop();
      if (found.has(node)) { continue; }
      found.add(node);
      (adjacency.get(node) || []).forEach(function (next) { if (!found.has(next)) { stack.push(next); } });
    }
    return found;
  }
  function clear() {
    if (alone) { leave(); }
    ["highlight", "unlocks", "focus", "on-chain"].forEach(function (name) {
      Array.prototype.forEach.call(document.querySelectorAll("." + name), function (el) {
        el.classList.remove(name);
      });
    });
    while (links.firstChild) { links.removeChild(links.firstChild); }
    document.body.classList.remove("focusing");
    info.textContent = "";
  }
  function link(source, target) {
    // Edges the picture leaves out (its bands imply them) are drawn while their chain shows.
    var a = groups.get(source).getBBox(), b = groups.get(target).getBBox();
    var x1 = a.x + a.width / 2, y1 = a.y + a.height, x2 = b.x + b.width / 2, y2 = b.y;
    var bend = Math.max(20, Math.abs(y2 - y1) / 2);
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("class", "link");
    path.setAttribute("d", "M" + x1 + " " + y1 + " C" + x1 + " " + (y1 + bend) + " " + x2 + " " +
      (y2 - bend) + " " + x2 + " " + y2);
    links.appendChild(path);
  }
  function mark(id, withUnlocks) {
    clear();
    if (!groups.has(id)) { return false; }
    var chain = reach(id, pred);
    chain.add(id);
    var unlocks = withUnlocks ? reach(id, succ) : new Set();
    chain.forEach(function (n) { if (groups.has(n)) { groups.get(n).classList.add("highlight"); } });
    unlocks.forEach(function (n) { if (groups.has(n)) { groups.get(n).classList.add("unlocks"); } });
    groups.get(id).classList.add("focus");
    edges.forEach(function (e) {
      if (chain.has(e.source) && chain.has(e.target)) {
        if (e.element) { e.element.classList.add("highlight"); } else if (viewer.classList.contains("graph")) { link(e.source, e.target); }
      } else if (e.element && (e.source === id || unlocks.has(e.source)) && unlocks.has(e.target)) {
        e.element.classList.add("unlocks");
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("#timeline .task"), function (t) {
      if (chain.has(t.getAttribute("data-id"))) { t.classList.add("highlight"); }
    });
    var rungs = new Set(Array.from(chain, function (n) { return nodes.get(n).band; }));
    Array.prototype.forEach.call(document.querySelectorAll(".card"), function (card) {
      if (rungs.has(card.getAttribute("data-band"))) { card.classList.add("on-chain"); }
    });
    document.body.classList.add("focusing");
    var needs = chain.size - 1;
    info.textContent = nodes.get(id).title + ": needs " +
      (needs === 0 ? "no prerequisites" : needs + (needs === 1 ? " prerequisite" : " prerequisites")) +
      (withUnlocks ? ", unlocks " + unlocks.size : "");
    return true;
  }
  // ---- the chain alone: on a phone, a chain wider than the screen is laid out anew --
  alone = document.createElementNS("http://www.w3.org/2000/svg", "g");
  alone.setAttribute("class", "chain-alone");
  svg.querySelector("g.graph").appendChild(alone);
  function leave() {
    viewer.classList.remove("chain-view");
    while (alone.firstChild) { alone.removeChild(alone.firstChild); }
  }
  function layOut(id, chain) {
    // Copies of the chain's boxes in rows as wide as the screen at a legible size,
    // prerequisites first, the node last, with its arrows.
    leave();
    var depth = new Map(), order = [];
    (function visit(n) {
      if (depth.has(n)) { return depth.get(n); }
      depth.set(n, 0);
      var d = 0;
      (pred.get(n) || []).forEach(function (p) { if (chain.has(p)) { d = Math.max(d, visit(p) + 1); } });
      depth.set(n, d);
      order.push(n);
      return d;
    })(id);
    // In the SVG's own units (points), which the page draws 4/3 as wide in pixels.
    var unit = box(groups.get(id)).w / groups.get(id).getBBox().width;
    var width = (free().w - 48) / legible / unit, gap = 12, y = 0, placed = new Map();
    var layers = [];
    order.forEach(function (n) { (layers[depth.get(n)] = layers[depth.get(n)] || []).push(n); });
    var origin = svg.querySelector("g.graph > g.cluster").getBBox();  // the top left of the first band
    layers.forEach(function (layer) {
      var x = 0, tallest = 0, row = [];
      function flush() {
        var shift = (width - x + gap) / 2;  // rows centred
        row.forEach(function (r) { r.x += shift; placed.set(r.id, r); });
        y += tallest + 3 * gap;
        x = 0; tallest = 0; row = [];
      }
      layer.sort();
      layer.forEach(function (n) {
        var b = groups.get(n).getBBox();
        if (x && x + b.width > width) { flush(); }
        row.push({ id: n, x: x, y: y, b: b });
        x += b.width + gap;
        tallest = Math.max(tallest, b.height);
      });
      flush();
    });
    placed.forEach(function (r, n) {
      var copy = groups.get(n).cloneNode(true);
      copy.removeAttribute("id");
      copy.setAttribute("class", "chain-node" + (n === id ? " focus" : ""));
      copy.setAttribute("data-id", n);
      copy.setAttribute("transform", "translate(" + (origin.x + r.x - r.b.x) + " " + (origin.y + r.y - r.b.y) + ")");
      alone.appendChild(copy);
    });
    placed.forEach(function (r, n) {
      (pred.get(n) || []).forEach(function (p) {
        var a = placed.get(p);
        if (!a) { return; }
        var x1 = origin.x + a.x + a.b.width / 2, y1 = origin.y + a.y + a.b.height;
        var x2 = origin.x + r.x + r.b.width / 2, y2 = origin.y + r.y;
        var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
        var bend = Math.max(12, (y2 - y1) / 2);
        path.setAttribute("class", "link");
        path.setAttribute("d", "M" + x1 + " " + y1 + " C" + x1 + " " + (y1 + bend) + " " + x2 + " " + (y2 - bend) +
          " " + x2 + " " + y2);
        alone.insertBefore(path, alone.firstChild);
      });
    });
    viewer.classList.add("chain-view");
    return box(alone);
  }
  function focusNode(id) {
    showGraph();
    leave();
    if (!mark(id, false)) {
      info.textContent = "No node “" + id + "” in this graph.";
      return;
    }
    var chain = [], ids = new Set();
    groups.forEach(function (g, n) { if (g.classList.contains("highlight")) { chain.push(box(g)); ids.add(n); } });
    var area = union(chain), anchor = box(groups.get(id));
    if (narrow() && area.w * legible > free().w - 48) {
      // The chain does not fit a phone at a readable size: show it alone, laid out anew.
      area = layOut(id, ids);
      anchor = box(alone.lastChild);  // the node itself, laid out last
      info.textContent += " · shown alone; Esc or Fit for the whole graph";
    }
    frame(area, anchor);
  }

  // ---- the address: #focus=ID -----------------------------------------------------
  function fromHash() {
    // The node the address names, or the page's own focus (--focus) when it names none.
    var match = /(?:^#|&)focus=([^&]*)/.exec(window.location.hash);
    if (!match) { return data.focus; }
    try { return decodeURIComponent(match[1]); } catch (err) { return null; }
  }
  function restore() {
    if (pinned !== null) { mark(pinned, true); return; }
    var id = fromHash();
    if (id !== null) { mark(id, false); } else { clear(); }
  }
  function follow() {
    pinned = null;
    var id = fromHash();
    if (id !== null) { focusNode(id); } else { clear(); }
  }
  function focusLink(id) {
    var hash = "#focus=" + encodeURIComponent(id);
    if (window.location.hash === hash) { focusNode(id); } else { window.location.hash = hash; }
  }

  // ---- pointer, wheel and keys ------------------------------------------------------
  var pointers = new Map(), moved = false, last = null;
  function spread() {
    var p = Array.from(pointers.values());
    return { x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2, d: Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) };
  }
  canvas.addEventListener("pointerdown", function (e) {
    canvas.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY, x0: e.clientX, y0: e.clientY });
    if (pointers.size === 1) { moved = false; }
    last = pointers.size === 2 ? spread() : null;
  });
  canvas.addEventListener("pointermove", function (e) {
    var before = pointers.get(e.pointerId);
    if (!before) { return; }
    var now = { x: e.clientX, y: e.clientY, x0: before.x0, y0: before.y0 };
    pointers.set(e.pointerId, now);
    if (!moved && Math.hypot(now.x - now.x0, now.y - now.y0) < 4) { return; }
    moved = true;
    canvas.classList.add("dragging");
    if (pointers.size === 1) {
      cam.x += now.x - before.x;
      cam.y += now.y - before.y;
      cam.fit = false;
      apply();
    } else if (pointers.size === 2 && last) {
      var next = spread(), r = canvas.getBoundingClientRect();
      cam.x += next.x - last.x;
      cam.y += next.y - last.y;
      zoomAt(next.d / Math.max(1, last.d), next.x - r.left, next.y - r.top);
      last = next;
    }
  });
  function release(e) {
    if (!pointers.delete(e.pointerId)) { return; }
    last = pointers.size === 2 ? spread() : null;
    canvas.classList.remove("dragging");
    if (moved || e.type !== "pointerup" || pointers.size) { return; }
    var hit = document.elementFromPoint(e.clientX, e.clientY);
    var copy = hit && hit.closest("g.chain-node");
    if (copy) { focusLink(copy.getAttribute("data-id")); return; }
    var group = hit && hit.closest("g.node");
    var band = hit && hit.closest("g.cluster");
    if (group && groups.has(group.id)) {
      focusLink(group.id);  // highlights its chain and frames it
    } else if (band && bands.has(band.id) && viewer.classList.contains("small-labels")) {
      showBand(bands.get(band.id));
    }
  }
  canvas.addEventListener("pointerup", release);
  canvas.addEventListener("pointercancel", release);
  canvas.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = canvas.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.0015)), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  viewer.addEventListener("keydown", function (e) {
    if (e.target !== viewer || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var step = 80, keys = {
      ArrowLeft: function () { cam.x += step; apply(); },
      ArrowRight: function () { cam.x -= step; apply(); },
      ArrowUp: function () { cam.y += step; apply(); },
      ArrowDown: function () { cam.y -= step; apply(); },
      "+": function () { zoomCentre(1.25); },
      "=": function () { zoomCentre(1.25); },
      "-": function () { zoomCentre(0.8); },
      "0": actualSize,
      f: fit,
      Escape: function () { pinned = null; history.replaceState(null, "", window.location.pathname + window.location.search); clear(); }
    };
    if (!Object.prototype.hasOwnProperty.call(keys, e.key)) { return; }
    if (e.key.indexOf("Arrow") === 0 && !viewer.classList.contains("graph")) { return; }
    e.preventDefault();
    if (e.key !== "Escape") { showGraph(); }
    keys[e.key]();
  });
  groups.forEach(function (g, id) {
    g.addEventListener("mouseenter", function () { mark(id, true); });
    g.addEventListener("mouseleave", restore);
  });

  // ---- the controls, the ladder's cards and the timeline ---------------------------
  function on(id, handler) { document.getElementById(id).addEventListener("click", handler); }
  on("show-ladder", showLadder);
  on("show-graph", showGraph);
  on("zoom-in", function () { showGraph(); zoomCentre(1.25); });
  on("zoom-out", function () { showGraph(); zoomCentre(0.8); });
  on("fit", function () { showGraph(); fit(); });
  on("actual", function () { showGraph(); actualSize(); });
  if (narrow()) { legend.open = true; }
  Array.prototype.forEach.call(document.querySelectorAll(".card-head"), function (head) {
    head.addEventListener("click", function () {
      var open = head.getAttribute("aria-expanded") !== "true";
      head.setAttribute("aria-expanded", open ? "true" : "false");
      document.getElementById(head.getAttribute("aria-controls")).hidden = !open;
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".show-band"), function (button) {
    button.addEventListener("click", function () { showBand(button.getAttribute("data-band")); });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".chip, .goto"), function (chip) {
    chip.addEventListener("click", function () { focusLink(chip.getAttribute("data-id")); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("#timeline .task"), function (row) {
    var id = row.getAttribute("data-id");
    row.addEventListener("mouseenter", function () { mark(id, true); });
    row.addEventListener("mouseleave", restore);
    row.addEventListener("click", function () { focusLink(id); });
  });

  // ---- search -------------------------------------------------------------------------
  search.addEventListener("input", function () {
    var query = search.value.trim().toLowerCase();
    var found = new Set(matches(query));
    groups.forEach(function (g, id) { g.classList.toggle("match", found.has(id)); });
    document.body.classList.toggle("searching", query !== "");
    cards(found);
    info.textContent = query === "" ? "" : found.size === 0 ? "No match" :
      (found.size === 1 ? "1 match" : found.size + " matches") + "; press Enter to show " +
      (found.size === 1 ? "it" : "the first");
    var exact = Array.from(nodes.entries()).find(function (entry) { return entry[1].name.toLowerCase() === query; });
    if (exact) { focusLink(exact[0]); }
  });
  search.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") { return; }
    var found = matches(search.value.trim().toLowerCase());
    if (found.length) {
      document.body.classList.remove("searching");
      focusLink(found[0]);
    }
  });

  window.addEventListener("hashchange", follow);
  window.addEventListener("resize", function () { if (cam.fit) { fit(); } else { apply(); } });
  showLadder();
  if (fromHash() !== null) { follow(); }
})();
