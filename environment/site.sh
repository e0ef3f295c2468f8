#!/usr/bin/env bash
# Called by `environment/kit run` after the lecture notebooks ran: the student and instructor editions of the
# exercises and homework (executed and checked), the slide decks, and build/site/index.html in lecture order.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. environment/common.sh
py=$(find_python) || die "Jupyter's Python (nbclient, nbconvert) is missing; run environment/install.sh"
environment/install-browser.sh
"$py" environment/site.py "$@"
