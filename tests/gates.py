"""Helpers shared by the accuracy gates (test_*_floors.py): load a benchmark module, compare with floors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load_benchmark_module(name: str):
    """A module of benchmarks/ (not a package), registered under its name so its dataclasses resolve."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def below(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    """The figures under their floor, each as 'name figure < floor'."""
    return [f"{name} {figures[name]:.3f} < floor {floor}" for name, floor in floors.items() if figures[name] < floor]
