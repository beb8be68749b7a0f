# Sourced by the bench scripts: `measure LABEL COMMAND...` runs the command
# under /usr/bin/time (output to $DIR/last.out) and prints its wall seconds
# and peak RSS, the label formatted as $MEASURE_LABEL (printf; default
# two spaces and 34 columns).
measure() {
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$DIR/time.log" "$@" > "$DIR/last.out" 2>&1
    read -r wall kb < "$DIR/time.log"
    printf "${MEASURE_LABEL:-  %-34s} %7.2f s  %6.0f MB peak RSS\n" "$label" "$wall" "$((kb / 1024))"
}
