#!/usr/bin/env bash
# Called by `environment/kit run` after the lecture notebooks ran: the student and instructor editions of the
# exercises and homework (executed and checked), the slide decks, and build/site/index.html in lecture order.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. environment/common.sh
# the kit's own kernelspec first (as environment/kit does), so the editions run against this checkout's library
export JUPYTER_PATH="$root/build/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export KIT_DATA="${KIT_DATA:-$root/data}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
[ -f "$root/build/jupyter/kernels/java/kernel.json" ] || environment/install.sh
py=$(find_python) || die "Jupyter's Python (nbclient, nbconvert) is missing; run environment/install.sh"
environment/install-browser.sh
"$py" environment/site.py "$@"
