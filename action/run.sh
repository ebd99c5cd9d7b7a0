#!/usr/bin/env bash
# The groupdigest action's run step: runs `groupdigest` with the action's `args` and reports
# its exit code as the step output `code` instead of failing, so that a build where some
# groups failed still commits the others' archive and publishes the site (the workflow fails
# the run afterwards). groupdigest itself writes the outputs `site` (the config's output
# folder, once rendered), `data-dir` (the config's archive folder) and `failed-groups`.
#
# Configured only through environment variables:
#   GROUPDIGEST_ARGS  the arguments, on one line, split at white space, never globbed or
#                     evaluated (default: build); several lines or none are refused
#   GITHUB_OUTPUT     the step's output file
set -uo pipefail
set -f

refuse() {
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    echo "::error title=groupdigest args::$*" >&2
  else
    echo "error: groupdigest args: $*" >&2
  fi
  exit 2
}

: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set (the runner sets it; set it to a file to run this elsewhere)}"
args=${GROUPDIGEST_ARGS-build}
# `read` would take the first line and drop the rest without a word.
case "$args" in
  *$'\n'* | *$'\r'*)
    refuse "the action's \`args\` input has several lines; groupdigest's arguments go on one line, separated by spaces (a YAML block \`|\` keeps line breaks: use \`>-\` or one line)" ;;
esac
[ -n "${args//[[:space:]]/}" ] ||
  refuse "the action's \`args\` input is empty; give the command to run, e.g. \`args: build\` (the default when the input is left out)"
read -r -a argv <<<"$args"
echo "groupdigest ${argv[*]+${argv[*]}}"
code=0
groupdigest ${argv[@]+"${argv[@]}"} || code=$?
echo "code=$code" >>"$GITHUB_OUTPUT"
if [ "$code" != 0 ]; then
  echo "groupdigest exited $code: what it could do is kept and published; the run is marked failed at the end"
fi
exit 0
