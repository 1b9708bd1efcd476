"""A cache of validated figures files: reading a file again costs a hash and an unpickle.

Parsing TOML and validating every figure is most of what a command costs on a
large file. Both are a pure function of the file's bytes, so the validated
:class:`~ocsae_cli.model.Dataset` is kept, pickled, under a key made from

* a BLAKE2b hash of the file's bytes (any change to the file is a new key),
* the ocsae and pydantic versions, and the bytes of ``model.py`` itself (so a
  changed model, even in an editable install, never meets an old entry).

Only what this process validated itself is ever written, and only a
:class:`Dataset` is accepted back. The cache is a speed-up and nothing more:
any problem reading or writing it (a full disk, a read-only home, a corrupt or
foreign entry) means the file is validated as if there were no cache, and no
message is printed.

Where: ``$OCSAE_CACHE_DIR``, else the platform's cache directory
(``$XDG_CACHE_HOME/ocsae`` or ``~/.cache/ocsae`` on Linux). ``OCSAE_NO_CACHE=1``
turns it off. ``ocsae validate`` never reads it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

try:
    # CPython's own BLAKE2, without loading OpenSSL as ``import hashlib`` does (2 ms).
    from _blake2 import blake2b
except ImportError:  # another Python
    from hashlib import blake2b

if TYPE_CHECKING:
    from ocsae_cli.model import Dataset

CACHE_DIR_ENV_VAR = "OCSAE_CACHE_DIR"
NO_CACHE_ENV_VAR = "OCSAE_NO_CACHE"
MAX_ENTRIES = 8  # a few files in use at once; older entries are removed
_SUFFIX = ".dataset.pickle"
_MAGIC = b"ocsae-dataset-cache 1\n"


def cache_directory(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where validated datasets are kept, or None when the cache is turned off."""
    env = os.environ if environ is None else environ
    if env.get(NO_CACHE_ENV_VAR, "").strip().lower() not in ("", "0", "false", "no", "off"):
        return None
    chosen = env.get(CACHE_DIR_ENV_VAR, "")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "ocsae" / "Cache"
    base = env.get("XDG_CACHE_HOME", "")
    if base and sys.platform != "darwin":
        return Path(base) / "ocsae"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no $HOME and no passwd entry: no cache
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "ocsae"
    return home / ".cache" / "ocsae"


# What decides whether a file's bytes make a valid dataset, and what that dataset
# is: these modules, the TOML parser and pydantic. A change to any of them, even in
# an editable install, makes every key new.
_VALIDATING_MODULES = ("model.py", "load.py", "cache.py")


def _salt() -> bytes:
    import importlib.util

    import pydantic
    import pydantic_core

    from ocsae_cli import __version__

    digest = blake2b(
        f"ocsae {__version__}; pydantic {pydantic.VERSION}; pydantic-core "
        f"{pydantic_core.__version__}; python {sys.version}\n".encode()
    )
    for name in _VALIDATING_MODULES:
        try:
            digest.update(Path(__file__).with_name(name).read_bytes())
        except OSError:  # no source beside the package: the versions must do
            digest.update(name.encode())
    # tomli is not imported on a warm run (that is the point), so its file stands in
    # for its version: an upgrade replaces it.
    spec = importlib.util.find_spec("tomli")
    if spec is not None and spec.origin:
        try:
            status = Path(spec.origin).stat()
            digest.update(f"tomli {spec.origin} {status.st_size} {status.st_mtime_ns}".encode())
        except OSError:
            digest.update(b"tomli")
    return digest.digest()


def cache_key(raw: bytes) -> str:
    """The key of a file's validated dataset: its bytes, and what validated them."""
    digest = blake2b(_salt(), digest_size=20)
    digest.update(raw)
    return digest.hexdigest()


def _private(directory: Path) -> bool:
    """Whether only this user can write ``directory`` (a pickle runs what it holds)."""
    if os.name != "posix":
        return True
    status = directory.stat()
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def read(directory: Path, key: str) -> Dataset | None:
    """The dataset kept under ``key``, or None (never an error)."""
    import pickle

    from ocsae_cli.model import Dataset

    entry = directory / f"{key}{_SUFFIX}"
    try:
        if not _private(directory):
            return None
        stream = entry.open("rb")
    except OSError:
        return None
    with stream:
        try:
            if stream.read(len(_MAGIC)) != _MAGIC:
                raise ValueError("not an ocsae cache entry")
            # Only entries this user could have written are read: see _private.
            dataset = pickle.load(stream)
        except Exception:  # a truncated or foreign entry is a miss, whatever it raises
            _discard(entry)
            return None
    if not isinstance(dataset, Dataset):
        _discard(entry)
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # most recently used: kept longest
    return dataset


def write(directory: Path, key: str, dataset: Dataset) -> None:
    """Keep ``dataset`` under ``key``, atomically; failures are ignored."""
    import pickle

    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(directory):
            return
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=_SUFFIX)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(_MAGIC)
                # Straight to the file: no second copy of the dataset in memory.
                pickle.dump(dataset, stream, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temporary).replace(directory / f"{key}{_SUFFIX}")
        except BaseException:
            _discard(Path(temporary))
            raise
        _prune(directory)
    except Exception:  # a cache that cannot be written is no cache, never an error
        return


_ABANDONED = 3600  # seconds: a temporary file this old was left by a run that died


def _prune(directory: Path) -> None:
    entries = []
    for entry in directory.glob(f"*{_SUFFIX}"):
        try:
            modified = entry.stat().st_mtime_ns
        except OSError:
            continue
        if entry.name.startswith(".tmp-"):
            if time.time() - modified / 1e9 > _ABANDONED:
                _discard(entry)
            continue
        entries.append((modified, entry))
    entries.sort(reverse=True)
    for _, entry in entries[MAX_ENTRIES:]:
        _discard(entry)


def _discard(entry: Path) -> None:
    with contextlib.suppress(OSError):
        entry.unlink()
