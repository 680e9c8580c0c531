"""Runs the atheris fuzz target for a short fixed budget (longer with make test-robustness)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TARGET = Path(__file__).with_name("fuzz_extract.py")


def test_fuzz_extractors_for_a_fixed_budget(tmp_path):
    runs = os.environ.get("DYADS_FUZZ_RUNS", "1500")
    done = subprocess.run([sys.executable, str(TARGET), f"-atheris_runs={runs}", "-max_len=4096", "-seed=1"],
                          capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Done" in done.stderr
