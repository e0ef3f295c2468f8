"""Unit tests of the kernelspec generation (python3 -m unittest discover environment/tests)."""
import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import kernel_launch  # noqa: E402
import kernelspec  # noqa: E402


class KernelspecTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.jars = []
        for name in ["a.jar", "b dir/b.jar", "c.jar"]:
            f = self.dir / "repo" / name
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(b"PK")
            self.jars.append(str(f))
        self.lib = self.dir / "lib.jar"
        self.lib.write_bytes(b"PK")
        self.kjar = self.dir / "rjk.jar"
        self.kjar.write_bytes(b"PK")
        self.cpfile = self.dir / "cp.txt"
        self.cpfile.write_text(os.pathsep.join(self.jars) + "\n")

    def tearDown(self):
        self.tmp.cleanup()

    def test_library_jar_comes_first_and_is_not_duplicated(self):
        entries = kernelspec.read_classpath(self.cpfile, self.lib)
        self.assertEqual(entries, [str(self.lib)] + self.jars)
        entries = kernelspec.read_classpath(self.cpfile, self.jars[1])
        self.assertEqual(entries, [self.jars[1], self.jars[0], self.jars[2]])

    def test_each_kernel_gets_its_own_separator(self):
        env = kernelspec.classpath_env(self.jars)
        self.assertEqual(env["RJK_CLASSPATH"].split(";"), self.jars)  # rapaio splits on ';'
        self.assertEqual(env["IJAVA_CLASSPATH"].split(os.pathsep), self.jars)
        self.assertEqual(env["JJAVA_CLASSPATH"], env["IJAVA_CLASSPATH"])

    def test_missing_entry_is_a_clear_error(self):
        self.cpfile.write_text(self.jars[0] + os.pathsep + str(self.dir / "gone.jar"))
        with self.assertRaises(SystemExit) as e:
            kernelspec.read_classpath(self.cpfile)
        self.assertIn("gone.jar", str(e.exception))
        self.assertIn("environment/kit run", str(e.exception))

    def test_spec_runs_the_kernel_jar_headless_with_connection_file_last(self):
        spec = kernelspec.kernel_json("/proj", self.kjar, self.jars, threads=1)
        self.assertEqual(spec["language"], "java")
        self.assertIn("Java 17", spec["display_name"])
        self.assertIn("ND4J", spec["display_name"])
        argv = spec["argv"]
        self.assertEqual(argv[-1], "{connection_file}")
        self.assertEqual(argv[-3:-1], ["-jar", self.kjar.as_posix()])
        self.assertIn("-Djava.awt.headless=true", argv)
        self.assertIn("--add-modules=jdk.incubator.vector", argv)
        self.assertIn("-Dorg.bytedeco.javacpp.cachedir=/proj/.cache/javacpp", argv)

    def test_machine_settings_are_launcher_defaults_not_spec_env(self):
        # a kernelspec's env replaces what the user exported; the launcher only fills what is unset
        spec = kernelspec.kernel_json("/proj", self.kjar, self.jars, threads=1, coretype="SKYLAKEX")
        argv = spec["argv"]
        self.assertEqual(argv[1], kernelspec.LAUNCHER.as_posix())
        defaults = argv[2:argv.index("--")]
        self.assertEqual(defaults, ["OMP_NUM_THREADS=1", "KIT_DATA=/proj/data", "OPENBLAS_CORETYPE=SKYLAKEX"])
        for name in ("OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "KIT_DATA"):
            self.assertNotIn(name, spec["env"])
        self.assertEqual(argv[argv.index("--") + 1], "java")

    def test_launcher_keeps_what_the_user_exported(self):
        env = {"OPENBLAS_CORETYPE": "Haswell", "OMP_NUM_THREADS": ""}
        chosen = kernel_launch.apply_defaults(["OPENBLAS_CORETYPE=SKYLAKEX", "OMP_NUM_THREADS=1", "KIT_DATA=/d"], env)
        self.assertEqual(env, {"OPENBLAS_CORETYPE": "Haswell", "OMP_NUM_THREADS": "1", "KIT_DATA": "/d"})
        self.assertEqual(chosen, ["OMP_NUM_THREADS", "KIT_DATA"])
        with self.assertRaises(SystemExit):
            kernel_launch.apply_defaults(["NOVALUE"], {})

    def test_plain_spec_has_no_vector_module_and_no_kit_defaults(self):
        spec = kernelspec.kernel_json("/proj", self.kjar, self.jars, threads=1, plain=True, coretype="SKYLAKEX")
        argv = spec["argv"]
        self.assertEqual(argv[2:argv.index("--") + 2], ["KIT_DATA=/proj/data", "--", "java"])
        self.assertNotIn("--add-modules=jdk.incubator.vector", argv)
        self.assertFalse(any(a.startswith(("OMP_NUM_THREADS", "OPENBLAS")) for a in argv))
        self.assertNotIn("OPENBLAS_CORETYPE", spec["env"])
        self.assertNotIn("OMP_NUM_THREADS", spec["env"])

    def test_patched_kernel_runs_patch_classes_before_the_jar(self):
        spec = kernelspec.kernel_json("/proj", self.kjar, self.jars, threads=1, patch_dir="/proj/build/kernel/patch")
        argv = spec["argv"]
        cp = argv[argv.index("-cp") + 1].split(os.pathsep)
        self.assertEqual(cp, ["/proj/build/kernel/patch", self.kjar.as_posix()])
        self.assertEqual(argv[-2:], [kernelspec.MAIN_CLASS, "{connection_file}"])
        self.assertNotIn("-jar", argv)

    def test_main_writes_valid_json_atomically(self):
        out = self.dir / "spec"
        kernelspec.main(["--root", str(self.dir), "--kernel-jar", str(self.kjar), "--classpath-file",
                         str(self.cpfile), "--library-jar", str(self.lib), "--spec-dir", str(out)])
        spec = json.loads((out / "kernel.json").read_text())
        self.assertTrue(spec["env"]["RJK_CLASSPATH"].startswith(self.lib.as_posix() + ";"))
        logging = (self.dir / "build" / "kernel" / "logging.properties").read_text()
        self.assertIn(f"FileHandler.pattern={(self.dir / 'build' / 'logs').as_posix()}/java-kernel-", logging)
        self.assertIn(f"-Djava.util.logging.config.file={(self.dir / 'build' / 'kernel' / 'logging.properties').as_posix()}",
                      spec["argv"])
        self.assertFalse((out / "kernel.json.tmp").exists())

    def test_missing_kernel_jar_is_a_clear_error(self):
        with self.assertRaises(SystemExit) as e:
            kernelspec.main(["--root", str(self.dir), "--kernel-jar", str(self.dir / "none.jar"),
                             "--classpath-file", str(self.cpfile)])
        self.assertIn("install.sh", str(e.exception))

    def test_threads_default_suits_small_machines(self):
        t = kernelspec.default_threads()
        self.assertGreaterEqual(t, 1)
        if (os.cpu_count() or 1) <= 2:
            self.assertEqual(t, 1)

    def test_avx512_cpus_get_the_skylakex_kernels_and_others_keep_their_environment(self):
        zen4 = "processor : 0\nflags : fpu sse2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16\n"
        zen3 = "processor : 0\nflags : fpu sse2 avx avx2 fma\n"
        knl = "flags : avx2 avx512f avx512cd avx512er avx512pf\n"  # Xeon Phi: no BW/DQ/VL, no SkylakeX kernels
        self.assertEqual(kernelspec.openblas_coretype(zen4, "auto"), "SKYLAKEX")
        self.assertIsNone(kernelspec.openblas_coretype(zen3, "auto"))
        self.assertIsNone(kernelspec.openblas_coretype(knl, ""))
        self.assertIsNone(kernelspec.openblas_coretype(zen4, "keep"))
        self.assertEqual(kernelspec.openblas_coretype(zen3, "Zen"), "Zen")


class MemoryLimitTest(unittest.TestCase):
    """The kernel's heap and off-heap limits follow a container's memory limit (kernel_launch.py)."""

    def tree(self, files, cgroup):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        root = Path(tmp.name)
        for rel, text in files.items():
            (root / "fs" / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "fs" / rel).write_text(text + "\n")
        (root / "cgroup").write_text(cgroup)
        return {"fs": str(root / "fs"), "proc_cgroup": str(root / "cgroup")}

    def test_sizes_read_as_the_jvm_writes_them(self):
        self.assertEqual(kernel_launch.parse_size("1536m"), 1536 << 20)
        self.assertEqual(kernel_launch.parse_size("2G"), 2 << 30)
        self.assertEqual(kernel_launch.parse_size("1073741824"), 1 << 30)
        self.assertIsNone(kernel_launch.parse_size("max"))
        with self.assertRaises(SystemExit):
            kernel_launch.parse_size("lots")

    def test_cgroup_v2_limit_of_the_group_or_a_parent(self):
        where = self.tree({"cgroup.controllers": "memory", "kubepods/pod1/memory.max": "max",
                           "kubepods/memory.max": str(2 << 30)}, "0::/kubepods/pod1\n")
        self.assertEqual(kernel_launch.container_memory_limit(**where), 2 << 30)
        where = self.tree({"cgroup.controllers": "memory", "memory.max": "max"}, "0::/\n")
        self.assertIsNone(kernel_launch.container_memory_limit(**where))

    def test_cgroup_v1_limit_and_its_no_limit_value(self):
        where = self.tree({"memory/memory.limit_in_bytes": str(1536 << 20)}, "4:memory:/\n0::/\n")
        self.assertEqual(kernel_launch.container_memory_limit(**where), 1536 << 20)
        where = self.tree({"memory/memory.limit_in_bytes": "9223372036854771712"}, "4:memory:/x\n")
        self.assertIsNone(kernel_launch.container_memory_limit(**where))

    def test_kit_memory_wins_over_the_container(self):
        where = self.tree({"memory/memory.limit_in_bytes": str(8 << 30)}, "4:memory:/\n")
        self.assertEqual(kernel_launch.memory_limit({"KIT_MEMORY": "1g"}, **where), (1 << 30, "KIT_MEMORY"))
        self.assertEqual(kernel_launch.memory_limit({}, **where), (8 << 30, "container"))

    def test_flags_fit_the_limit_and_only_the_kits_own_are_replaced(self):
        spec = kernelspec.kernel_json("/proj", "/k.jar", [], threads=1)
        java = spec["argv"][spec["argv"].index("--") + 1:]
        for flag in kernel_launch.KIT_MEMORY_FLAGS:
            self.assertIn(flag, java)
        self.assertEqual(kernel_launch.fit_memory(java, None), java)
        fitted = kernel_launch.fit_memory(java, 1536 << 20)
        self.assertFalse(set(kernel_launch.KIT_MEMORY_FLAGS) & set(fitted))
        self.assertIn("-XX:MaxRAM=1536m", fitted)
        off = int(next(a for a in fitted if "javacpp.maxbytes=" in a).split("=")[1].rstrip("m"))
        phys = int(next(a for a in fitted if "maxphysicalbytes=" in a).split("=")[1].rstrip("m"))
        heap = 1536 * kernel_launch.HEAP_PERCENT // 100
        self.assertLess(phys, 1536)                      # JavaCPP throws before the container kills the kernel
        self.assertLessEqual(heap + off, phys)
        self.assertLess(fitted.index("-XX:MaxRAM=1536m"), fitted.index("-jar"))  # JVM options before the jar
        grader = ["java", "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=1g", "-jar", "k.jar"]
        self.assertEqual(kernel_launch.fit_memory(grader, 1536 << 20), grader)

    def test_the_launcher_names_the_defaults_it_chose(self):
        import subprocess
        env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "KIT_CHOSE_ENV", "KIT_MEMORY")}
        out = subprocess.run([sys.executable, kernel_launch.__file__, "OMP_NUM_THREADS=1", "--", "env"], env=env,
                             capture_output=True, text=True, timeout=30).stdout
        self.assertIn("OMP_NUM_THREADS=1", out.splitlines())
        self.assertIn("KIT_CHOSE_ENV=OMP_NUM_THREADS", out.splitlines())
        env["OMP_NUM_THREADS"] = "3"   # the user's value: kept, and not named as the kit's choice
        out = subprocess.run([sys.executable, kernel_launch.__file__, "OMP_NUM_THREADS=1", "--", "env"], env=env,
                             capture_output=True, text=True, timeout=30).stdout
        self.assertIn("OMP_NUM_THREADS=3", out.splitlines())
        self.assertFalse(any(l.startswith("KIT_CHOSE_ENV=") and "OMP" in l for l in out.splitlines()))

    def test_the_jvm_gets_a_quarter_of_the_limit_as_heap(self):
        import shutil
        import subprocess
        java = shutil.which("java")
        if not java:
            self.skipTest("no java")
        env = dict(os.environ, KIT_MEMORY="1g")
        out = subprocess.run([sys.executable, kernel_launch.__file__, "--", java, *kernel_launch.KIT_MEMORY_FLAGS,
                              "-XX:+PrintFlagsFinal", "-version"], env=env, capture_output=True, text=True, timeout=60)
        heap = next(int(l.split()[3]) for l in out.stdout.splitlines() if " MaxHeapSize " in l)
        self.assertAlmostEqual(heap / (1 << 20), 256, delta=8)


    def test_without_a_limit_the_heap_is_the_kits_512_mib(self):
        # the measured choice (kernel_launch.py's docstring, README "Memory"): every lecture notebook in full mode
        # peaks below 1.5 GiB resident with it; a 1 GiB heap let notebook 04 reach 2.0 GiB
        import shutil
        import subprocess
        java = shutil.which("java")
        if not java:
            self.skipTest("no java")
        self.assertEqual(kernel_launch.fit_memory(["java", *kernel_launch.KIT_MEMORY_FLAGS], None),
                         ["java", *kernel_launch.KIT_MEMORY_FLAGS])
        out = subprocess.run([java, *kernel_launch.KIT_MEMORY_FLAGS, "-XX:+PrintFlagsFinal", "-version"],
                             capture_output=True, text=True, timeout=60)
        heap = next(int(l.split()[3]) for l in out.stdout.splitlines() if " MaxHeapSize " in l)
        self.assertEqual(heap, 512 << 20)
        # no smaller than what a 2 GiB container gets, so no notebook needs more heap without a limit than in one
        fitted = kernel_launch.memory_flags(2 << 30)
        self.assertIn(f"-XX:MaxRAMPercentage={kernel_launch.HEAP_PERCENT}", fitted)
        self.assertGreaterEqual(heap, (2 << 30) * kernel_launch.HEAP_PERCENT // 100)


class GradingThreadsTest(unittest.TestCase):
    def test_each_grading_kernel_trains_on_one_core(self):
        try:
            from grading import runner
        except ImportError as e:  # nbclient missing: the grader cannot run here either
            self.skipTest(str(e))
        if not (runner.ROOT / "build" / "jupyter" / "kernels" / "java" / "kernel.json").is_file():
            self.skipTest("no kernelspec (environment/install.sh)")
        with tempfile.TemporaryDirectory() as out:
            spec = json.loads((runner.grading_kernelspec(out) / "kernels" / runner.GRADE_KERNEL / "kernel.json").read_text())
        self.assertEqual(spec["env"]["KIT_THREADS"], "1")
        sandbox_source = (Path(kernel_launch.__file__).parent / "grading" / "sandbox.py").read_text()
        self.assertIn('"KIT_THREADS": "1"', sandbox_source)


if __name__ == "__main__":
    unittest.main()
