#!/usr/bin/env bash
# Called by `environment/kit test`: builds the site as site.sh does (editions executed in fast mode; fails if a
# check does not pass in the instructor edition or passes on a placeholder in the student edition), then loads
# the index, one notebook page and one slide deck in headless Chromium (environment/tests/browser_check.py).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. environment/common.sh
environment/site.sh "$@"
say "browser check (headless chromium)"
"$(find_python)" environment/tests/browser_check.py || die "browser check failed"
