"""Folders written whole or not at all: build in a hidden sibling, rename into place when complete.

:func:`staged_folder` is how :func:`bargaining.paper.reproduce.reproduce`
(and any command that writes more than one file) writes a results folder. The
files go into ``.NAME.building-PID-XXXX`` beside the target; only when the
last one is written does the folder replace the target (the previous complete
folder is kept until that moment). A run killed at any point leaves the old
results intact (or nothing, for a fresh folder); the next run removes what a
killed run left behind. A target that is empty text, the file-system root,
the current folder or one of its parents, a file, or a folder holding
anything but a previous run's results is refused before anything is written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import BargainingError
from ..output import fsync_directory

__all__ = ["staged_folder", "check_target", "clean_stale"]

BUILDING = ".building-"
OLD = ".old-"


def check_target(out, marker: str = "manifest.json") -> Path:
    """The target folder as an absolute path, or a :class:`BargainingError` saying why it is unsafe.

    Parameters
    ----------
    out : str or os.PathLike
        The folder to (re)write.
    marker : str
        The file a previous run leaves in a complete folder; an existing,
        non-empty folder without it is not ours to replace.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> check_target("")
    Traceback (most recent call last):
    ...
    bargaining.errors.BargainingError: --out: empty folder name
    >>> check_target("/")
    Traceback (most recent call last):
    ...
    bargaining.errors.BargainingError: --out /: the file-system root cannot be a results folder
    """
    text = os.fspath(out)
    if not str(text).strip():
        raise BargainingError("--out: empty folder name")
    path = Path(text).expanduser().absolute()
    resolved = path.resolve()
    if resolved == Path(resolved.anchor):
        raise BargainingError(f"--out {text}: the file-system root cannot be a results folder")
    here = Path.cwd().resolve()
    if resolved == here or resolved in here.parents:
        raise BargainingError(f"--out {text}: the current folder (or one holding it) cannot be replaced by results")
    if resolved == Path.home().resolve():
        raise BargainingError(f"--out {text}: the home folder cannot be replaced by results")
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise BargainingError(f"--out {text}: exists and is not a folder")
    if path.is_dir() and any(path.iterdir()) and not (path / marker).is_file():
        raise BargainingError(f"--out {text}: a folder that holds other files (no {marker} of an earlier run); "
                              "choose a new or empty folder")
    return path


def clean_stale(target) -> list:
    """Remove what killed runs left beside ``target``; restore a complete old folder if the target is missing.

    Returns the paths removed or restored.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / ".results.building-999999999-x").mkdir()
    ...     [p.name for p in clean_stale(Path(tmp) / "results")]
    ['.results.building-999999999-x']
    """
    target = Path(target)
    parent = target.parent
    done = []
    if not parent.is_dir():
        return done
    for item in sorted(parent.iterdir()):
        name = item.name
        if not name.startswith(f".{target.name}.") or not item.is_dir():
            continue
        rest = name[len(target.name) + 2:]
        if rest.startswith(BUILDING[1:]) and not _alive(rest[len(BUILDING) - 1:].split("-")[0]):
            shutil.rmtree(item, ignore_errors=True)
            done.append(item)
        elif rest.startswith(OLD[1:]) and not _alive(rest[len(OLD) - 1:].split("-")[0]):
            if not target.exists():  # killed between the two renames: the old folder is the complete one
                os.replace(item, target)
            else:
                shutil.rmtree(item, ignore_errors=True)
            done.append(item)
    return done


def _alive(pid_text: str) -> bool:
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def staged_folder(out, marker: str = "manifest.json"):
    """Yield a hidden sibling folder to write into; it replaces ``out`` only if the block completes.

    Parameters
    ----------
    out : str or os.PathLike
        The target folder, checked by :func:`check_target`.
    marker : str
        The file a complete folder holds (written last by the caller).

    Yields
    ------
    pathlib.Path
        The folder to write into.

    Raises
    ------
    BargainingError
        If ``out`` is unsafe, or the block did not write ``marker``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with staged_folder(Path(tmp) / "results") as folder:
    ...         _ = (folder / "manifest.json").write_text("{}")
    ...     sorted(p.name for p in Path(tmp).iterdir())
    ['results']
    """
    target = check_target(out, marker)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(target)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}{BUILDING}{os.getpid()}-"))
    try:
        yield staging
        if not (staging / marker).is_file():
            raise BargainingError(f"{target}: the run ended without writing {marker}; nothing was replaced")
        os.chmod(staging, 0o777 & ~_umask())
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, target: Path) -> None:
    """Put ``staging`` at ``target``, keeping the old folder until the new one is in place."""
    if target.exists():
        old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}{OLD}{os.getpid()}-"))
        os.rmdir(old)
        os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, target)
    fsync_directory(target.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def is_complete(folder, marker: str = "manifest.json") -> bool:
    """Whether ``folder`` holds ``marker`` listing files that all exist (a finished run)."""
    folder = Path(folder)
    try:
        listed = json.loads((folder / marker).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return False
    return all((folder / name).is_file() for name in listed)
