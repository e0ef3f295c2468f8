#!/usr/bin/env python3
"""Writes the `java` Jupyter kernelspec of the kit: rapaio-jupyter-kernel with the library on the classpath.

usage: kernelspec.py --root ROOT --kernel-jar JAR --classpath-file FILE [--install] [--spec-dir DIR]
       kernelspec.py --print-coretype

The kit's own runs find the spec in ROOT/build/jupyter (environment/kit puts it first on JUPYTER_PATH), so
two checkouts of the kit never use each other's library; --install also makes it the user's `java` kernel
for a Jupyter started elsewhere.

The spec's environment carries the same classpath in the form each Java kernel reads:
  RJK_CLASSPATH    rapaio-jupyter-kernel: entries separated by ';' (it splits on ';' on every OS)
  IJAVA_CLASSPATH  IJava: entries separated by os.pathsep, forward slashes
  JJAVA_CLASSPATH  JJava (IJava's successor): as IJava
so that a user of IJava/JJava can reuse the printed value (`environment/kit help` shows it).

Variables that belong to the user's machine (OPENBLAS_CORETYPE, OMP_NUM_THREADS, KIT_DATA) are not written into
the spec's env, which would replace what the user exports: the spec starts the JVM through
environment/kernel_launch.py, which sets the kit's value only for a variable that is unset when the kernel starts.

A second spec, `java-plain` (build/jupyter only, never installed for the user), starts the same kernel without
the vector module and without the kit's OpenBLAS/thread defaults: `kit test` runs the VAE notebook on it to prove
the library works on any JVM (README, "Any JVM").
Only the standard library is used, so the script runs before Jupyter is installed.
"""
import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernel_launch import KIT_MEMORY_FLAGS  # noqa: E402  (the launcher that replaces them in a container)

KERNEL_NAME = "java"
DISPLAY_NAME = "Java 17 + ND4J (Lecture 7 kit)"
PLAIN_KERNEL_NAME = "java-plain"
PLAIN_DISPLAY_NAME = "Java 17 + ND4J, no vector module, no kit defaults (kit test)"
LAUNCHER = Path(__file__).resolve().parent / "kernel_launch.py"


def read_classpath(classpath_file, library_jar=None):
    """Entries of a `mvn dependency:build-classpath` output file, the library's own jar first."""
    text = Path(classpath_file).read_text().strip()
    entries = [e for e in text.split(os.pathsep) if e.strip()]
    if library_jar:
        entries = [str(library_jar)] + [e for e in entries if e != str(library_jar)]
    missing = [e for e in entries if not Path(e).exists()]
    if missing:
        raise SystemExit(f"error: {len(missing)} classpath entries do not exist, e.g. {missing[0]}; "
                         "run `environment/kit run` (or `environment/install.sh`) to rebuild them")
    return entries


def classpath_env(entries):
    """The classpath in each kernel's own syntax."""
    posix = [Path(e).as_posix() for e in entries]
    return {
        "RJK_CLASSPATH": ";".join(posix),
        "IJAVA_CLASSPATH": os.pathsep.join(posix),
        "JJAVA_CLASSPATH": os.pathsep.join(posix),
    }


def logging_properties(root):
    """java.util.logging configuration of the rapaio kernel: everything to ROOT/build/logs/java-kernel-*.log,
    warnings also to the kernel's stderr (the terminal running Jupyter), nothing to a cell."""
    template = (Path(__file__).resolve().parent / "kernel-logging.properties").read_text()
    return template.replace("@LOG_DIR@", (Path(root) / "build" / "logs").as_posix())


def logging_properties_file(root):
    return Path(root) / "build" / "kernel" / "logging.properties"


