#!/usr/bin/env bash
# Installs what the kit needs and is missing; a second run does nothing slow.
#   1. Java 17+ and Maven            (Debian: openjdk-17-jdk-headless maven)
#   2. Jupyter with nbclient/nbconvert (Debian: jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client),
#      and Jupyter's kernel test suite            (Debian: python3-jupyter-kernel-test)
#   3. MNIST                          (data/fetch-mnist.sh, SHA-256 checked)
#   4. the library, built and installed to ~/.m2, and its runtime classpath
#   5. rapaio-jupyter-kernel 3.0.1 from Maven Central, and the kernelspec `java` (build/jupyter; with
#      KIT_USER_KERNEL=1 also the user's, so any Jupyter finds it)
# Elsewhere (no apt): install a JDK 17+, Maven and Jupyter yourself (see README), then run this script.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=environment/common.sh
. environment/common.sh

kernel_version=3.0.1
kdir="$root/build/kernel"
mkdir -p "$kdir"

apt_install() {  # apt_install WHAT PACKAGES...
  local what=$1; shift
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing $what from Debian packages: $*"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >"$kdir/apt.log" 2>&1 \
      || die "could not install $* (see $kdir/apt.log); install $what yourself (README: 'Elsewhere')"
  else
    die "$what is missing and apt-get is not usable here; install $what yourself (README: 'Elsewhere')"
  fi
}

# 1. Java and Maven
if ! java_ok; then apt_install "Java 17" openjdk-17-jdk-headless; java_ok || die "java 17+ is needed; found: $(java -version 2>&1 | head -1)"; fi
command -v mvn >/dev/null || apt_install Maven maven

# 2. Jupyter
if ! find_python >/dev/null; then
  apt_install Jupyter jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client
  find_python >/dev/null || die "Jupyter's Python modules (nbclient, nbconvert) are still missing after installing"
fi

# Jupyter's kernel test suite (environment/tests/kernel_protocol_test.py, run by `kit test`)
if ! "$(find_python)" -c 'import jupyter_kernel_test' >/dev/null 2>&1; then
  apt_install "Jupyter's kernel test suite" python3-jupyter-kernel-test
fi

# The grading sandbox (environment/kit grade runs every submission inside bubblewrap; Linux only)
if [ "$(uname -s)" = Linux ] && ! command -v bwrap >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt_install "bubblewrap (the grading sandbox)" bubblewrap
  else
    say "note: bubblewrap (bwrap) is missing: environment/kit grade needs it (Debian/Ubuntu: apt-get install bubblewrap)"
  fi
fi

# 3. MNIST
data/fetch-mnist.sh

# 4. Library and classpath (rebuilt only when a POM or a library source changed)
stamp=$(source_stamp)
if [ ! -f "$kdir/classpath.txt" ] || [ "$(cat "$kdir/lib.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$(lib_jar)" ]; then
  say "building the library (mvn install -DskipTests)"
  mvn -q -B install -DskipTests >"$kdir/mvn-install.log" 2>&1 || { tail -40 "$kdir/mvn-install.log" >&2; die "the library does not build (log: $kdir/mvn-install.log)"; }
  (cd lib && mvn -q -B dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$kdir/classpath.txt") \
    >"$kdir/mvn-cp.log" 2>&1 || die "could not resolve the library's classpath (log: $kdir/mvn-cp.log)"
  echo "$stamp" >"$kdir/lib.stamp"
fi

# 5. Kernel jar and kernelspec
kjar="$kdir/rapaio-jupyter-kernel-$kernel_version.jar"
if [ ! -f "$kjar" ]; then
  say "downloading io.github.padreati:rapaio-jupyter-kernel:$kernel_version from Maven Central"
  mvn -q -B dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$kernel_version" \
      -DoutputDirectory="$kdir" >"$kdir/mvn-kernel.log" 2>&1 || die "could not download the kernel (log: $kdir/mvn-kernel.log)"
fi
# The kit's fixes to the kernel (environment/kernel-patch; see README, "Kernel fixes"), compiled against its jar
patch="$kdir/patch"
patch_sources=$(find environment/kernel-patch -name '*.java' | sort)
patch_stamp=$( { echo "$kernel_version"; cat $patch_sources; } | sha256sum | cut -c1-16)
if [ "$(cat "$patch/.stamp" 2>/dev/null)" != "$patch_stamp" ]; then
  rm -rf "$patch"
  # shellcheck disable=SC2086
  javac --release 17 -nowarn -Xlint:-removal -cp "$kjar" -d "$patch" $patch_sources >"$kdir/javac-patch.log" 2>&1 \
    || { cat "$kdir/javac-patch.log" >&2; die "could not compile the kernel fixes in environment/kernel-patch"; }
  echo "$patch_stamp" >"$patch/.stamp"
fi
py=$(find_python)
# The kit's runs use build/jupyter (first on JUPYTER_PATH); `kit run`/`kit lab` also install it for the user.
"$py" environment/kernelspec.py --root "$root" --kernel-jar "$kjar" --classpath-file "$kdir/classpath.txt" \
  --library-jar "$(lib_jar)" --patch-dir "$patch" ${KIT_USER_KERNEL:+--install} >"$kdir/kernelspec.log" || die "could not write the kernelspec"
say "ready: kernel 'java' ($(tail -1 "$kdir/kernelspec.log" | sed 's/.*: //'))"
