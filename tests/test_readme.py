"""README.md: its kg command lines are valid, every sub-command is shown, its links lead somewhere."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from graph.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# "$ kg ..." lines of the README's console examples.
KG_COMMANDS = re.findall(r"^\$ (kg .*)$", README, re.MULTILINE)
LOCAL_LINKS = [
    target
    for target in re.findall(r"\]\(([^)#]+)\)", README)
    if not re.match(r"[a-z]+://", target)
]


def sub_commands() -> list[str]:
    parser = build_parser()
    (sub,) = [action for action in parser._actions if action.dest == "command"]
    return list(sub.choices)


def test_readme_shows_kg_commands() -> None:
    assert len(KG_COMMANDS) >= 5


@pytest.mark.parametrize("command", KG_COMMANDS)
def test_readme_kg_command_parses(command: str) -> None:
    args = build_parser().parse_args(shlex.split(command)[1:])
    assert args.command == shlex.split(command)[1]


@pytest.mark.parametrize("name", sub_commands())
def test_every_sub_command_has_an_example_in_the_readme(name: str) -> None:
    assert any(shlex.split(command)[1] == name for command in KG_COMMANDS)


@pytest.mark.parametrize("target", LOCAL_LINKS)
def test_readme_link_leads_to_a_file(target: str) -> None:
    assert (ROOT / target).is_file()


def test_readme_links_the_export_and_query_guides() -> None:
    assert {"docs/exports.md", "queries/README.md"} <= set(LOCAL_LINKS)
