"""The pkuseg model set-up: safe extraction, hash check, idempotency, atomic install (no network)."""

from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from graph.cli import main
from graph.core.errors import KgError
from graph.setup import models as setup_models
from graph.setup import resources

MODEL_PREFIX = "pkuseg-0.0.25/pkuseg/models/default/"
MODEL_CONTENT = {"features.pkl": b"features", "weights.npz": b"weights"}


def add_file(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def make_sdist(path: Path, extra: tuple[tarfile.TarInfo, ...] = (), extra_files: dict[str, bytes] | None = None) -> Path:
    """A small stand-in for the pkuseg sdist: the model folder plus other files."""
    with tarfile.open(path, "w:gz") as tar:
        add_file(tar, "pkuseg-0.0.25/setup.py", b"print('not extracted')")
        add_file(tar, "pkuseg-0.0.25/pkuseg/dicts/default.pkl", b"dictionary")
        for name, data in MODEL_CONTENT.items():
            add_file(tar, MODEL_PREFIX + name, data)
        for name, data in (extra_files or {}).items():
            add_file(tar, name, data)
        for info in extra:
            tar.addfile(info)
    return path


def write_markers(folder: Path) -> None:
    for marker in resources.PKUSEG_MODEL_MARKERS:
        (folder / marker).parent.mkdir(parents=True, exist_ok=True)
        (folder / marker).write_text("x", encoding="utf-8")


def fake_convert(model_dir: Path, dest: Path) -> None:
    """What convert_model leaves behind, without spaCy's 8 seconds."""
    assert (model_dir / "weights.npz").read_bytes() == MODEL_CONTENT["weights.npz"]
    write_markers(dest)


def refuse_download(*args: object, **kwargs: object) -> Path:
    raise AssertionError("the set-up must not download here")


def quiet(message: str) -> None:
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(setup_models, "download_sdist", refuse_download)


def test_extract_model_takes_only_the_model_folder(tmp_path: Path) -> None:
    sdist = make_sdist(tmp_path / "pkuseg.tar.gz")
    model_dir = setup_models.extract_model(sdist, tmp_path / "out")
    assert sorted(p.name for p in model_dir.iterdir()) == sorted(MODEL_CONTENT)
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")) == [
        "default",
        "default/features.pkl",
        "default/weights.npz",
    ]


@pytest.mark.parametrize(
    "hostile_name",
    [
        MODEL_PREFIX + "../../../../escaped.txt",
        "../pkuseg/models/default/escaped.txt",
        "/pkuseg/models/default/escaped.txt",
        MODEL_PREFIX + "sub/../../../../../escaped.txt",
    ],
)
def test_extract_model_rejects_path_traversal(tmp_path: Path, hostile_name: str) -> None:
    sdist = make_sdist(tmp_path / "evil.tar.gz", extra_files={hostile_name: b"owned"})
    with pytest.raises(KgError, match="unsafe path"):
        setup_models.extract_model(sdist, tmp_path / "deep" / "out")
    assert not list(tmp_path.rglob("escaped.txt"))


