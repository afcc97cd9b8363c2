// planner's own script: the profile checklist. Ticking an item ticks everything it
// needs; unticking one unticks everything that needs it (knowing an item implies its
// prerequisites). Each box lists the nearest items it needs in data-requires.
"use strict";

(function () {
  function boxes(root) {
    return Array.from(root.querySelectorAll('input[type="checkbox"][name="known"]'));
  }

  function graph(root) {
    const needs = new Map();
    const neededBy = new Map();
    for (const box of boxes(root)) {
      const ids = (box.dataset.requires || "").split(" ").filter(Boolean);
      needs.set(box.value, ids);
      for (const id of ids) {
        if (!neededBy.has(id)) neededBy.set(id, []);
        neededBy.get(id).push(box.value);
      }
    }
    return { needs, neededBy };
  }

  function walk(start, edges) {
    const seen = new Set();
    const stack = [...(edges.get(start) || [])];
    while (stack.length) {
      const id = stack.pop();
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(edges.get(id) || []));
    }
    return seen;
  }

  function recount(root) {
    for (const details of root.querySelectorAll("details.category")) {
      const all = details.querySelectorAll('input[name="known"]');
      const ticked = details.querySelectorAll('input[name="known"]:checked');
      const count = details.querySelector("[data-count]");
      if (count) count.textContent = `${ticked.length} of ${all.length} known`;
    }
  }

  function changed(event) {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.name !== "known") return;
    const root = box.closest("form");
    if (!root) return;
    const { needs, neededBy } = graph(root);
    const byId = new Map(boxes(root).map((b) => [b.value, b]));
    const others = walk(box.value, box.checked ? needs : neededBy);
    let moved = 0;
    for (const id of others) {
      const other = byId.get(id);
      if (other && !other.disabled && other.checked !== box.checked) {
        other.checked = box.checked;
        moved += 1;
      }
    }
    recount(root);
    const status = root.querySelector("#ticked-status");
    if (status && moved) {
      const what = box.checked ? "prerequisite" : "item that needs it";
      const plural = box.checked ? "prerequisites" : "items that need it";
      status.textContent = `${box.checked ? "Ticked" : "Unticked"} ${moved} ${moved === 1 ? what : plural} too.`;
    }
  }

  document.addEventListener("change", changed);
})();
