#!/usr/bin/env python3
"""Starts the Java kernel with the kit's defaults for environment variables the user has not set.

usage: kernel_launch.py [VAR=VALUE ...] -- COMMAND [ARG ...]

Each VAR=VALUE is set only when VAR is unset (or empty) in the environment the kernel is started with, so an
OPENBLAS_CORETYPE, OMP_NUM_THREADS or KIT_DATA the user exported is kept (a kernelspec's "env" would replace it).
Then COMMAND replaces this process (on Windows it runs as a child and its exit code is returned).
"""
import os
import subprocess
import sys


def apply_defaults(defaults, environ):
    """Sets VAR=VALUE in environ for each unset VAR; returns the names it set."""
    chosen = []
    for item in defaults:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise SystemExit(f"kernel_launch.py: expected VAR=VALUE before '--', got {item!r}")
        if not environ.get(name):
            environ[name] = value
            chosen.append(name)
    return chosen


def main(argv):
    if "--" not in argv:
        raise SystemExit("usage: kernel_launch.py [VAR=VALUE ...] -- COMMAND [ARG ...]")
    cut = argv.index("--")
    defaults, command = argv[:cut], argv[cut + 1:]
    if not command:
        raise SystemExit("kernel_launch.py: no command after '--'")
    apply_defaults(defaults, os.environ)
    if os.name == "nt":
        sys.exit(subprocess.call(command))
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
