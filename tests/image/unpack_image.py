"""Unpacks an image tarball the way a container runtime would, for the image tests.

Follows the OCI layout (index.json -> manifest -> config and layers), checking every blob's
digest and size and that the docker view (manifest.json) names the same config and layers,
then applies the layers in order into a root directory, honouring whiteouts. Nothing is
written outside that directory: entries with absolute or `..` paths are refused, and
symlinks are created as links, never followed.
"""
import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
from pathlib import Path


class ImageError(Exception):
    pass


def _blob(archive, digest, size=None):
    algo, _, hexdigest = digest.partition(":")
    if algo != "sha256":
        raise ImageError(f"unsupported digest algorithm {algo}")
    member = archive.extractfile(f"blobs/sha256/{hexdigest}")
    if member is None:
        raise ImageError(f"blob {digest} is missing")
    data = member.read()
    if hashlib.sha256(data).hexdigest() != hexdigest:
        raise ImageError(f"blob {digest} does not match its digest")
    if size is not None and len(data) != size:
        raise ImageError(f"blob {digest} is {len(data)} bytes, its descriptor says {size}")
    return data


def read_image(tarball):
    """Returns (manifest, config, [uncompressed layer bytes]) after checking every digest."""
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
        for required in ("oci-layout", "index.json", "manifest.json"):
            if required not in names:
                raise ImageError(f"{tarball}: no {required}")
        index = json.load(archive.extractfile("index.json"))
        if len(index["manifests"]) != 1:
            raise ImageError(f"{tarball}: expected one manifest, found {len(index['manifests'])}")
        desc = index["manifests"][0]
        manifest = json.loads(_blob(archive, desc["digest"], desc["size"]))
        config = json.loads(_blob(archive, manifest["config"]["digest"], manifest["config"]["size"]))
        diff_ids = config["rootfs"]["diff_ids"]
        if len(diff_ids) != len(manifest["layers"]):
            raise ImageError("config diff_ids and manifest layers differ in number")
        layers = []
        for layer_desc, diff_id in zip(manifest["layers"], diff_ids):
            data = _blob(archive, layer_desc["digest"], layer_desc["size"])
            if layer_desc["mediaType"].endswith("+gzip"):
                data = gzip.decompress(data)
            if "sha256:" + hashlib.sha256(data).hexdigest() != diff_id:
                raise ImageError(f"layer {layer_desc['digest']} does not match diff_id {diff_id}")
            layers.append(data)
        docker = json.load(archive.extractfile("manifest.json"))
        blob_path = lambda d: "blobs/sha256/" + d.split(":", 1)[1]
        if len(docker) != 1 or docker[0]["Config"] != blob_path(manifest["config"]["digest"]):
            raise ImageError("manifest.json names another config than index.json")
        if docker[0]["Layers"] != [blob_path(l["digest"]) for l in manifest["layers"]]:
            raise ImageError("manifest.json names other layers than index.json")
    return manifest, config, layers


def _safe_join(root, name):
    parts = Path(name).parts
    if Path(name).is_absolute() or ".." in parts:
        raise ImageError(f"layer entry {name!r} escapes the root")
    path = root.joinpath(*parts) if parts else root
    # Every parent must be a real directory inside root, never a symlink out of it.
    for parent in list(path.parents)[::-1]:
        if parent == root or root not in parent.parents:
            continue
        if parent.is_symlink():
            raise ImageError(f"layer entry {name!r} goes through the symlink {parent}")
    return path


def _remove(path):
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def apply_layer(root, layer_bytes):
    root = Path(root)
    with tarfile.open(fileobj=io.BytesIO(layer_bytes)) as layer:
        for entry in layer:
            name = entry.name.rstrip("/")
            base = os.path.basename(name)
            if base == ".wh..wh..opq":  # opaque directory: drop what lower layers put there
                directory = _safe_join(root, os.path.dirname(name))
                if directory.is_dir():
                    for child in directory.iterdir():
                        _remove(child)
                continue
            if base.startswith(".wh."):
                _remove(_safe_join(root, os.path.join(os.path.dirname(name), base[4:])))
                continue
            path = _safe_join(root, name)
            if entry.isdir():
                if path.exists() and not path.is_dir():
                    _remove(path)
                path.mkdir(parents=True, exist_ok=True)
                os.chmod(path, entry.mode)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() or path.is_symlink():
                _remove(path)
            if entry.issym():
                os.symlink(entry.linkname, path)
            elif entry.islnk():
                os.link(_safe_join(root, entry.linkname), path)
            elif entry.isfile():
                with open(path, "wb") as f:
                    shutil.copyfileobj(layer.extractfile(entry), f)
                os.chmod(path, entry.mode)
            else:
                raise ImageError(f"layer entry {name!r}: unsupported type {entry.type!r}")


def unpack(tarball, root):
    """Unpacks into root (created); returns (manifest, config)."""
    manifest, config, layers = read_image(tarball)
    Path(root).mkdir(parents=True, exist_ok=True)
    for layer in layers:
        apply_layer(root, layer)
    return manifest, config
