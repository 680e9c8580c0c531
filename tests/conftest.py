"""Shared fixtures: one pipeline per test session (the spaCy model and KB load once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads import Pipeline

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The real sample articles in ../shared/samples (skips when absent)."""
    folder = SHARED / "samples"
    if not folder.is_dir() or not any(folder.glob("*.txt")):
        pytest.skip("../shared/samples is not present")
    return folder


@pytest.fixture(scope="session")
def loaded_pipeline() -> Pipeline:
    """A pipeline whose models are loaded; tests copy it with their own database."""
    pipeline = Pipeline(quiet=True, on_error=lambda error: None)
    for part in ("nlp", "kb", "linker", "coder", "periods"):
        pipeline._part(part)
    return pipeline


@pytest.fixture()
def pipeline_for(loaded_pipeline):
    """Factory: a pipeline writing to the given database, sharing the loaded models."""

    def make(db: Path, errors: list | None = None) -> Pipeline:
        pipeline = Pipeline(db=db, quiet=True, on_error=(errors.append if errors is not None else lambda e: None))
        pipeline._parts.update(loaded_pipeline._parts)
        return pipeline

    return make


@pytest.fixture(scope="session")
def store_from_articles(tmp_path_factory, loaded_pipeline):
    """Factory: write {file name: text} articles to a folder and run them into a new store."""

    def build(articles: dict[str, str]) -> Path:
        folder = tmp_path_factory.mktemp("articles")
        for name, text in articles.items():
            (folder / name).write_text(text, encoding="utf-8")
        db = folder / "store.duckdb"
        pipeline = Pipeline(db=db, quiet=True, on_error=lambda e: None)
        pipeline._parts.update(loaded_pipeline._parts)
        assert pipeline.run([folder]).added == len(articles)
        return db

    return build
