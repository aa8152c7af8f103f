"""Read YAML data files shipped with the kit and report faults by file and key path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

#: libyaml's parser when PyYAML was built with it (about ten times faster), else PyYAML's own.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(ValueError):
    """A data file is invalid; names the file, the key path and what is wrong."""

    def __init__(self, file: Path | str, key_path: str, message: str) -> None:
        self.file = Path(file)
        self.key_path = key_path
        self.message = message
        where = f"{self.file}: {key_path}" if key_path else str(self.file)
        super().__init__(f"{where}: {message}")


def key_path(parts: tuple[str | int, ...] | list[str | int]) -> str:
    """Join keys and list indexes as ``a.b[2].c``."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")


def read_yaml(file: Path, error: type[DataFileError] = DataFileError) -> Any:
    """Parse a YAML file; the error names the file and the line of a syntax error."""
    if not file.is_file():
        raise error(file, "", "file is missing")
    try:
        return yaml.load(file.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise error(file, "", f"invalid YAML: {where}{getattr(exc, 'problem', exc)}") from exc
    except UnicodeDecodeError as exc:
        raise error(file, "", f"not UTF-8 text: {exc}") from exc


def validate(
    file: Path, key: str, kind: Any, data: Any, error: type[DataFileError] = DataFileError
) -> Any:
    """Validate ``data`` found under ``key`` of ``file`` as ``kind``, naming the first bad key."""
    try:
        return TypeAdapter(kind).validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise error(file, key_path([key, *first["loc"]]), first["msg"]) from exc