def java_options(root, threads, vector_module=True):
    """JVM flags for the kernel process (rapaio runs cells in the kernel's own JVM)."""
    cache = Path(root) / ".cache" / "javacpp"
    # the library's SIMD loops (lecture7.compute.VectorMath); without the module the same code runs its scalar definition
    vector = ["--add-modules=jdk.incubator.vector"] if vector_module else []
    return [
        "-Djava.awt.headless=true",
        *vector,
        f"-Dorg.bytedeco.javacpp.cachedir={cache.as_posix()}",
        "-Dorg.bytedeco.javacpp.logger.debug=false",
        f"-Djava.util.logging.config.file={logging_properties_file(root).as_posix()}",
        f"-Dlecture7.log={(Path(root) / 'build' / 'logs' / 'lecture7.log').as_posix()}",  # lib's logback.xml
        "-Xss4m",
        # the kit's own limits; kernel_launch.py replaces them by ones that fit a container's memory limit
        *KIT_MEMORY_FLAGS,
        f"-Dlecture7.root={Path(root).as_posix()}",
    ]


def default_threads():
    """OpenMP/BLAS threads for ND4J: 1. Training uses every core through the library's own pool of threads
    (lecture7.compute.Parallel: one shard of a batch per thread, BLAS single-threaded inside), which the user's
    OMP_NUM_THREADS or KIT_THREADS sizes; BLAS threads on top of it would compete with it for the same cores."""
    return 1


# AVX-512 subsets OpenBLAS's SkylakeX kernels use.
AVX512_FLAGS = {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}


def openblas_coretype(cpuinfo=None, requested=None):
    """The OPENBLAS_CORETYPE for the kit's JVMs, or None to leave the environment as it is.

    ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, which does not know AMD Zen 4: it falls back to its
    `Barcelona` (SSE2) kernels there, and machines that set OPENBLAS_CORETYPE=Haswell get AVX2 ones. On a
    CPU with AVX-512 the SkylakeX kernels are what a newer OpenBLAS picks (Debian's 0.3.21 reports
    Cooperlake on the same CPU); measured on the 2-core bench machine (Zen 4), one 1000×4000·4000×4000 sgemm
    took 0.51 s with Haswell and 0.20 s with SkylakeX, and a VAE epoch went from 2.6 s to 1.7 s.
    `requested` (KIT_OPENBLAS_CORETYPE): a core name, or "keep" for OpenBLAS's own choice. Only used where
    OPENBLAS_CORETYPE is unset: a value the user exported is always kept (environment/kernel_launch.py, kit).
    """
    requested = os.environ.get("KIT_OPENBLAS_CORETYPE", "auto") if requested is None else requested
    if requested.lower() == "keep":
        return None
    if requested.lower() not in ("", "auto"):
        return requested
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:  # not Linux: OpenBLAS's own detection
            return None
    flags = set()
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[1].split())
            break
    return "SKYLAKEX" if AVX512_FLAGS <= flags else None


MAIN_CLASS = "org.rapaio.jupyter.kernel.MainApp"


def launch_defaults(root, threads, coretype):
    """VAR=VALUE arguments of kernel_launch.py: the kit's values for variables the user has not set."""
    defaults = [f"OMP_NUM_THREADS={threads}", f"KIT_DATA={(Path(root) / 'data').as_posix()}"]
    if coretype:
        defaults.append(f"OPENBLAS_CORETYPE={coretype}")
    return defaults


def kernel_json(root, kernel_jar, entries, java="java", threads=None, patch_dir=None, plain=False,
                python=sys.executable, coretype=None):
    """The kernel.json dictionary.

    With patch_dir (classes compiled from environment/kernel-patch), the kernel runs as
    `java -cp PATCH:JAR MainApp` so the patched classes replace the jar's own; else `java -jar JAR`.
    The `java` spec starts it through kernel_launch.py with the kit's defaults; the plain spec (plain=True)
    starts java directly, without the vector module and without those defaults.
    """
    threads = threads or default_threads()
    env = classpath_env(entries)
    env.update({
        "RJK_TIMEOUT_MILLIS": "-1",
        "RJK_COMPILER_OPTIONS": "",
        "RJK_INIT_SCRIPT": "",
        "RJK_MIMA_CACHE": (Path(root) / ".cache" / "mima").as_posix(),
    })
    if patch_dir:
        launch = ["-cp", os.pathsep.join([Path(patch_dir).as_posix(), Path(kernel_jar).as_posix()]), MAIN_CLASS]
    else:
        launch = ["-jar", Path(kernel_jar).as_posix()]
    argv = [java] + java_options(root, threads, vector_module=not plain) + launch + ["{connection_file}"]
    if plain:  # the data folder only; OpenBLAS and threads as inherited
        defaults = [f"KIT_DATA={(Path(root) / 'data').as_posix()}"]
    else:
        coretype = openblas_coretype() if coretype is None else coretype
        defaults = launch_defaults(root, threads, coretype)
    argv = [python, LAUNCHER.as_posix()] + defaults + ["--"] + argv
    return {
        "argv": argv,
        "display_name": PLAIN_DISPLAY_NAME if plain else DISPLAY_NAME,
        "language": "java",
        "interrupt_mode": "message",
        "env": env,
        "metadata": {"kit": "lecture7", "kernel": "io.github.padreati:rapaio-jupyter-kernel:3.0.1"},
    }


