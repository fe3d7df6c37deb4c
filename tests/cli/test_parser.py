"""The window's own options are parsed without the sub-commands, exactly as the full parser would."""

from __future__ import annotations

import argparse

import pytest

from desktop_app.__main__ import _add_launcher_options, _parse_arguments
from desktop_app.cli.parser import build_parser, parse_window_arguments


def _full(argv: list[str]) -> argparse.Namespace:
    parser = build_parser()
    _add_launcher_options(parser)
    return parser.parse_args(argv)


@pytest.mark.parametrize("argv", [
    [], ["--demo"], ["--quit-after-startup"], ["--data-dir", "data"], ["--data-dir=some folder"],
    ["--quit-after-startup", "--data-dir", "x", "--demo"], ["--quit"], ["--data", "x"],
])
def test_the_window_s_options_give_what_the_full_parser_gives(argv: list[str]) -> None:
    assert parse_window_arguments(argv) is not None
    assert vars(_parse_arguments(argv)) == vars(_full(argv))


@pytest.mark.parametrize("argv", [
    ["data", "export", "out.json"], ["--data-dir", "x", "due"], ["--demo", "due"], ["-h"], ["--help"],
    ["--version"], ["--self-check"], ["--install-desktop-entry"], ["--data-dir"], ["--d"], ["nonsense"],
    ["--demo=yes"], ["--unknown"],
])
def test_anything_else_is_left_to_the_full_parser(argv: list[str]) -> None:
    assert parse_window_arguments(argv) is None


def test_a_mistake_is_worded_by_the_full_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        _parse_arguments(["nonsense"])
    assert raised.value.code == 2
    assert "invalid choice: 'nonsense'" in capsys.readouterr().err
