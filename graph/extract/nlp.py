"""The spaCy pipeline: Chinese with the pkuseg segmenter, then our entity components.

The components and their order are written in ``config.cfg`` beside this file,
so the pipeline can be read, changed and loaded like any spaCy pipeline.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

import graph.extract.components  # noqa: F401  (registers the kg_* factories)
from graph.extract.segmenter import Segmenter

CONFIG_PATH = Path(__file__).with_name("config.cfg")


SEGMENTERS = tuple(Segmenter)


def load_pipeline(segmenter: str = "pkuseg", segmenter_path: Path | None = None) -> Language:
    """The pipeline for ``segmenter``, loaded once per process (see ``_load``)."""
    return _load(segmenter, segmenter_path)


def release_pipelines() -> None:
    """Forget the loaded pipelines, so their memory can go once nothing else holds them."""
    _load.cache_clear()


@lru_cache(maxsize=2)
def _load(segmenter: str, segmenter_path: Path | None) -> Language:
    """The zh pipeline with its segmenter and the kg components.

    ``pkuseg`` (the default) is spaCy's zh tokenizer with the converted pkuseg
    model, made once by ``kg setup``; ``lac`` takes LAC's
    words as tokens, which saves a pass since LAC tags every article anyway.
    The entities and facts do not depend on the tokens, only the Doc does.
    """
    if segmenter == "pkuseg":
        from graph.setup.resources import pkuseg_model_path

        base = spacy.load(segmenter_path or pkuseg_model_path())
    elif segmenter == "lac":
        from graph.extract.components import LacSegmenter
        from graph.extract.statistical import LacTagger

        base = spacy.blank("zh")
        base.tokenizer = LacSegmenter(base.vocab, LacTagger.shared())
    else:
        raise ValueError(f"unknown segmenter {segmenter!r}; expected one of {', '.join(SEGMENTERS)}")
    config = spacy.util.load_config(CONFIG_PATH)
    for name in config["nlp"]["pipeline"]:
        block = dict(config["components"][name])
        factory = block.pop("factory")
        base.add_pipe(factory, name=name, config=block)
    return base
