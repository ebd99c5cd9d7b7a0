#!/usr/bin/env bash
# The groupdigest action's commit step: commits the archive folder (the config's `data_dir`)
# when it changed and pushes it. A run that made no archive folder, or left it unchanged,
# commits nothing. When someone pushed during the run, the commit is rebased onto theirs
# (with the same committer identity) and pushed again; a conflict stops with a message and
# pushes nothing, and the site this run built is still published by the later steps.
#
# Configured only through environment variables:
#   GROUPDIGEST_DATA_DIR  the archive folder, as groupdigest reported it (default: data)
#   GITHUB_REF_NAME       the branch to push to (default: the checked-out branch)
#   GITHUB_TOKEN          with GITHUB_REPOSITORY (and GITHUB_SERVER_URL): push over https with
#                         this token (the checkout keeps no credentials); without it: `origin`
#   GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL, GIT_COMMITTER_NAME, GIT_COMMITTER_EMAIL
#                         the identity (default: github-actions[bot], as GitHub's own actions)
set -euo pipefail

fail() {
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    echo "::error title=groupdigest archive commit::$*" >&2
  else
    echo "error: groupdigest archive commit: $*" >&2
  fi
  exit 1
}

dir=${GROUPDIGEST_DATA_DIR:-data}
if [ ! -d "$dir" ]; then
  echo "no archive folder \`$dir\` after this run: nothing to commit"
  exit 0
fi
if git check-ignore -q -- "$dir"; then
  echo "the archive folder \`$dir\` is git-ignored here: nothing to commit"
  exit 0
fi

bot="github-actions[bot]"
bot_email="41898282+github-actions[bot]@users.noreply.github.com"
export GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-$bot}" GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-$bot_email}"
export GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-$bot}" GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-$bot_email}"

git add --all -- "$dir"
if git diff --cached --quiet -- "$dir"; then
  echo "the archive \`$dir\` is unchanged: nothing to commit"
  exit 0
fi
git commit --quiet -m "data: archive update $(date -u +%Y-%m-%d)" -- "$dir"
echo "committed the archive: $(git diff --stat HEAD~1 HEAD -- "$dir" | tail -n 1)"

branch=${GITHUB_REF_NAME:-$(git symbolic-ref --short -q HEAD || true)}
[ -n "$branch" ] || fail "no branch to push to (detached HEAD and no GITHUB_REF_NAME)"
remote=origin
auth=()
if [ -n "${GITHUB_TOKEN:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
  server=${GITHUB_SERVER_URL:-https://github.com}
  remote="$server/$GITHUB_REPOSITORY.git"
  basic=$(printf 'x-access-token:%s' "$GITHUB_TOKEN" | base64 | tr -d '\n')
  if [ "${GITHUB_ACTIONS:-}" = true ]; then echo "::add-mask::$basic"; fi
  auth=(-c "http.$server/.extraheader=AUTHORIZATION: basic $basic")
fi

err=$(mktemp)
trap 'rm -f "$err"' EXIT
for attempt in 1 2 3; do
  if git ${auth[@]+"${auth[@]}"} push --quiet "$remote" "HEAD:refs/heads/$branch" 2>"$err"; then
    echo "pushed the archive to $branch"
    exit 0
  fi
  # Rejected: most likely someone pushed during the run. Rebase onto theirs and try again.
  echo "push $attempt to $branch refused ($(head -n 1 "$err")); rebasing onto the new commits"
  git ${auth[@]+"${auth[@]}"} fetch --quiet "$remote" "refs/heads/$branch" ||
    fail "cannot fetch $branch to rebase onto it: $(cat "$err")"
  if ! git rebase --quiet FETCH_HEAD >"$err" 2>&1; then
    conflicts=$(git diff --name-only --diff-filter=U | tr '\n' ' ')
    git rebase --abort || true
    fail "the archive commit conflicts with commits pushed to $branch during this run (${conflicts% }); nothing was pushed. The site this run built is still published; run the workflow again to archive on top of those commits"
  fi
done
fail "cannot push the archive to $branch: $(cat "$err")"
