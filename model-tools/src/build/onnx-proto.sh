#!/usr/bin/env bash
# Obtains onnx.proto (ONNX 1.12) for the build, like a model: from Debian's libonnx-dev package,
# fetched with apt-get download, unpacked with dpkg -x, verified against pinned sha256s. The file
# is never committed. Output: $1/onnx/onnx.proto, ready for protoc.
#
# The one edit: a java_package option is added after "package onnx;" so that the generated classes
# live in org.facecensus.modeltools.onnx.proto instead of a bare top-level package "onnx" that
# another jar might also generate. The message definitions are untouched.
#
# Cache: the verified .deb is kept in ${FACECENSUS_BUILD_CACHE:-$HOME/.cache/facecensus/build}, so
# later builds (and mvn clean) work without the network.
set -euo pipefail

OUT_DIR=${1:?usage: onnx-proto.sh OUTPUT_DIR}
PKG=libonnx-dev
VERSION=1.12.0-2+b4
# sha256 of /usr/include/onnx/onnx.proto in that package (architecture-independent).
PROTO_SHA256=a96f50c0fe1ff9180b6025843d4f7efcf53b024c83db55a36cd24a1e44345182
# sha256 of the amd64 .deb; other architectures are checked through the proto's sha256 only.
DEB_SHA256_AMD64=36d6c6a92f174987e0bb8e083ae35f4ca6bba642137ada19d62278890ab39764
JAVA_PACKAGE=org.facecensus.modeltools.onnx.proto

target="$OUT_DIR/onnx/onnx.proto"
stamp="$OUT_DIR/.source-sha256"
if [[ -f "$target" && -f "$stamp" && "$(cat "$stamp")" == "$PROTO_SHA256" ]]; then
  exit 0
fi

cache=${FACECENSUS_BUILD_CACHE:-$HOME/.cache/facecensus/build}
mkdir -p "$cache"
deb=$(ls "$cache"/${PKG}_"${VERSION//+/%2b}"_*.deb "$cache"/${PKG}_"${VERSION}"_*.deb 2>/dev/null | head -n 1 || true)
if [[ -z "$deb" ]]; then
  if ! command -v apt-get >/dev/null; then
    echo "onnx-proto.sh: apt-get is not available. onnx.proto comes from Debian's $PKG=$VERSION;" \
         "download that .deb by hand into $cache (or set FACECENSUS_BUILD_CACHE) and build again." >&2
    exit 1
  fi
  # A fresh machine may have empty package lists; as root, refresh them once and retry.
  (cd "$cache" && apt-get download "$PKG=$VERSION") 2>/dev/null \
    || { [[ "$(id -u)" == 0 ]] && apt-get update -qq && (cd "$cache" && apt-get download "$PKG=$VERSION"); } || {
    echo "onnx-proto.sh: 'apt-get download $PKG=$VERSION' failed. Run 'apt-get update' (the version must be" \
         "in the package lists), or put the .deb into $cache by hand, and build again." >&2
    exit 1
  }
  deb=$(ls "$cache"/${PKG}_*.deb | head -n 1)
fi
case "$deb" in
  *_amd64.deb)
    got=$(sha256sum "$deb" | cut -d' ' -f1)
    if [[ "$got" != "$DEB_SHA256_AMD64" ]]; then
      rm -f "$deb"
      echo "onnx-proto.sh: $deb has sha256 $got, expected $DEB_SHA256_AMD64; deleted it, build again to re-fetch." >&2
      exit 1
    fi ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg -x "$deb" "$work"
src="$work/usr/include/onnx/onnx.proto"
got=$(sha256sum "$src" | cut -d' ' -f1)
if [[ "$got" != "$PROTO_SHA256" ]]; then
  echo "onnx-proto.sh: onnx.proto from $deb has sha256 $got, expected $PROTO_SHA256." >&2
  exit 1
fi
mkdir -p "$OUT_DIR/onnx"
sed "s/^package onnx;\$/package onnx;\noption java_package = \"$JAVA_PACKAGE\";/" "$src" > "$target"
grep -q "^option java_package = \"$JAVA_PACKAGE\";" "$target"
echo "$PROTO_SHA256" > "$stamp"
echo "onnx-proto.sh: onnx.proto from $PKG=$VERSION (sha256 $PROTO_SHA256) -> $target"
