#!/bin/sh
# Regenerates the vendored Snowball stemmers (Rust and JavaScript, from one Snowball
# release, so that a word stems alike in the index and in search.js).
#
#   tools/snowball.sh <a checkout of https://github.com/snowballstem/snowball at a tag>
set -eu
src=$1
dst=$(dirname "$0")/../src/render/search/snowball
make -C "$src" snowball
for l in english spanish portuguese french german italian russian arabic hindi; do
  "$src/snowball" "$src/algorithms/$l.sbl" -rust -o "$dst/$l"
  sed -i 's/^use snowball::/use super::/' "$dst/$l.rs"
  "$src/snowball" "$src/algorithms/$l.sbl" -js -o "$dst/js/$l-stemmer"
done
cp "$src/javascript/base-stemmer.js" "$dst/js/"
cp "$src/COPYING" "$dst/COPYING"
for f in among snowball_env; do
  sed 's/^use snowball::/use super::/' "$src/rust/src/snowball/$f.rs" > "$dst/$f.rs"
done
echo "now put back the //! line at the top of among.rs and snowball_env.rs"
