"""Writing an export all or nothing: into a temporary path beside the target, then a rename.

A rename within one directory is atomic, so a reader sees the old target or the
new one, never half of either, and a write that fails part-way (a full disk,
Ctrl-C) leaves the target as it was and removes its temporary files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path


class ExportError(Exception):
    """An export that cannot be written; ``reason`` is its one-line message."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class TargetExists(ExportError):  # noqa: N818 - a condition, as OutputClosed
    """The target is there already, and --force was not given (a usage error)."""


class WriteFailed(ExportError):  # noqa: N818 - a condition, as OutputClosed
    """The file system refused the write: no such directory, no permission, a full disk."""


def failed(path: Path, error: OSError) -> WriteFailed:
    """A one-line WriteFailed for ``error`` while writing ``path``."""
    return WriteFailed(f"cannot write {path}: {error.strerror or type(error).__name__}")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _is_empty_directory(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and not any(path.iterdir())


def _absolute(target: Path) -> Path:
    """``target`` made absolute without following links: "." and ".." get their real names."""
    try:
        return Path(os.path.abspath(target))  # noqa: PTH100 - resolve() would follow links
    except OSError as error:  # the working directory is gone
        raise failed(target, error) from None


def publish_directory(
    target: Path,
    fill: Callable[[Path], None],
    *,
    force: bool,
    replaceable: Callable[[Path], str | None],
) -> None:
    """Make ``target`` a directory that ``fill`` writes, all at once.

    An empty directory is filled where it is (it may be the working directory
    or a mount point). Any other existing target needs ``force``, and even then
    is replaced only when ``replaceable`` returns None (else its reason not
    to): --force must never remove a directory of the user's that an export did
    not write, nor the one the user is in.
    """
    shown, target = target, _absolute(target)
    if _is_empty_directory(target):
        _fill_empty(shown, target, fill)
        return
    exists = _exists(target)
    if exists and not force:
        raise TargetExists(f"{shown} exists; add --force to replace it")
    if exists:
        refusal = replaceable(target)
        if refusal is None and target in (Path.cwd(), *Path.cwd().parents):
            refusal = "holds the working directory"
        if refusal is not None:
            raise TargetExists(f"{shown} {refusal}; not replacing it")
    try:
        temporary = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        )
    except OSError as error:
        raise failed(shown, error) from None
    try:
        fill(temporary)
        temporary.chmod(0o777 & ~_umask())
        if exists:
            _swap_directory(temporary, target)
        else:
            # rename(2) refuses a directory that is not empty: a target that
            # appeared meanwhile is not overwritten.
            temporary.rename(target)
    except OSError as error:
        raise failed(shown, error) from None
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _fill_empty(shown: Path, directory: Path, fill: Callable[[Path], None]) -> None:
    """Write into a temporary directory inside ``directory``, then move each file up.

    Every file is complete before the first is moved; a failure takes back the
    ones moved, so the directory is left empty, as it was.
    """
    try:
        temporary = Path(tempfile.mkdtemp(prefix=".ocsae-export.", suffix=".tmp", dir=directory))
    except OSError as error:
        raise failed(shown, error) from None
    moved: list[Path] = []
    try:
        fill(temporary)
        for entry in sorted(temporary.iterdir()):
            destination = directory / entry.name
            if _exists(destination):  # written meanwhile by someone else
                raise TargetExists(f"{shown} is no longer empty; not writing into it")
            entry.rename(destination)
            moved.append(destination)
    except BaseException as error:
        for path in moved:
            path.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise failed(shown, error) from None
        raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _swap_directory(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, then remove the old one."""
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    old.rmdir()  # only its unused name is wanted
    target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _temporary_beside(target: Path) -> Iterator[Path]:
    try:
        descriptor, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise failed(target, error) from None
    os.close(descriptor)
    path = Path(name)
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def publish_files(
    targets: Sequence[Path], fill: Callable[[Sequence[Path]], None], *, force: bool
) -> None:
    """Make each of ``targets`` a file that ``fill`` writes (given their temporary paths).

    Every target is checked before anything is written; each is renamed into
    place only once all are complete. Without ``force`` none may exist, and the
    rename is a link, which fails rather than overwrite a file that appeared
    meanwhile.
    """
    for target in targets:
        if target.is_dir():
            raise TargetExists(f"{target} is a directory; name a file")
        if _exists(target) and not force:
            raise TargetExists(f"{target} exists; add --force to replace it")
    with contextlib.ExitStack() as stack:
        temporaries = [stack.enter_context(_temporary_beside(t)) for t in targets]
        try:
            fill(temporaries)
        except OSError as error:
            raise failed(targets[0], error) from None
        placed: list[Path] = []
        try:
            for temporary, target in zip(temporaries, targets, strict=True):
                temporary.chmod(0o666 & ~_umask())
                _place(temporary, target, force=force)
                placed.append(target)
        except BaseException as error:
            if not force:  # what this call created, it takes away again
                for done in placed:
                    done.unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise failed(target, error) from None
            raise


def _place(temporary: Path, target: Path, *, force: bool) -> None:
    if force:
        temporary.replace(target)
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise TargetExists(f"{target} exists; add --force to replace it") from None
    except OSError:  # a file system without hard links: check, then rename
        if _exists(target):
            raise TargetExists(f"{target} exists; add --force to replace it") from None
        temporary.replace(target)
