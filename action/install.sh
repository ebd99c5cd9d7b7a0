#!/usr/bin/env bash
# The groupdigest action's install step: downloads the release archive for this runner's OS
# and architecture, verifies it against its `.sha256` (a mismatch or a missing checksum
# installs nothing) and, when `gh` is on PATH, its GitHub artifact attestation (`gh
# attestation verify`: built by this repository's release workflow, which a mirror serving
# both the archive and its checksum cannot forge), and puts the binary on PATH for the
# later steps. Where no release binary
# fits the platform it builds one with `cargo install --locked --git <repository> --tag v<version>`.
#
# Configured only through environment variables, so tests run it outside GitHub:
#   GROUPDIGEST_VERSION      the release, e.g. 0.2.0 (default: the action's own, from its Cargo.toml)
#   GROUPDIGEST_RELEASE_URL  base URL of the release assets
#                            (default: <Cargo.toml repository>/releases/download/v<version>);
#                            https only, unless
#   GROUPDIGEST_ALLOW_INSECURE_RELEASE_URL  is `true` (plain http: a test server, a mirror on
#                            the runner's own network)
#   GH_TOKEN                 for `gh attestation verify` (the action passes github.token)
#   RUNNER_OS, RUNNER_ARCH   the platform: Linux, macOS, Windows; X64, ARM64
#   RUNNER_TEMP              the binary goes to $RUNNER_TEMP/groupdigest/<version>/
#   GITHUB_PATH              that folder is appended to it (later steps find `groupdigest`)
#   GITHUB_OUTPUT            optional: gets `path=<the installed binary>`
set -euo pipefail

action=$(cd "$(dirname "$0")/.." && pwd)

fail() {
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    echo "::error title=groupdigest install::$*" >&2
  else
    echo "error: groupdigest install: $*" >&2
  fi
  exit 1
}

# A `key = "value"` line of the action's own Cargo.toml (the first one: [package]'s).
cargo_field() {
  sed -n "s/^$1 = \"\\(.*\\)\"\$/\\1/p" "$action/Cargo.toml" 2>/dev/null | head -n 1
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

version=${GROUPDIGEST_VERSION:-$(cargo_field version)}
version=${version#v}
[ -n "$version" ] || fail "no version to install: set the action's \`version\` input"
repository=$(cargo_field repository)
base=${GROUPDIGEST_RELEASE_URL:-$repository/releases/download/v$version}
base=${base%/}
allow_http=${GROUPDIGEST_ALLOW_INSECURE_RELEASE_URL:-false}
case "$base" in
  https://*) protocols='=https' ;;
  http://*)
    [ "$allow_http" = true ] ||
      fail "the release URL $base is plain http: anyone on the way could swap the archive and its checksum; use https, or set the input \`allow-insecure-release-url: true\` for a server you trust; nothing was installed"
    protocols='=https,http' ;;
  *) fail "the release URL $base is not an https:// URL; nothing was installed" ;;
esac
: "${RUNNER_TEMP:?RUNNER_TEMP is not set (the runner sets it; set it to a folder to run this elsewhere)}"
: "${GITHUB_PATH:?GITHUB_PATH is not set (the runner sets it; set it to a file to run this elsewhere)}"

# A binary of this very version already on PATH (built by an earlier step, or cached) is used.
if found=$(command -v groupdigest 2>/dev/null) &&
  [ "$("$found" --version 2>/dev/null)" = "groupdigest $version" ]; then
  echo "groupdigest $version is already on PATH ($found): using it"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "path=$found" >>"$GITHUB_OUTPUT"; fi
  exit 0
fi

exe=
ext=tar.xz
case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-gnu ;;
  Linux/ARM64) target=aarch64-unknown-linux-gnu ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc exe=.exe ext=zip ;;
  *) target= ;;
esac

dest="$RUNNER_TEMP/groupdigest/$version"
work=$(mktemp -d "$RUNNER_TEMP/groupdigest-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ -z "$target" ]; then
  # No release binary for this platform: build it from the release's tag.
  echo "no groupdigest release binary for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}: building $version with cargo (this takes minutes)"
  command -v cargo >/dev/null 2>&1 ||
    fail "no release binary fits ${RUNNER_OS:-?}/${RUNNER_ARCH:-?} and cargo is not installed to build one (install Rust first, e.g. with rustup)"
  [ -n "$repository" ] || fail "no \`repository\` in the action's Cargo.toml to build from"
  cargo install --locked --git "$repository" --tag "v$version" --root "$work/root" groupdigest ||
    fail "cargo install --git $repository --tag v$version failed"
  bin="$work/root/bin/groupdigest$exe"
else
  asset="groupdigest-$target.$ext"
  fetch() {
    curl --fail --silent --show-error --location --proto "$protocols" --retry 3 \
      --connect-timeout 20 --max-time 300 --output "$2" "$1"
  }
  fetch "$base/$asset" "$work/$asset" ||
    fail "cannot download $base/$asset (is $version a groupdigest release with a binary for $target?); nothing was installed"
  fetch "$base/$asset.sha256" "$work/$asset.sha256" ||
    fail "cannot download the checksum $base/$asset.sha256; an unverified binary is never installed, so nothing was"
  expected=$(tr -d '\r' <"$work/$asset.sha256" | awk '{ print tolower($1); exit }')
  [[ $expected =~ ^[0-9a-f]{64}$ ]] ||
    fail "$asset.sha256 holds no SHA-256 checksum; nothing was installed"
  actual=$(sha256_of "$work/$asset")
  [ "$actual" = "$expected" ] ||
    fail "the checksum of $asset does not match $asset.sha256 (expected $expected, got $actual): the download is damaged or was tampered with; nothing was installed"
  # The attestation says which workflow of which repository built the archive: a mirror
  # that swapped both the archive and its checksum is caught here.
  if command -v gh >/dev/null 2>&1; then
    slug=${repository#https://github.com/}
    gh attestation verify "$work/$asset" --repo "$slug" >"$work/attestation.log" 2>&1 ||
      fail "gh attestation verify found no valid attestation of $asset from github.com/$slug (is GH_TOKEN set?): $(tr '\n' ' ' <"$work/attestation.log")nothing was installed"
    echo "verified $asset: checksum, and its attestation from github.com/$slug"
  else
    echo "verified $asset by its checksum (gh is not on PATH, so its attestation is not checked)"
  fi
  mkdir "$work/unpacked"
  case "$ext" in
    tar.xz) tar -xJf "$work/$asset" -C "$work/unpacked" || fail "cannot unpack $asset" ;;
    zip) { unzip -q "$work/$asset" -d "$work/unpacked" 2>/dev/null || tar -xf "$work/$asset" -C "$work/unpacked"; } ||
      fail "cannot unpack $asset" ;;
  esac
  bin=$(find "$work/unpacked" -type f -name "groupdigest$exe" | head -n 1)
  [ -n "$bin" ] || fail "$asset holds no groupdigest$exe; nothing was installed"
  chmod +x "$bin"
fi

got=$("$bin" --version 2>&1) || fail "the downloaded groupdigest does not run on this machine: $got"
[ "$got" = "groupdigest $version" ] || fail "the release archive holds \`$got\`, not groupdigest $version; nothing was installed"

rm -rf "$dest"
mkdir -p "$dest"
mv "$bin" "$dest/"
echo "$dest" >>"$GITHUB_PATH"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "path=$dest/groupdigest$exe" >>"$GITHUB_OUTPUT"; fi
echo "installed groupdigest $version${target:+ ($target)} in $dest"
