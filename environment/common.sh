# Shared helpers of environment/*.sh (sourced, not run).
say() { printf '\033[1m[kit]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[kit] error:\033[0m %s\n' "$*" >&2; exit 1; }

java_ok() {  # java and javac of version 17 or newer
  command -v java >/dev/null && command -v javac >/dev/null || return 1
  local v; v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
  [ -n "$v" ] && [ "$v" -ge 17 ]
}

find_python() {  # a Python that has Jupyter's nbclient and nbconvert: $KIT_PYTHON, Debian's, then PATH's
  local p
  for p in ${KIT_PYTHON:-} /usr/bin/python3 python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import nbclient, nbconvert, jupyter_client' >/dev/null 2>&1; then
      command -v "$p"; return 0
    fi
  done
  return 1
}

find_jupyter() {  # the `jupyter` command that belongs to find_python's Python
  local py; py=$(find_python) || return 1
  local d; d=$(dirname "$py")
  if [ -x "$d/jupyter" ]; then echo "$d/jupyter"; else command -v jupyter; fi
}

lib_jar() { ls "$root"/lib/target/lecture7-lib-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true; }

source_stamp() {  # changes whenever a POM or a main source of the library changes
  (cd "$root" && find pom.xml lib/pom.xml lib/src/main environment/install.sh -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
}
