#!/usr/bin/env bash
# Installs what the HTML site and its browser test need and is missing; a second run does nothing slow.
#   1. Debian's chromium (headless browser for environment/tests/browser_test.py), and the JavaScript
#      libraries nbconvert's pages load (require.js, jQuery, MathJax 2), copied into the site so it works offline
#   2. reveal.js from the npm package reveal.js into .cache/reveal.js-<version>/ (git-ignored), for the slides
#   3. axe-core (the accessibility engine behind Lighthouse) and playwright-core (drives the Debian chromium) from
#      npm into .cache/a11y-node/ (git-ignored), for the accessibility check environment/tests/a11y_check.cjs
#   usage: environment/install-browser.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
reveal_version=4.0.2   # the version nbconvert 6's reveal template is written for
axe_version=4.14.1
playwright_version=1.65.2
log_dir="$root/build/logs"
mkdir -p "$log_dir"
say() { printf '\033[1m[kit]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[kit] error:\033[0m %s\n' "$*" >&2; exit 1; }

# 1. chromium and the JavaScript libraries
need=()
command -v chromium >/dev/null || need+=(chromium)
[ -f /usr/share/javascript/requirejs/require.min.js ] || need+=(libjs-requirejs)
[ -f /usr/share/javascript/jquery/jquery.min.js ] || need+=(libjs-jquery)
[ -f /usr/share/javascript/mathjax/MathJax.js ] || need+=(libjs-mathjax)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing from Debian packages: ${need[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } \
      >"$log_dir/apt-browser.log" 2>&1 || die "could not install ${need[*]} (see $log_dir/apt-browser.log)"
  else
    die "missing ${need[*]} and apt-get is not usable here: install Chromium (or Chrome) and run again"
  fi
fi

# 2. reveal.js from npm
dest="$root/.cache/reveal.js-$reveal_version"
if [ ! -f "$dest/dist/reveal.js" ] || [ ! -f "$dest/plugin/notes/notes.js" ]; then
  command -v npm >/dev/null || die "npm is needed to fetch reveal.js (apt-get install npm)"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  say "fetching reveal.js@$reveal_version from the npm registry"
  (cd "$tmp" && npm pack --silent "reveal.js@$reveal_version" >/dev/null 2>"$log_dir/npm-reveal.log") \
    || die "npm pack reveal.js@$reveal_version failed (log: $log_dir/npm-reveal.log)"
  tar -xzf "$tmp/reveal.js-$reveal_version.tgz" -C "$tmp"
  rm -rf "$dest.part" && mkdir -p "$dest.part"
  cp -r "$tmp/package/dist" "$tmp/package/plugin" "$tmp/package/LICENSE" "$dest.part/"
  rm -rf "$dest" && mv "$dest.part" "$dest"
fi
# 3. axe-core and playwright-core from npm
a11y="$root/.cache/a11y-node"
if [ "$(cat "$a11y/.versions" 2>/dev/null)" != "axe-core@$axe_version playwright-core@$playwright_version" ]; then
  command -v npm >/dev/null || die "npm is needed to fetch axe-core (apt-get install npm)"
  say "fetching axe-core@$axe_version and playwright-core@$playwright_version from the npm registry"
  rm -rf "$a11y" && mkdir -p "$a11y"
  (cd "$a11y" && echo '{"name":"kit-a11y","private":true}' >package.json \
    && npm install --silent --no-audit --no-fund "axe-core@$axe_version" "playwright-core@$playwright_version" \
       >"$log_dir/npm-a11y.log" 2>&1) || die "npm install axe-core playwright-core failed (log: $log_dir/npm-a11y.log)"
  echo "axe-core@$axe_version playwright-core@$playwright_version" >"$a11y/.versions"
fi
say "browser ready: $(chromium --version 2>/dev/null | head -1); reveal.js $reveal_version in ${dest#$root/}; axe-core $axe_version"
