# Shared by the bench scripts (source it): paired whole-command timings.

# Milliseconds of one command, read from bash's own clock (no process started) in microseconds.
timed() {
  local start=${EPOCHREALTIME//[!0-9]/} elapsed
  "$@" >/dev/null 2>&1
  elapsed=$(( ${EPOCHREALTIME//[!0-9]/} - start ))
  printf '%d.%d\n' $(( elapsed / 1000 )) $(( elapsed % 1000 / 100 ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
