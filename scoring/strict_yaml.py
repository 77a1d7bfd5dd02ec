"""YAML read strictly, for files people edit by hand: what PyYAML's safe loader lets through
silently (a duplicate key, whose last value wins) or fails on deep inside (deep nesting, an
unreadable scalar) is refused with its line and column, as data (`YamlRefused`).
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 32  # nesting of YAML collections; the presets use 4


class YamlRefused(ValueError):
    """A YAML text refused: a problem `code` with its `params`, the English `message` and where."""

    def __init__(self, code: str, message: str, params: dict, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.code, self.message, self.params, self.line, self.column = code, message, params, line, column


class _Refused(yaml.MarkedYAMLError):
    """Well-formed YAML that a rulebook may not contain; the message is the problem alone."""

    def __init__(self, code: str, problem: str, mark: yaml.Mark, **params: Any) -> None:
        super().__init__(None, None, problem, mark)
        self.code = code
        self.params = params


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the checks a hand-edited rulebook needs: a duplicate key is an
    error (PyYAML keeps the last one silently: a second `points:` would win), nesting is limited
    before PyYAML's recursive composer overflows the stack, anchors and aliases are refused (no
    rulebook needs them; they allow exponential documents), and a scalar that cannot be read (an
    impossible date, a 5,000-digit number) is named by its line instead of raising from deep inside."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise _Refused("yaml_alias", "aliases (*name) are not allowed in a rulebook", mark)
        if self._depth >= MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise _Refused("yaml_too_deep", f"nested deeper than {MAX_DEPTH} levels", mark, depth=MAX_DEPTH)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        first: dict[Any, yaml.Mark] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                seen = first.get(key)
            except TypeError:
                continue  # an unhashable key: PyYAML's own check names it
            if seen is not None:
                problem = f"duplicate key {key!r} (first at line {seen.line + 1}, column {seen.column + 1})"
                raise _Refused(
                    "duplicate_key", problem, key_node.start_mark, value=key, line=seen.line + 1, column=seen.column + 1
                )
            first[key] = key_node.start_mark
        return super().construct_mapping(node, deep)

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:
            text = str(node.value)
            shown = repr(text) if len(text) <= 40 else f"{text[:20]!r}… ({len(text)} characters)"
            problem = f"cannot read {shown}: {str(exc).split(':')[0]}"
            short = text if len(text) <= 40 else f"{text[:20]}…"
            raise _Refused("unreadable", problem, node.start_mark, value=short, length=len(text)) from None


def load_strict(text: str) -> Any:
    """The YAML document in `text`, or YamlRefused naming the first problem and its place."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 -- a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if isinstance(exc, _Refused):
            code, message, params = exc.code, exc.problem, exc.params
        else:
            code, message, params = "yaml_invalid", f"not valid YAML ({getattr(exc, 'problem', exc)})", {}
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlRefused(code, message, params, line, column) from None
