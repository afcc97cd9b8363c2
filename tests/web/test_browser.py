"""The pages in Chromium, through DevTools: what a person sees and does, at 1280 px and
on a phone, with the mouse and with the keyboard.

Each test leaves its screenshots in its temporary folder (or in the folder named by
``PLANNER_SCREENSHOTS``), to look at.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.paths import installed_planner
from tests.renderers.pictures.browser import Browser, chromium
from tests.renderers.pictures.support import CHROMIUM, chromium_installed, needs_dot

from .support import EPOCH
from .test_server import SERVING, start

pytestmark = [chromium_installed, pytest.mark.slow]  # a browser and a server start are slow

DESKTOP = (1280, 800)
PHONE = (390, 844)

AUDIT = """(() => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const small = [], faint = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest("script, style, datalist, title, option")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter(r => r.width > 2 && r.height > 2);
    if (!rects.length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest(".visually-hidden")) continue;
    const size = parseFloat(style.fontSize), text = node.textContent.trim().slice(0, 40);
    if (size < 11) small.push({text, size});
    const fore = lum(parse(style.color)), back = lum(background(el));
    const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) faint.push({text, ratio: Math.round(ratio * 100) / 100});
  }
  const unnamed = Array.from(document.querySelectorAll("input:not([type=hidden]), select, textarea, button"))
    .filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.closest("label")
             && !(e.tagName === "BUTTON" && e.textContent.trim()))
    .map(e => e.outerHTML.slice(0, 80));
  return {
    title: document.title, lang: document.documentElement.lang,
    landmarks: ["header", "nav", "main", "footer"].filter(s => document.querySelector(s)),
    h1: document.querySelectorAll("h1").length,
    sideways: document.documentElement.scrollWidth - innerWidth,
    small, faint, unnamed, htmx: typeof htmx,
  };
})()"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    assert CHROMIUM is not None
    with chromium(CHROMIUM, tmp_path_factory.mktemp("chromium")) as running:
        running.call("Log.enable")
        yield running


class Served:
    def __init__(self, process: subprocess.Popen[str], url: str, shots: Path) -> None:
        self.process, self.url, self.shots = process, url, shots
        self.origin = url.split("/?", maxsplit=1)[0]

    def shot(self, browser: Browser, name: str) -> Path:
        path = self.shots / f"{name}.png"
        browser.screenshot(path)
        return path


@pytest.fixture
def served(marco: Path, tmp_path: Path) -> Iterator[Served]:
    process, line = start(marco, "--port", "0")
    found = SERVING.match(line)
    assert found is not None, line
    shots = Path(os.environ.get("PLANNER_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    yield Served(process, found.group("url"), shots)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=30)


def audit(browser: Browser) -> dict[str, Any]:
    found: dict[str, Any] = browser.evaluate(AUDIT)
    assert found["lang"] == "en" and found["title"].endswith(" · planner")
    assert found["landmarks"] == ["header", "nav", "main", "footer"]
    assert found["h1"] == 1
    assert found["sideways"] <= 0, "the page scrolls sideways"
    assert found["small"] == [], found["small"][:5]
    assert found["faint"] == [], found["faint"][:5]
    assert found["unnamed"] == [], found["unnamed"][:5]
    assert found["htmx"] == "object"
    return found


def no_policy_violations(browser: Browser) -> None:
    entries = [e["params"]["entry"] for e in browser._events if e.get("method") == "Log.entryAdded"]
    browser._events.clear()
    problems = [e["text"] for e in entries if e.get("level") == "error" and "status of 422" not in e["text"]]
    assert problems == []


def centre(browser: Browser, selector: str) -> tuple[float, float]:
    box = browser.evaluate(
        f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
        " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
        " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    return box[0], box[1]


def wait_for(browser: Browser, expression: str, seconds: float = 30) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = browser.evaluate(expression)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"never true: {expression}")


def type_into(browser: Browser, selector: str, text: str) -> None:
    browser.evaluate(
        f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.focus(); e.select(); }})()"
    )
    browser.call("Input.insertText", text=text)


def test_the_week_page_at_1280_px_marks_an_item_done_with_a_click(
    browser: Browser, served: Served, marco: Path
) -> None:
    browser.open(served.url, width=DESKTOP[0], height=DESKTOP[1])
    audit(browser)
    served.shot(browser, "week-1280")
    browser.click(*centre(browser, "form.done button"))
    note = wait_for(browser, "document.querySelector('.note') && document.querySelector('.note').innerText")
    assert note.startswith(f"Recorded in {marco}: Python programming [python] as known")
    assert browser.evaluate("document.activeElement.classList.contains('note')")  # announced, in view
    assert browser.evaluate("location.pathname") == "/"  # htmx swapped the page in place
    assert "python" in tomllib.loads(marco.read_text())["known"]
    audit(browser)
    served.shot(browser, "week-1280-done")
    no_policy_violations(browser)


def test_the_week_page_works_from_the_keyboard(browser: Browser, served: Served, marco: Path) -> None:
    browser.open(served.url, width=DESKTOP[0], height=DESKTOP[1])
    browser.key("Tab", "Tab")
    assert browser.evaluate("document.activeElement.className") == "skip"
    for _ in range(40):
        browser.key("Tab", "Tab")
        if browser.evaluate("document.activeElement.closest('form.done') !== null"):
            break
    label = browser.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label == "Done: Python programming [python]"  # the visible label first, then what it is for
    outline = browser.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    browser.key("Enter", "Enter")
    wait_for(browser, "!!document.querySelector('.note')")
    assert "python" in tomllib.loads(marco.read_text())["known"]


