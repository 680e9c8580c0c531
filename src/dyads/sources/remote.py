"""Inputs named by URL (s3://, gs://, http(s)://, file://...), read through fsspec.

A URL names a file, a folder (or an HTTP index page), a glob pattern, or a listing file
(``*.paths`` or ``*.paths.gz``, one path per line, as Common Crawl publishes its WARC lists).
Relative lines of a listing resolve against the root of the listing's host or bucket, so
Common Crawl's ``crawl-data/...`` lines become full URLs.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from dyads.types import InputError

LISTING_SUFFIXES = (".paths", ".paths.gz")
#: Extra packages fsspec needs for some protocols, named in the error a user sees.
PROTOCOL_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs", "abfs": "adlfs"}


@dataclass(frozen=True)
class RemoteFile:
    """A file named by an fsspec URL."""

    url: str

    @property
    def name(self) -> str:
        """The last part of the URL's path."""
        return PurePosixPath(urlsplit(self.url).path).name

    @property
    def suffixes(self) -> list[str]:
        """The suffixes of the file name, like ``Path.suffixes``."""
        return PurePosixPath(self.name).suffixes

    def open(self):
        """A binary stream over the file's bytes."""
        import fsspec

        try:
            return fsspec.open(self.url, "rb").open()
        except OSError:
            raise
        except Exception as exc:  # readers raise their own types (HTTP status, missing package): all unreadable
            raise OSError(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from exc

    def __str__(self) -> str:
        return self.url


def is_url(name: str) -> bool:
    """True for ``scheme://...`` names, which are read through fsspec."""
    scheme = urlsplit(name).scheme
    return len(scheme) > 1 and "://" in name  # one letter would be a Windows drive


def _filesystem(url: str):
    import fsspec

    protocol = urlsplit(url).scheme
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        package = PROTOCOL_PACKAGES.get(protocol)
        hint = f"; install {package} to read {protocol}:// URLs" if package else ""
        raise OSError(f"no reader for {protocol}:// ({exc}){hint}") from exc


def _with_protocol(fs, path: str, url: str) -> str:
    """fsspec returns paths without the protocol for most file systems; put it back."""
    return path if is_url(path) else fs.unstrip_protocol(path) if hasattr(fs, "unstrip_protocol") else path


def _listing_lines(url: str, data: bytes) -> Iterator[str]:
    if url.endswith(".gz"):
        data = gzip.decompress(data)
    parts = urlsplit(url)
    root = f"{parts.scheme}://{parts.netloc}/"
    for line in data.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line if is_url(line) else root + line.lstrip("/")


def expand_url(url: str, known_suffixes: set[str]) -> Iterator[RemoteFile | InputError]:
    """The files a URL names, in sorted order; an ``InputError`` when it cannot be read."""
    try:
        fs, path = _filesystem(url)
        if url.endswith(LISTING_SUFFIXES):
            with fs.open(path, "rb") as handle:
                lines = list(_listing_lines(url, handle.read()))
            for line in lines:
                yield RemoteFile(line)
            return
        if any(ch in path for ch in "*?["):
            names = sorted(fs.glob(path))
        elif fs.isdir(path):
            names = sorted(fs.find(path))
        else:
            yield RemoteFile(url)
            return
    except (OSError, ValueError) as exc:  # network, permission and protocol errors all end here
        yield InputError(url, f"cannot list ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})")
        return
    for name in names:
        remote = RemoteFile(_with_protocol(fs, name, url))
        suffixes = [s.lower() for s in remote.suffixes]
        if suffixes and suffixes[-1] == ".gz":
            suffixes = suffixes[:-1]
        if suffixes and suffixes[-1] in known_suffixes and not remote.name.startswith("."):
            yield remote
