#!/usr/bin/env bash
# Called by `environment/kit test`: builds the site as site.sh does (editions executed in fast mode; fails if a
# check does not pass in the instructor edition or passes on a placeholder in the student edition), then loads
# the index, one notebook page and one slide deck in headless Chromium (environment/tests/browser_check.py); checks
# that no figure of an executed notebook is cut at its edges (environment/tests/figure_edges.py: no title, legend or
# label runs out of the image) and takes a screenshot of every slide of every lecture deck
# (environment/tests/deck_shots.py, into build/deck-shots/, failing on a slide that overflows or hides a figure); and
# checks accessibility (environment/tests/a11y_check.py): every figure of every executed notebook has a text
# alternative; axe-core with the WCAG 2.0/2.1 A and AA rules finds no critical or serious violation on any page of the
# site, any slide deck, and a feedback page and the overview of `kit grade` (one synthetic H1 submission graded).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. environment/common.sh
export JUPYTER_PATH="$root/build/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
environment/site.sh "$@"
py=$(find_python)
shopt -s nullglob   # the editions' executed notebooks (build/run/<edition>/notebooks/) may be absent
executed=(build/notebooks/[0-9][0-9]-*.ipynb build/run/*/notebooks/*.ipynb)
decks=(build/notebooks/[0-9][0-9]-*.ipynb)
shopt -u nullglob
[ ${#executed[@]} -gt 0 ] || die "no executed notebooks in build/notebooks/ to check the figures of"
say "figures: nothing cut at an image's edge (title, legend, tick labels; environment/tests/figure_edges.py)"
"$py" environment/tests/figure_edges.py "${executed[@]}" \
  || die "a figure is cut at its edge: a title, legend or label runs out of the image (notebook, cell and figure named above)"
say "browser check (headless chromium)"
"$py" environment/tests/browser_check.py || die "browser check failed"
say "slide decks: a screenshot of every slide of every lecture deck (build/deck-shots/)"
"$py" environment/tests/deck_shots.py "${decks[@]}" --out "$root/build/deck-shots" \
  || die "a slide overflows its 1280×720 frame or hides a figure (deck and slide named above; screenshots in build/deck-shots/)"
say "accessibility (figures' text alternatives; axe-core WCAG 2.1 A/AA on every page, deck and a feedback page)"
pages=()
if [ -f environment/grade.py ]; then   # a student release has no grader
  a11y_dir="$root/build/a11y"
  rm -rf "$a11y_dir" && mkdir -p "$a11y_dir"
  "$py" environment/tests/synthetic_class.py 1 "$a11y_dir/class" >/dev/null
  "$py" environment/grade.py H1 "$a11y_dir/class" --out "$a11y_dir/grades" --jobs 1 >"$a11y_dir/grade.log" 2>&1 \
    || die "grading one synthetic submission for the accessibility check failed (log: $a11y_dir/grade.log)"
  pages=(--page "$a11y_dir/grades/feedback/student001.html" --page "$a11y_dir/grades/index.html")
fi
"$py" environment/tests/a11y_check.py "${pages[@]}" --json "$root/build/a11y/results.json" || die "accessibility check failed"