def jupyter_data_dir():
    """Where `jupyter kernelspec install --user` would put kernels."""
    try:
        from jupyter_core.paths import jupyter_data_dir as jdd  # present wherever Jupyter is
        return Path(jdd())
    except ImportError:
        base = os.environ.get("JUPYTER_DATA_DIR")
        if base:
            return Path(base)
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Jupyter"
        if os.name == "nt":
            return Path(os.environ.get("APPDATA", Path.home())) / "jupyter"
        return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "jupyter"


def write_spec(spec, directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    tmp = directory / "kernel.json.tmp"
    tmp.write_text(json.dumps(spec, indent=1) + "\n")
    tmp.replace(directory / "kernel.json")
    return directory / "kernel.json"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--print-coretype", action="store_true",
                   help="print the OPENBLAS_CORETYPE the kit uses on this machine (empty: leave it) and exit")
    p.add_argument("--root")
    p.add_argument("--kernel-jar")
    p.add_argument("--classpath-file")
    p.add_argument("--library-jar")
    p.add_argument("--patch-dir", help="compiled kernel fixes to put before the kernel jar (environment/kernel-patch)")
    p.add_argument("--spec-dir", help="write kernel.json here (default: ROOT/build/jupyter/kernels/java, "
                                      "found by Jupyter through JUPYTER_PATH=ROOT/build/jupyter, as environment/kit sets)")
    p.add_argument("--install", action="store_true", help="also install as the user's kernelspec `java`")
    p.add_argument("--java", default=os.environ.get("KIT_JAVA", "java"))
    a = p.parse_args(argv)
    if a.print_coretype:
        print(openblas_coretype() or "")
        return
    for opt in ("root", "kernel_jar", "classpath_file"):
        if not getattr(a, opt):
            p.error(f"--{opt.replace('_', '-')} is required")
    if not Path(a.kernel_jar).is_file():
        raise SystemExit(f"error: kernel jar {a.kernel_jar} is missing; run environment/install.sh")
    entries = read_classpath(a.classpath_file, a.library_jar)
    if a.patch_dir and not Path(a.patch_dir).is_dir():
        raise SystemExit(f"error: kernel patch classes {a.patch_dir} are missing; run environment/install.sh")
    log_config = logging_properties_file(a.root)
    log_config.parent.mkdir(parents=True, exist_ok=True)
    log_config.write_text(logging_properties(a.root))
    (Path(a.root) / "build" / "logs").mkdir(parents=True, exist_ok=True)
    spec = kernel_json(a.root, a.kernel_jar, entries, java=a.java, patch_dir=a.patch_dir)
    out = write_spec(spec, a.spec_dir or Path(a.root) / "build" / "jupyter" / "kernels" / KERNEL_NAME)
    if not a.spec_dir:
        plain = kernel_json(a.root, a.kernel_jar, entries, java=a.java, patch_dir=a.patch_dir, plain=True)
        write_spec(plain, Path(a.root) / "build" / "jupyter" / "kernels" / PLAIN_KERNEL_NAME)
    print(f"kernelspec written: {out}")
    if a.install:
        target = jupyter_data_dir() / "kernels" / KERNEL_NAME
        print(f"kernelspec installed: {write_spec(spec, target)}")


if __name__ == "__main__":
    main()
