# Shared by the shell tests (sourced): `bash TEST.sh DRAMATIS SOURCE_DIR`.
# Sets bin, src, data and a scratch folder tmp (removed on exit) that also
# holds the unit cache, so no test writes into the user's; counts checks
# with pass and fail; `summary NAME` prints the counts and fails the test
# if any check failed.
bin=$1
src=$2
data=$src/tests/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/xdg
fails=0
passes=0

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# expect CODE PATTERN -- CMD...: exit code and a stderr pattern
expect() {
  local code=$1 pattern=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -ne "$code" ]; then fail "$*: exit $rc, wanted $code: $(cat "$tmp/err")"; return; fi
  if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$tmp/err"; then
    fail "$*: stderr lacks /$pattern/: $(cat "$tmp/err")"; return
  fi
  pass
}

summary() {
  echo "$1: $passes passed, $fails failed"
  [ "$fails" -eq 0 ]
}
