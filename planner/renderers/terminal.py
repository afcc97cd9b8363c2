"""Text that fits where it goes: the terminal's width, its glyphs and its colours.

The command line reads the facts of standard output (its width, whether it is a
terminal, ``NO_COLOR``, ``TERM`` and the encoding) into one :class:`Terminal` and
passes it down; nothing here reads the environment. Every renderer for the terminal
builds its lines with these helpers, so tables size to the width the same way,
names are clipped with the same ellipsis, prose wraps at word boundaries and every
progress bar looks the same.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import Final, NamedTuple

from planner.words import name_head

ASCII: Final = str.maketrans({"█": "#", "░": ".", "→": ">", "—": "-", "–": "-", "·": "|", "…": "."})
"""Our own non-ASCII glyphs, each replaced by one ASCII character of the same width."""
DAY_NAMES: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
BAR_WIDTH: Final = 20
GREEN, DIM, RESET = "\x1b[32m", "\x1b[2m", "\x1b[0m"


class Terminal(NamedTuple):
    """Where text goes: its width (None: no limit, as in a pipe or a file), whether it
    is a terminal, and what it can show.

    Under ``NO_COLOR``, ``TERM=dumb`` or an encoding other than UTF-8 the output is
    plain ASCII; colour needs a terminal and neither of the first two.
    """

    width: int | None = None
    tty: bool = False
    no_color: bool = False
    dumb: bool = False
    utf8: bool = True

    @property
    def color(self) -> bool:
        return self.tty and not self.no_color and not self.dumb

    @property
    def unicode(self) -> bool:
        return self.utf8 and not self.no_color and not self.dumb

    @property
    def ellipsis(self) -> str:
        return "…" if self.unicode else "..."

    def lines(self, lines: Sequence[str]) -> str:
        """The finished text: one line each, newline-terminated, in ASCII when needed."""
        text = "\n".join(lines) + "\n"
        return text if self.unicode else text.translate(ASCII)


PLAIN: Final = Terminal()
"""A file or a pipe: no width limit, no colour, Unicode."""


# --- widths -----------------------------------------------------------------------------


def _cell(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """How many terminal columns ``text`` takes (wide East Asian characters take two)."""
    return len(text) if text.isascii() else sum(_cell(c) for c in text)


def clip(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` cut to ``width`` columns, ending in ``ellipsis`` when it was cut."""
    if cells(text) <= width:
        return text
    room = width - cells(ellipsis)
    if room <= 0:
        return ellipsis[: max(width, 0)]
    kept, used = [], 0
    for char in text:
        size = _cell(char)
        if used + size > room:
            break
        kept.append(char)
        used += size
    return "".join(kept).rstrip() + ellipsis


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` columns (on the left when ``right``)."""
    gap = " " * max(width - cells(text), 0)
    return gap + text if right else text + gap


def wrap(text: str, width: int | None, *, indent: str = "", hanging: str | None = None) -> list[str]:
    """``text`` broken into lines of at most ``width`` columns at spaces, the first
    line starting with ``indent`` and the others with ``hanging`` (default: the same).

    A word longer than a whole line is broken where it must be.
    """
    hanging = indent if hanging is None else hanging
    words = text.split()
    if width is None:
        return [indent + " ".join(words)]
    lines: list[str] = []
    line, empty = indent, True
    for word in words:
        rest = word
        while rest:
            room = width - cells(line) - (0 if empty else 1)
            if cells(rest) <= room:
                line, empty = line + ("" if empty else " ") + rest, False
                break
            if empty:
                head, rest = _split(rest, max(room, 1))
                lines.append(line + head)
            else:
                lines.append(line)
            line, empty = hanging, True
    lines.append(line)
    return lines


def wrap_parts(parts: Sequence[str], width: int | None, *, sep: str = " · ") -> list[str]:
    """``parts`` joined by ``sep``, broken into lines between parts where they must be
    (a part wider than a line is wrapped on its own)."""
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]}{sep}{part}" if lines else part
        if lines and (width is None or cells(joined) <= width):
            lines[-1] = joined
        else:
            lines += wrap(part, width)
    return lines


def _split(word: str, room: int) -> tuple[str, str]:
    used = 0
    for index, char in enumerate(word):
        used += _cell(char)
        if used > room:
            return word[: max(index, 1)], word[max(index, 1) :]
    return word, ""


# --- bars and times -----------------------------------------------------------------------


def bar(fraction: float, width: int, terminal: Terminal) -> str:
    """A progress bar of ``width`` columns, the one style of every command."""
    filled = round(min(max(fraction, 0.0), 1.0) * width)
    full, empty = ("█", "░") if terminal.unicode else ("#", ".")
    if terminal.color:
        return f"{GREEN}{full * filled}{RESET}{DIM}{empty * (width - filled)}{RESET}"
    return full * filled + empty * (width - filled)


def day_label(day: dt.date) -> str:
    """``Tue 2027-06-01``, with English day names whatever the locale."""
    return f"{DAY_NAMES[day.weekday()]} {day.isoformat()}"


def time_span(start: dt.datetime, end: dt.datetime, *, with_day: bool = True) -> str:
    """``Tue 2027-06-01 18:00–21:00`` for two local times of one day (an end at
    midnight reads 24:00)."""
    until = "24:00" if end.date() > start.date() and end.time() == dt.time() else f"{end:%H:%M}"
    hours = f"{start:%H:%M}–{until}"
    return f"{day_label(start.date())} {hours}" if with_day else hours


def label(name: str, node_id: str, short: str = "") -> Label:
    """A node as a person reads and types it: ``Python programming [python]``, or the
    name alone when it is the id in another case. ``short`` is the graph's
    ``short_name``, shown when the name does not fit (see :func:`fit_name`)."""
    same = " ".join(name.split()).casefold() == node_id.casefold()
    return Label(name, "" if same else node_id, short)


# --- names where space is short -------------------------------------------------------------


def short_label(name: str, node_id: str, short: str = "", *, terminal: Terminal = PLAIN) -> str:
    """A node in running text: ``name [id]`` in a file or a pipe; on a terminal of
    limited width, with the name fitted to half its width (the graph's ``short`` name,
    else the name's head, else whole words, see :func:`fit_name`), the id always whole."""
    cell = label(name, node_id, short)
    if terminal.width is None:
        return str(cell)
    room = max(terminal.width // 2, 20)
    return _fit(cell, cells(cell.tail) + room, terminal.ellipsis)


_WEAK: Final = frozenset(
    "a an and as at by e.g. for from in into of on or the to vs with without".split()  # noqa: SIM905 -- one line reads better than nineteen
)
"""Words a shortened name never ends on (``Data structures and…`` reads as cut off)."""


def fit_name(name: str, width: int | None, *, short: str = "", ellipsis: str = "…") -> str:
    """``name`` as it fits in ``width`` columns, never cutting a word.

    In order: the whole name; the graph's ``short`` name; the name's head (before a
    parenthesis, a colon or a dash, see :func:`name_head`); as many whole words of the
    short name (else the head) as fit, then ``ellipsis``, never ending on a small word
    such as "and"; and ``""`` when not even the first word fits, so the caller shows
    the id instead.
    """
    name = " ".join(name.split())
    if width is None or cells(name) <= width:
        return name
    short = " ".join(short.split())
    for candidate in (short, name_head(name)):
        if candidate and cells(candidate) <= width:
            return candidate
    words = (short or name_head(name)).split()
    room = width - cells(ellipsis)
    for end in range(len(words) - 1, 0, -1):
        kept = words[:end]
        while len(kept) > 1 and kept[-1].casefold() in _WEAK:
            kept.pop()
        text = " ".join(kept).rstrip(",;:(-—–")
        if text and cells(text) <= room:
            return text + ellipsis
    return ""


def fit_words(text: str, width: int | None, ellipsis: str = "…") -> str:
    """``text`` cut to ``width`` columns after a whole word, ending in ``ellipsis``; cut
    inside its first word only when that word alone is too wide (see :func:`clip`)."""
    text = " ".join(text.split())
    if width is None or cells(text) <= width:
        return text
    words = text.split()
    room = width - cells(ellipsis)
    for end in range(len(words) - 1, 0, -1):
        kept = " ".join(words[:end]).rstrip(",;:(-—–")
        if cells(kept) <= room:
            return kept + ellipsis
    return clip(text, width, ellipsis)


# --- tables --------------------------------------------------------------------------------


class Label(NamedTuple):
    """A cell showing a name and the id to type, ``name [id]``: when it does not fit,
    the name is shortened at word boundaries (:func:`fit_name`, with ``short``, the
    graph's ``short_name``), never the id, which stands alone only when not even a
    word of the name fits."""

    text: str
    id: str = ""
    short: str = ""

    @property
    def tail(self) -> str:
        return f" [{self.id}]" if self.id else ""

    def __str__(self) -> str:
        return " ".join(self.text.split()) + self.tail


class Bar(NamedTuple):
    """A cell that draws a progress bar as wide as its column, or as ``extent`` (0..1) of
    it, so bars of different totals can be drawn to one scale."""

    fraction: float
    extent: float = 1.0


Cell = str | Label | Bar


class Column(NamedTuple):
    """One column of a table.

    ``shrink`` columns are clipped with an ellipsis, down to ``minimum`` columns,
    when the table is too wide; when that is not enough, ``drop`` columns are left
    out, the highest ``drop`` first; and when none is left to drop, shrinking goes on
    down to a few columns, never below the longest id of a :class:`Label` column.
    """

    header: str = ""
    right: bool = False
    shrink: bool = False
    minimum: int = 8
    drop: int = 0


class Layout(NamedTuple):
    """Column widths that fit a table into a terminal; renders its rows."""

    columns: tuple[Column, ...]
    widths: tuple[int | None, ...]
    """Each column's width, None for a column left out."""
    terminal: Terminal
    indent: int = 0
    gap: int = 2

    def row(self, cells_: Sequence[Cell]) -> str:
        """One row, never wider than the terminal."""
        parts = []
        shown = [
            (c, w, cell)
            for c, w, cell in zip(self.columns, self.widths, cells_, strict=True)
            if w is not None
        ]
        for index, (column, width, cell) in enumerate(shown):
            last = index == len(shown) - 1
            if isinstance(cell, Bar):
                span = width if cell.extent >= 1 else max(1, round(width * max(cell.extent, 0.0)))
                parts.append(bar(cell.fraction, span, self.terminal) + " " * (width - span))
                continue
            text = _fit(cell, width, self.terminal.ellipsis)
            parts.append(text if last and not column.right else pad(text, width, right=column.right))
        line = " " * self.indent + (" " * self.gap).join(parts)
        limit = self.terminal.width
        if limit is not None and cells(line) > limit and not any(isinstance(c, Bar) for c in cells_):
            line = clip(line, limit, self.terminal.ellipsis)
        return line.rstrip()

    def header(self) -> str:
        return self.row([c.header for c in self.columns])


def _natural(cell: Cell) -> int:
    return BAR_WIDTH if isinstance(cell, Bar) else cells(str(cell))


def _fit(cell: Label | str, width: int, ellipsis: str) -> str:
    if isinstance(cell, Label):
        if cells(str(cell)) <= width:
            return str(cell)
        shown = fit_name(cell.text, width - cells(cell.tail), short=cell.short, ellipsis=ellipsis)
        if shown:
            return shown + cell.tail
        return clip(cell.id or " ".join(cell.text.split()), width, ellipsis)
    return fit_words(str(cell), width, ellipsis)


def fit(cell: Label | str, width: int, terminal: Terminal = PLAIN) -> str:
    """``cell`` as a table column of ``width`` shows it: a label's name shortened in
    whole words and its id whole, other text cut after a whole word."""
    return _fit(cell, width, terminal.ellipsis)


def _least(cell: Cell, ellipsis: str) -> int:
    """The fewest columns that show ``cell`` with a word of its name (a label's id
    whole), so a column is not squeezed to a bare id while a name would fit."""
    if not isinstance(cell, Label):
        return 0
    words = (cell.short or name_head(cell.text)).split()
    first = cells(words[0]) + (cells(ellipsis) if len(words) > 1 else 0) if words else 0
    return min(cells(str(cell)), first + cells(cell.tail))


def layout(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    terminal: Terminal,
    *,
    indent: int = 0,
    gap: int = 2,
) -> Layout:
    """The widths that fit ``rows`` (and the headers) into ``terminal.width``.

    Each column starts at its widest cell. While the table is too wide, the shrinkable
    column furthest above its minimum loses a column; when every one is at its minimum,
    the droppable column with the highest ``drop`` is left out and the widths start
    over (see :class:`Column`). Without a width limit every cell is shown whole.
    """
    natural = [max([cells(c.header), *(_natural(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    ids = [
        max((cells(c.id) for r in rows if isinstance(c := r[i], Label)), default=0)
        for i in range(len(columns))
    ]
    least = [max((_least(r[i], terminal.ellipsis) for r in rows), default=0) for i in range(len(columns))]
    soft = [min(n, max(c.minimum, i, w)) for n, c, i, w in zip(natural, columns, ids, least, strict=True)]
    hard = [min(n, max(4, i)) for n, i in zip(natural, ids, strict=True)]
    order = sorted((c.drop, i) for i, c in enumerate(columns) if c.drop)
    dropped: set[int] = set()
    while True:
        widths: list[int | None] = [None if i in dropped else w for i, w in enumerate(natural)]
        if terminal.width is None or _squeeze(columns, widths, soft, terminal.width - indent, gap):
            break
        if not order:
            _squeeze(columns, widths, hard, terminal.width - indent, gap)
            break
        dropped.add(order.pop()[1])
    return Layout(tuple(columns), _tight(columns, widths, rows, terminal.ellipsis), terminal, indent, gap)


def _tight(
    columns: Sequence[Column], widths: list[int | None], rows: Sequence[Sequence[Cell]], ellipsis: str
) -> tuple[int | None, ...]:
    """``widths`` with each squeezed column as narrow as its cells once fitted: a name
    shortened to its head leaves no blank run before the next column."""
    tight = list(widths)
    for i, (column, width) in enumerate(zip(columns, widths, strict=True)):
        if width is None or not column.shrink or any(isinstance(r[i], Bar) for r in rows):
            continue
        fitted = [cells(_fit(cell, width, ellipsis)) for r in rows if not isinstance(cell := r[i], Bar)]
        tight[i] = max([cells(column.header), *fitted])
    return tuple(tight)


def _squeeze(
    columns: Sequence[Column], widths: list[int | None], floors: Sequence[int], room: int, gap: int
) -> bool:
    """Shrink ``widths`` in place, no column below its floor, until they fit ``room``;
    whether they do."""
    shown = [i for i, w in enumerate(widths) if w is not None]
    excess = sum(w for w in widths if w is not None) + gap * (len(shown) - 1) - room
    while excess > 0:
        candidates = [i for i in shown if columns[i].shrink and (widths[i] or 0) > floors[i]]
        if not candidates:
            return False
        widest = max(candidates, key=lambda i: ((widths[i] or 0) - floors[i], -i))
        widths[widest] = (widths[widest] or 0) - 1
        excess -= 1
    return True
