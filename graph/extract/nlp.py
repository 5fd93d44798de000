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

CONFIG_PATH = Path(__file__).with_name("config.cfg")


@lru_cache(maxsize=1)
def load_pipeline(segmenter_path: Path | None = None) -> Language:
    """The zh pipeline with the converted pkuseg model and the kg components.

    The model folder is made once by ``python -m graph.setup_models``.
    """
    from graph.resources import pkuseg_model_path

    base = spacy.load(segmenter_path or pkuseg_model_path())
    config = spacy.util.load_config(CONFIG_PATH)
    for name in config["nlp"]["pipeline"]:
        block = dict(config["components"][name])
        factory = block.pop("factory")
        base.add_pipe(factory, name=name, config=block)
    return base
