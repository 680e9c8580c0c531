"""Dyad plots with matplotlib: cooperation and conflict counts plus mean Goldstein over time."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no display needed

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

COLOURS = {
    "verbal_cooperation": "#9ecae1",
    "material_cooperation": "#3182bd",
    "verbal_conflict": "#fdae6b",
    "material_conflict": "#e6550d",
}


BAR_DAYS = {"day": 0.8, "week": 5.5, "month": 24, "year": 300}


def plot_dyad(series: pd.DataFrame, title: str, out: str | Path, by: str = "month") -> Path:
    """Draw one panel per direction: stacked QuadClass counts and the mean Goldstein line."""
    out = Path(out)
    directions = list(dict.fromkeys(series["direction"])) or ["(no events)"]
    fig, axes = plt.subplots(len(directions), 1, figsize=(10, 3.2 * len(directions)), sharex=True, squeeze=False)
    for axis, direction in zip(axes[:, 0], directions, strict=True):
        part = series[series["direction"] == direction].sort_values("period")
        periods = pd.to_datetime(part["period"])
        bottom = None
        width = BAR_DAYS.get(by, 24)
        for column, colour in COLOURS.items():
            values = part[column].to_numpy() if column in part else []
            axis.bar(periods, values, width=width, align="edge", bottom=bottom, color=colour,
                     label=column.replace("_", " "))
            bottom = values if bottom is None else bottom + values
        axis.set_ylabel("events")
        axis.set_title(direction, loc="left", fontsize=10)
        twin = axis.twinx()
        twin.plot(periods, part["goldstein_mean"], color="black", marker="o", linewidth=1.2, label="mean Goldstein")
        twin.axhline(0, color="grey", linewidth=0.6, linestyle=":")
        twin.set_ylim(-10.5, 10.5)
        twin.set_ylabel("mean Goldstein")
        axis.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    axes[0, 0].legend(loc="upper left", fontsize=8, ncol=2)
    fig.suptitle(title)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out
