# Sourced by the .ci scripts that run an fc3-local binary.
#
# start_fc3_local BINARY LOG [ARG...] starts that fc3-local (with these extra arguments) on a
# free loopback port in the background, adds its pid to the array `pids` (for the caller's EXIT
# trap to stop it) and sets `endpoint` to its http://HOST:PORT once it listens. Call it directly, not in a command substitution: the
# emulator must be the calling shell's child, for the trap to stop it.
start_fc3_local() {
  local binary="$1" log="$2"
  shift 2
  # Emptied here, not by the child's redirection: the loop below could otherwise read the
  # address of an earlier run's emulator before the new one truncates the file.
  : >"$log"
  "$binary" --listen 127.0.0.1:0 "$@" >>"$log" 2>&1 &
  pids+=($!)
  endpoint=""
  for _ in $(seq 100); do
    endpoint=$(sed -n 's|^fc3-local listening on ||p' "$log")
    [ -n "$endpoint" ] && return
    sleep 0.1
  done
  echo "$binary did not start; its log:" >&2
  cat "$log" >&2
  exit 1
}
