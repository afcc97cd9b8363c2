"""The errors' words: "did you mean" finds what a person meant, by spelling and by words."""

from __future__ import annotations

from click.testing import CliRunner

from planner.cli import cli
from planner.errors import did_you_mean

NAMES = {
    "head-of-ml": "Head of Machine Learning",
    "ml-fundamentals": "Machine learning fundamentals (supervised and unsupervised learning)",
    "ml-algorithms": "Machine learning algorithms (linear models, trees, ensembles)",
    "azure": "Azure for ML (compute, storage, Azure Machine Learning)",
    "privacy-preserving-ml": "Privacy-preserving machine learning (differential privacy)",
    "pandas": "pandas",
    "data-structures-algorithms": "Data structures and algorithms",
}
IDS = sorted(NAMES)


def test_words_find_the_nodes_whose_names_begin_with_them_first() -> None:
    """A regression: "machine learning" suggested 'Head of Machine Learning' alone. Names
    that begin with the words come first, then those that hold them in their head (not
    Azure's, whose details hold them), ties in the order given (prerequisites first)."""
    assert did_you_mean("machine learning", [*IDS, *NAMES.values()], NAMES) == (
        " (did you mean 'ml-fundamentals' (Machine learning fundamentals), 'ml-algorithms' "
        "(Machine learning algorithms) or 'head-of-ml' (Head of Machine Learning)?)"
    )
    assert did_you_mean("Data structures", IDS, NAMES) == (
        " (did you mean 'data-structures-algorithms' (Data structures and algorithms)?)"
    )
    assert did_you_mean("machine learnin", IDS, NAMES).startswith(" (did you mean 'ml-fundamentals'")


def test_spelling_and_the_start_of_an_id_still_come_first_for_one_word() -> None:
    assert did_you_mean("pan", IDS, NAMES) == " (did you mean 'pandas'?)"
    assert did_you_mean("PANDAS", IDS, NAMES) == " (did you mean 'pandas'?)"
    assert did_you_mean("pandsa", IDS, NAMES) == " (did you mean 'pandas'?)"
    assert did_you_mean("privacy", IDS, NAMES) == " (did you mean 'privacy-preserving-ml'?)"
    assert did_you_mean("supervised", IDS, NAMES) == (
        " (did you mean 'ml-fundamentals' (Machine learning fundamentals)?)"
    )
    assert did_you_mean("quantum", IDS, NAMES) == ""


def test_the_command_line_suggests_ids_by_the_words_of_names() -> None:
    result = CliRunner().invoke(cli, ["explain", "machine learning"])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for 'ID': unknown node id 'machine learning' (did you mean "
        "'ml-fundamentals' (Machine learning fundamentals), 'ml-algorithms' (Machine learning "
        "algorithms) or 'privacy-preserving-ml' (Privacy-preserving machine learning)?)\n"
    )