@pytest.mark.parametrize("path", ["/", "/roadmap", "/graph", "/profile", "/docs"])
def test_a_phone_never_scrolls_sideways_and_every_text_reads(
    browser: Browser, served: Served, path: str
) -> None:
    browser.open(served.url, width=PHONE[0], height=PHONE[1])
    browser.open(served.origin + path, width=PHONE[0], height=PHONE[1])
    browser.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    browser.settle()
    audit(browser)
    name = f"phone-{path.strip('/') or 'week'}"
    served.shot(browser, name)
    browser.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    browser.settle()
    served.shot(browser, f"{name}-middle")
    no_policy_violations(browser)


@needs_dot
def test_the_career_graph_page_runs_its_script_inside_the_frame(browser: Browser, served: Served) -> None:
    browser.open(served.url, width=DESKTOP[0], height=DESKTOP[1])
    browser.open(served.origin + "/graph", width=DESKTOP[0], height=DESKTOP[1])
    audit(browser)
    frame = "document.querySelector('iframe.picture').contentDocument"
    wait_for(browser, f"{frame} && {frame}.querySelectorAll('.card').length > 3", seconds=60)
    served.shot(browser, "graph-1280")
    no_policy_violations(browser)


def test_the_form_ticks_prerequisites_saves_in_place_and_shows_problems(
    browser: Browser, served: Served, marco: Path
) -> None:
    before = marco.read_text()
    browser.open(served.url, width=DESKTOP[0], height=DESKTOP[1])
    browser.open(served.origin + "/profile", width=DESKTOP[0], height=DESKTOP[1])
    audit(browser)
    served.shot(browser, "profile-1280")
    browser.evaluate("document.querySelectorAll('details.category').forEach(d => d.open = true)")
    assert browser.evaluate("document.getElementById('k-numpy').checked") is False
    browser.click(*centre(browser, "label[for='k-pandas']"))
    ticked = "['pandas', 'numpy', 'python'].map(i => document.getElementById('k-' + i).checked)"
    assert browser.evaluate(ticked) == [True, True, True]
    assert (
        browser.evaluate("document.getElementById('ticked-status').textContent")
        == "Ticked 2 prerequisites too."
    )
    served.shot(browser, "profile-ticked")
    browser.click(*centre(browser, "label[for='k-python']"))  # unticking takes what needs it along
    assert browser.evaluate(ticked) == [False, False, False]
    browser.click(*centre(browser, "label[for='k-pandas']"))
    type_into(browser, "#f-hours_per_week", "500")
    browser.click(*centre(browser, "form.profile button[type=submit]"))
    error = wait_for(browser, "document.querySelector('#f-hours_per_week-error-1')?.innerText")
    assert "500 is out of range: it must be more than 0 and at most 168" in error
    assert (
        browser.evaluate("document.getElementById('f-hours_per_week').getAttribute('aria-invalid')") == "true"
    )
    assert browser.evaluate(ticked) == [True, True, True]  # what was ticked is still ticked
    served.shot(browser, "profile-problem")
    assert marco.read_text() == before
    type_into(browser, "#f-hours_per_week", "10")
    browser.click(*centre(browser, "form.profile button[type=submit]"))
    note = wait_for(browser, "document.querySelector('.note.ok')?.innerText")
    assert note == f"Saved {marco}: changed 2 keys (hours_per_week, known), keeping its comments."
    assert marco.read_text() == before.replace("hours_per_week = 15", "hours_per_week = 10").replace(
        '"linear-algebra"]', '"linear-algebra", "pandas"]'
    )
    no_policy_violations(browser)


@needs_dot
def test_done_when_a_new_user_ticks_two_items_edits_hours_and_subscribes(
    browser: Browser, served: Served, marco: Path
) -> None:
    """The issue's "done when", as a person does it: open the printed address, tick two
    items done, edit the hours in the form, subscribe to the calendar."""
    comments = [line for line in marco.read_text().splitlines() if line.startswith("#")]
    browser.open(served.url, width=DESKTOP[0], height=DESKTOP[1])
    for expected in ("Python programming [python]", "NumPy"):  # the thread: NumPy right after Python
        browser.click(*centre(browser, "form.done button"))
        wait_for(browser, f"document.querySelector('.note')?.innerText.includes('{expected} as known')")
    browser.click(*centre(browser, "nav a[href='/profile']"))
    wait_for(browser, "location.pathname === '/profile' && !!document.getElementById('f-hours_per_week')")
    type_into(browser, "#f-hours_per_week", "12")
    browser.click(*centre(browser, "form.profile button[type=submit]"))
    wait_for(browser, "!!document.querySelector('.note.ok')")
    browser.click(*centre(browser, "nav a[href='/']"))
    subscribe = wait_for(browser, "document.querySelector('a[href^=\"webcal:\"]')?.href")
    served.shot(browser, "done-when")
    with urllib.request.urlopen(subscribe.replace("webcal://", "http://", 1), timeout=60) as calendar:
        ics = calendar.read()  # a calendar app: no cookie, the token in the address
    written = marco.parent / "cli.ics"
    subprocess.run(
        [installed_planner() or "planner", "calendar", str(marco), "-o", str(written)],
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        check=True,
        capture_output=True,
    )
    assert ics == written.read_bytes()
    data = tomllib.loads(marco.read_text())
    assert data["hours_per_week"] == 12
    assert {"python", "numpy"} <= set(data["known"]) and {"python", "numpy"} <= set(data["completed"])
    assert [line for line in marco.read_text().splitlines() if line.startswith("#")] == comments
