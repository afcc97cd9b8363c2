"""Text that fits the terminal: widths, clipping, wrapping, tables, bars and times."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from planner.renderers.terminal import (
    Bar,
    Column,
    Label,
    Terminal,
    bar,
    cells,
    clip,
    fit_name,
    fit_words,
    label,
    layout,
    time_span,
    wrap,
    wrap_parts,
)


def test_cells_count_wide_characters_twice_and_combining_marks_not_at_all() -> None:
    assert cells("pandas") == 6
    assert cells("日本語") == 6
    assert cells("e\u0301") == 1
    assert cells("PyTorch → MLOps") == 15


def test_clip_keeps_what_fits_and_ends_in_an_ellipsis() -> None:
    assert clip("Machine learning fundamentals", 29) == "Machine learning fundamentals"
    assert clip("Machine learning fundamentals", 12) == "Machine lea…"
    assert clip("Machine learning fundamentals", 12, "...") == "Machine l..."
    assert clip("Machine learning", 9) == "Machine…"  # no space before the ellipsis
    assert clip("日本語の機械学習", 7) == "日本語…"
    assert clip("anything", 1) == "…"


def test_wrap_breaks_at_spaces_with_a_hanging_indent() -> None:
    text = "at your pace (6.1 h/week over the last 8 weeks) you reach Junior ML Engineer on 2028-11-02"
    assert wrap(text, 40, indent="  ", hanging="    ") == [
        "  at your pace (6.1 h/week over the last",
        "    8 weeks) you reach Junior ML",
        "    Engineer on 2028-11-02",
    ]
    assert wrap(text, None, indent="  ") == [f"  {text}"]


def test_a_word_longer_than_a_line_is_broken() -> None:
    assert wrap("see https://example.org/a/very/long/path", 16, indent="- ", hanging="  ") == [
        "- see",
        "  https://exampl",
        "  e.org/a/very/l",
        "  ong/path",
    ]


def test_wrap_parts_breaks_between_parts() -> None:
    parts = ["Start 2027-01-11", "15 h/week", "America/New_York", "53 items", "finish 2028-08-12"]
    assert wrap_parts(parts, 50) == [
        "Start 2027-01-11 · 15 h/week · America/New_York",
        "53 items · finish 2028-08-12",
    ]
    assert wrap_parts(parts, None) == [" · ".join(parts)]


words = st.lists(
    st.text(st.characters(codec="utf-8", categories=("L", "N", "P")), min_size=1, max_size=30), max_size=30
)


@given(words, st.integers(8, 120))
def test_wrapped_lines_fit_and_keep_every_word_in_order(parts: list[str], width: int) -> None:
    lines = wrap(" ".join(parts), width, indent="  ", hanging="    ")
    assert all(cells(line) <= width for line in lines)
    unbroken = [w for w in parts if cells(w) <= width - 4]
    if len(unbroken) == len(parts):
        assert " ".join(line.strip() for line in lines).split() == [w for w in " ".join(parts).split()]


def test_one_bar_style() -> None:
    assert bar(0.4, 10, Terminal()) == "████░░░░░░"
    assert bar(0.4, 10, Terminal(no_color=True)) == "####......"
    assert bar(0.4, 10, Terminal(dumb=True)) == "####......"
    assert bar(0.4, 10, Terminal(utf8=False)) == "####......"
    assert bar(1.5, 4, Terminal(tty=True)) == "\x1b[32m████\x1b[0m\x1b[2m\x1b[0m"
    assert Terminal(tty=True, dumb=True).color is False


def test_times_are_a_day_and_a_span() -> None:
    start = dt.datetime(2027, 6, 1, 18, 0)
    assert time_span(start, dt.datetime(2027, 6, 1, 21, 0)) == "Tue 2027-06-01 18:00–21:00"
    assert time_span(start, dt.datetime(2027, 6, 2, 0, 0), with_day=False) == "18:00–24:00"


def test_a_label_shows_the_id_unless_the_name_is_the_id() -> None:
    assert str(label("Python programming", "python")) == "Python programming [python]"
    assert str(label("PyTorch", "pytorch")) == "PyTorch"


DEEP = "Deep learning fundamentals (neural networks, backpropagation, CNNs, RNNs)"


def test_a_name_is_fitted_at_word_boundaries_never_inside_a_word() -> None:
    assert fit_name(DEEP, None) == DEEP
    assert fit_name(DEEP, 80) == DEEP
    assert fit_name(DEEP, 40) == "Deep learning fundamentals"  # the head, without its details
    assert fit_name(DEEP, 40, short="Deep learning") == "Deep learning"  # the graph's short name
    assert fit_name(DEEP, 20) == "Deep learning…"
    assert fit_name(DEEP, 8) == "Deep…"
    assert fit_name(DEEP, 4) == ""  # not a word fits: the caller shows the id
    assert fit_name("Data structures and algorithms", 25) == "Data structures…"  # never "and…"
    assert fit_name("Data structures and algorithms", 12, ellipsis="...") == "Data..."
    assert fit_name("Exploratory analysis of a public dataset", 30, short="EDA report") == "EDA report"


def test_text_is_cut_after_a_whole_word() -> None:
    assert fit_words("subtotal: 12 items", 14) == "subtotal: 12…"
    assert fit_words("USD 120,000-180,000 (3 figures)", 22) == "USD 120,000-180,000…"
    assert fit_words("Hyperparameters", 8) == "Hyperpa…"  # one word wider than the room: cut, the last resort


@given(
    st.lists(st.text(alphabet="abcdefgh日", min_size=1, max_size=9), min_size=1, max_size=8),
    st.text(alphabet="xyz ", max_size=12),
    st.integers(min_value=1, max_value=60),
)
def test_a_fitted_name_fits_and_keeps_whole_words(words: list[str], short: str, width: int) -> None:
    name = " ".join(words)
    fitted = fit_name(name, width, short=short)
    assert cells(fitted) <= width
    # every word shown is a whole word of the name or of its short name
    assert set(fitted.removesuffix("…").split()) <= {*words, *short.split()}


def test_a_label_keeps_its_id_and_shows_words_of_its_name() -> None:
    cell = label(DEEP, "deep-learning", short="Deep learning")
    table = layout((Column(shrink=True),), [[cell]], Terminal(width=32))
    assert table.row([cell]) == "Deep learning [deep-learning]"
    bare = label(DEEP, "deep-learning")
    assert layout((Column(shrink=True),), [[bare]], Terminal(width=24)).row([bare]) == "Deep… [deep-learning]"
    # the column keeps room for a word of the name: the droppable column goes first
    columns = (Column("kind", drop=1), Column("item", shrink=True, minimum=4))
    squeezed = layout(columns, [["skill", bare]], Terminal(width=22))
    assert squeezed.widths[0] is None and squeezed.row(["skill", bare]) == "Deep… [deep-learning]"


def test_ascii_output_keeps_the_width_of_every_line() -> None:
    term = Terminal(no_color=True)
    assert term.lines(["Roadmap: Tess → ML Engineer — reached", "18:00–21:00 · █░ …"]) == (
        "Roadmap: Tess > ML Engineer - reached\n18:00-21:00 | #. .\n"
    )
    assert term.ellipsis == "..."


COLUMNS = (
    Column("id"),
    Column("kind", drop=1),
    Column("name", shrink=True, minimum=10),
    Column("hours", right=True),
)
ROWS = [
    ["ml-fundamentals", "skill", Label("Machine learning fundamentals", "ml"), "40.0"],
    ["git", "skill", "Version control with Git", "10.0"],
]


def test_a_table_without_a_width_shows_every_cell_whole() -> None:
    table = layout(COLUMNS, ROWS, Terminal())
    assert [table.header(), *(table.row(r) for r in ROWS)] == [
        "id               kind   name                                hours",
        "ml-fundamentals  skill  Machine learning fundamentals [ml]   40.0",
        "git              skill  Version control with Git             10.0",
    ]


def test_a_table_clips_names_keeping_ids_then_drops_columns() -> None:
    table = layout(COLUMNS, ROWS, Terminal(width=48))
    assert [table.header(), *(table.row(r) for r in ROWS)] == [
        "id               kind   name              hours",
        "ml-fundamentals  skill  Machine… [ml]      40.0",
        "git              skill  Version control…   10.0",
    ]
    narrow = layout(COLUMNS, ROWS, Terminal(width=36))
    assert [narrow.header(), *(narrow.row(r) for r in ROWS)] == [
        "id               name      hours",
        "ml-fundamentals  ml         40.0",
        "git              Version…   10.0",
    ]
    assert narrow.widths[1] is None  # kind was left out before a name went under its minimum
    # with too little room for a few letters of the name, the id stands alone


def test_a_bar_column_takes_the_room_left() -> None:
    rows = [["Junior ML Engineer", Bar(0.5), "50.0%"]]
    columns = (Column(), Column(shrink=True, minimum=8, drop=1), Column(right=True))
    assert layout(columns, rows, Terminal(), indent=2).row(rows[0]) == (
        "  Junior ML Engineer  ██████████░░░░░░░░░░  50.0%"
    )
    assert layout(columns, rows, Terminal(width=40), indent=2).row(rows[0]) == (
        "  Junior ML Engineer  ██████░░░░░  50.0%"
    )
    assert layout(columns, rows, Terminal(width=30), indent=2).row(rows[0]) == ("  Junior ML Engineer  50.0%")


def test_a_row_that_cannot_fit_is_cut_at_the_width_never_wrapped() -> None:
    columns = (Column("a"), Column("b"))
    table = layout(columns, [["x" * 30, "y" * 30]], Terminal(width=40))
    assert table.row(["x" * 30, "y" * 30]) == "x" * 30 + "  " + "y" * 7 + "…"
