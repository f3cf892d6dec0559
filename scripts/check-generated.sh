#!/usr/bin/env bash
# Regenerates the protons output into a scratch copy and fails if it differs from what is committed,
# so a .proto edited without regenerating (or generated code edited by hand) cannot land.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp protocols/*.proto "$scratch/"
npx protons "$scratch"/*.proto
status=0
for proto in protocols/*.proto; do
  ts="${proto%.proto}.ts"
  gen="$scratch/$(basename "$ts")"
  if [ ! -f "$ts" ]; then echo "missing generated file $ts (run npm run proto)"; status=1; continue; fi
  if ! diff -q "$gen" "$ts" >/dev/null; then echo "$ts does not match $proto (run npm run proto)"; diff -u "$ts" "$gen" | head -20; status=1; fi
done
[ $status -eq 0 ] && echo "generated code matches $(ls protocols/*.proto | wc -l) .proto files"
exit $status
