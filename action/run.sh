#!/usr/bin/env bash
# The groupdigest action's run step: runs `groupdigest` with the action's `args` and reports
# its exit code as the step output `code` instead of failing, so that a build where some
# groups failed still commits the others' archive and publishes the site (the workflow fails
# the run afterwards). groupdigest itself writes the outputs `site` (the config's output
# folder, once rendered), `data-dir` (the config's archive folder) and `failed-groups`.
#
# Configured only through environment variables:
#   GROUPDIGEST_ARGS  the arguments, split at white space, never globbed or evaluated
#                     (default: build)
#   GITHUB_OUTPUT     the step's output file
set -uo pipefail
set -f

: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set (the runner sets it; set it to a file to run this elsewhere)}"
read -r -a argv <<<"${GROUPDIGEST_ARGS-build}"
echo "groupdigest ${argv[*]+${argv[*]}}"
code=0
groupdigest ${argv[@]+"${argv[@]}"} || code=$?
echo "code=$code" >>"$GITHUB_OUTPUT"
if [ "$code" != 0 ]; then
  echo "groupdigest exited $code: what it could do is kept and published; the run is marked failed at the end"
fi
exit 0
