"""The Dask worker plugin that loads the models once per worker process.

A worker on another machine imports this module, so it must run in an environment where
`newslens` is importable (the repository's venv, started from the repository root).
"""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin


class ModelsPlugin(WorkerPlugin):
    name = "newslens-models"

    def __init__(self, *, model: str | None = None) -> None:
        self.model = model

    def setup(self, worker) -> None:  # noqa: ARG002 - distributed calls setup(worker=...)
        from newslens.corpus.build import load_models

        load_models(self.model)
