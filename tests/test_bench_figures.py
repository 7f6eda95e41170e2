"""bench/figures.py: how every benchmark reports its figures and ends (exit 1 on a missed goal)."""

from __future__ import annotations

from bench.figures import Goals, pct, spread


def test_a_figure_is_its_median_with_min_and_max():
    figure = spread([3.0, 1.0, 2.0, 10.0])
    assert (figure.median, figure.low, figure.high, figure.runs) == (2.5, 1.0, 10.0, 4)
    assert figure.show(" ms", 1) == "median 2.5 ms (min 1.0, max 10.0, 4 runs)"
    assert pct(list(range(1, 101)), 99) == 99


def test_one_missed_goal_makes_the_benchmark_fail(capsys):
    goals = Goals("bench_x")
    goals.check("fast enough", True)
    assert goals.report() == 0
    goals.check("small enough", False)
    assert goals.report() == 1
    assert "MISSED  small enough" in capsys.readouterr().out


def test_a_goal_that_cannot_be_measured_fails_only_under_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    goals = Goals("bench_x")
    goals.not_measured("ingest on PostgreSQL: not installed")
    assert goals.report() == 0
    monkeypatch.setenv("CI", "true")
    goals = Goals("bench_x")
    goals.not_measured("ingest on PostgreSQL: not installed")
    assert goals.report() == 1
