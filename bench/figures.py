"""What every benchmark prints the same way: a figure as its median with min and max, its
baseline beside it, and the goals, ending in the exit status (1 if a goal is missed)."""

from __future__ import annotations

import os
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Spread:
    """The median of some runs, with the smallest and the largest."""

    median: float
    low: float
    high: float
    runs: int

    def show(self, unit: str = "", digits: int = 2) -> str:
        return (f"median {self.median:.{digits}f}{unit} (min {self.low:.{digits}f}, max {self.high:.{digits}f}, "
                f"{self.runs} runs)")


def spread(values: Sequence[float]) -> Spread:
    if not values:
        raise ValueError("no runs to summarise")
    return Spread(statistics.median(values), min(values), max(values), len(values))


def pct(values: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def on_ci() -> bool:
    """Under CI=true a figure that cannot be measured here (no PostgreSQL, ...) is a miss."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


@dataclass
class Goals:
    """The goals of one benchmark: `check` each, then `report()` prints them and gives the exit status."""

    name: str
    results: list[tuple[str, bool | None]] = field(default_factory=list)

    def check(self, text: str, met: bool) -> bool:
        self.results.append((text, met))
        return met

    def not_measured(self, text: str) -> None:
        """A goal this PC cannot measure (a missing program): a miss under CI=true."""
        self.results.append((text, False if on_ci() else None))

    def report(self) -> int:
        print(f"\n{self.name} goals:")
        for text, met in self.results:
            mark = {True: "MET   ", False: "MISSED", None: "NOT MEASURED"}[met]
            print(f"  {mark}  {text}")
        missed = [text for text, met in self.results if met is False]
        print(f"{self.name}: {'every goal met' if not missed else f'{len(missed)} goal(s) MISSED'}")
        return 1 if missed else 0
