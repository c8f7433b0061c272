#!/bin/sh
# Are two orgc binaries' outputs byte-identical?  For every policy set given,
# `orgc build` with each binary, then every file compared byte for byte
# (routes.json, the CSV files, the workbook, the lookup page) and the SQLite
# databases compared by `sqlite3 FILE .dump`; `orgc check` in the json and plain
# formats too. Needs `sqlite3`.
#
# usage: [EXCEPT='routes.xlsx manifest.json'] [SQLITE_BYTES=no] benches/same_outputs.sh OLD_ORGC NEW_ORGC SET_DIR...
# Prints one line per set; exits 1 at the first difference. EXCEPT names the
# files a change is meant to alter (they must still exist in both).
# SQLITE_BYTES=no compares the databases by their dump only, for a change to
# how SQLite lays out the file (its page size) rather than to what it holds.
set -eu
old=$1 new=$2
except=" ${EXCEPT:-} "
sqlite_bytes=${SQLITE_BYTES:-yes}
shift 2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for set in "$@"; do
    rm -rf "$scratch/a" "$scratch/b"
    mkdir -p "$scratch/a" "$scratch/b"
    "$old" build "$set" -o "$scratch/a" >/dev/null 2>&1 || true
    "$new" build "$set" -o "$scratch/b" >/dev/null 2>&1 || true
    n=0
    for f in $(find "$scratch/a" -type f | sort); do
        name=$(basename "$f")
        case "$except" in *" $name "*) [ -f "$scratch/b/$name" ] || { echo "MISSING: $set $name"; exit 1; }; continue ;; esac
        if [ "$name" = routes.sqlite ]; then
            sqlite3 "$f" .dump >"$scratch/a.dump"
            sqlite3 "$scratch/b/$name" .dump >"$scratch/b.dump"
            cmp "$scratch/a.dump" "$scratch/b.dump" || { echo "DIFFERENT: $set $name (dump)"; exit 1; }
            if [ "$sqlite_bytes" = no ]; then n=$((n + 1)); continue; fi
        fi
        cmp "$f" "$scratch/b/$name" || { echo "DIFFERENT: $set $name"; exit 1; }
        n=$((n + 1))
    done
    [ "$(ls "$scratch/a" | wc -l)" = "$(ls "$scratch/b" | wc -l)" ] || { echo "DIFFERENT: $set file lists"; exit 1; }
    for format in json plain; do
        "$old" check --format $format "$set" >"$scratch/a.check" 2>&1 || true
        "$new" check --format $format "$set" >"$scratch/b.check" 2>&1 || true
        cmp "$scratch/a.check" "$scratch/b.check" || { echo "DIFFERENT: $set check --format $format"; exit 1; }
    done
    echo "same: $set ($n files, SQLite dump$([ "$sqlite_bytes" = no ] && echo ' (not its bytes)'), check --format json and plain${EXCEPT:+; not compared: $EXCEPT})"
done