@pytest.mark.parametrize("link_type", [tarfile.SYMTYPE, tarfile.LNKTYPE])
def test_extract_model_rejects_links(tmp_path: Path, link_type: bytes) -> None:
    link = tarfile.TarInfo(MODEL_PREFIX + "passwd")
    link.type = link_type
    link.linkname = "/etc/passwd"
    sdist = make_sdist(tmp_path / "links.tar.gz", extra=(link,))
    with pytest.raises(KgError, match="link"):
        setup_models.extract_model(sdist, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_extract_model_needs_both_model_files(tmp_path: Path) -> None:
    sdist = tmp_path / "empty.tar.gz"
    with tarfile.open(sdist, "w:gz") as tar:
        add_file(tar, MODEL_PREFIX + "features.pkl", b"features")
    with pytest.raises(KgError, match=r"missing weights\.npz"):
        setup_models.extract_model(sdist, tmp_path / "out")


@pytest.mark.parametrize(
    ("data", "matches"),
    [(b"pkuseg", True), (b"pkuseg!", False), (b"", False)],
)
def test_verify_sha256(tmp_path: Path, data: bytes, matches: bool) -> None:
    path = tmp_path / "file.bin"
    path.write_bytes(data)
    expected = hashlib.sha256(b"pkuseg").hexdigest()
    if matches:
        setup_models.verify_sha256(path, expected)
    else:
        with pytest.raises(KgError, match="does not match the pinned"):
            setup_models.verify_sha256(path, expected)


def test_install_with_a_wrong_hash_installs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(setup_models, "convert_model", fake_convert)
    sdist = make_sdist(tmp_path / "pkuseg.tar.gz")
    dest = tmp_path / "models" / "zh_pkuseg"
    with pytest.raises(KgError, match="sha256"):
        setup_models.install_model(dest, sdist=sdist, say=quiet)  # pinned hash is the real sdist's
    assert not dest.exists()


def test_install_skips_when_the_model_is_present(tmp_path: Path, no_network: None) -> None:
    dest = tmp_path / "zh_pkuseg"
    write_markers(dest)
    messages: list[str] = []
    assert setup_models.install_model(dest, say=messages.append) is False
    assert messages == [f"pkuseg model already installed at {dest}; nothing to do (--force reinstalls)"]


def test_install_downloads_when_a_marker_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "zh_pkuseg"
    write_markers(dest)
    (dest / "tokenizer" / "pkuseg_model" / "weights.npz").unlink()  # a damaged model
    calls: list[Path] = []

    def record_download(into: Path, *, say: setup_models.Log) -> Path:
        calls.append(into)
        raise KgError("offline")

    monkeypatch.setattr(setup_models, "download_sdist", record_download)
    with pytest.raises(KgError, match="offline"):
        setup_models.install_model(dest, say=quiet)
    assert len(calls) == 1


def test_install_from_local_sdist_moves_a_complete_model_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: None
) -> None:
    monkeypatch.setattr(setup_models, "convert_model", fake_convert)
    sdist = make_sdist(tmp_path / "pkuseg.tar.gz")
    dest = tmp_path / "models" / "zh_pkuseg"
    installed = setup_models.install_model(dest, sdist=sdist, expected_sha256=setup_models.sha256_of(sdist), say=quiet)
    assert installed is True
    assert resources.is_pkuseg_model(dest)
    assert [p.name for p in dest.parent.iterdir()] == ["zh_pkuseg"]  # no staging folder left


def test_failed_conversion_leaves_no_model_and_no_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: None
) -> None:
    def half_convert(model_dir: Path, dest: Path) -> None:
        (dest / "config.cfg").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(setup_models, "convert_model", half_convert)
    sdist = make_sdist(tmp_path / "pkuseg.tar.gz")
    dest = tmp_path / "models" / "zh_pkuseg"
    with pytest.raises(KeyboardInterrupt):
        setup_models.install_model(dest, sdist=sdist, expected_sha256=setup_models.sha256_of(sdist), say=quiet)
    assert list(dest.parent.iterdir()) == []


def test_force_replaces_an_installed_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_network: None) -> None:
    monkeypatch.setattr(setup_models, "convert_model", fake_convert)
    sdist = make_sdist(tmp_path / "pkuseg.tar.gz")
    dest = tmp_path / "models" / "zh_pkuseg"
    write_markers(dest)
    (dest / "old-only.txt").write_text("old", encoding="utf-8")
    setup_models.install_model(dest, force=True, sdist=sdist, expected_sha256=setup_models.sha256_of(sdist), say=quiet)
    assert resources.is_pkuseg_model(dest)
    assert not (dest / "old-only.txt").exists()
    assert [p.name for p in dest.parent.iterdir()] == ["zh_pkuseg"]


def test_main_reports_an_installed_model_in_the_env_var_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], no_network: None
) -> None:
    write_markers(tmp_path)
    monkeypatch.setenv(resources.PKUSEG_MODEL_ENV, str(tmp_path))
    assert main(["setup"]) == 0
    assert f"already installed at {tmp_path}" in capsys.readouterr().out


def test_main_prints_errors_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_network: None
) -> None:
    sdist = make_sdist(tmp_path / "pkuseg.tar.gz")
    assert main(["setup", "--dest", str(tmp_path / "zh_pkuseg"), "--sdist", str(sdist)]) == 1
    assert "kg setup: error:" in capsys.readouterr().err


def test_help_names_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["setup", "--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    assert all(option in help_text for option in ("--force", "--dest", "--sdist", "KG_PKUSEG_MODEL"))


def test_pkuseg_model_path_uses_the_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_markers(tmp_path)
    monkeypatch.setenv(resources.PKUSEG_MODEL_ENV, str(tmp_path))
    assert resources.pkuseg_model_path() == tmp_path


def test_pkuseg_model_path_explains_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.PKUSEG_MODEL_ENV, str(tmp_path / "absent"))
    with pytest.raises(KgError, match=r"run `make run` or `kg setup`"):
        resources.pkuseg_model_path()


def test_default_model_folder_is_inside_the_venv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(resources.PKUSEG_MODEL_ENV, raising=False)
    monkeypatch.setattr(resources.sys, "prefix", "/venv")
    assert resources.configured_pkuseg_model_dir() == Path("/venv/share/kg-models/zh_pkuseg")
