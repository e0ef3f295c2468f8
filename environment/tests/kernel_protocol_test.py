"""The `java` kernel against Jupyter's own kernel test suite, plus Interrupt (run by `environment/kit test`).

    JUPYTER_PATH=build/jupyter python3 -m unittest -v environment/tests/kernel_protocol_test.py

jupyter_kernel_test (Debian: python3-jupyter-kernel-test) checks the messaging protocol: kernel_info_reply,
stdout/stderr streams, execute_result with text/plain, display_data with image/png, errors, completion,
is_complete. The interrupt tests send interrupt_request the way Jupyter's Kernel → Interrupt does (the spec's
interrupt_mode is "message") to a sleeping cell, a busy loop that never blocks, and a VAE training cell, and check
that each ends with an "interrupted" error, that earlier variables are kept and that the next cell runs. The file
is not named test_*.py: `unittest discover` (the plain Python unit tests) does not start a kernel.
"""
import os
import re
import sys
import time
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel
from jupyter_client.utils import run_sync
from jupyter_kernel_test.msgspec_v5 import validate_message

KERNEL = os.environ.get("KIT_KERNEL", "java")
jupyter_kernel_test.TIMEOUT = 60  # the first cell of a JVM kernel compiles JShell's snippet wrapper
IOPUB_WAIT = 10


class JavaKernelProtocolTest(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("a warning");'
    code_generate_error = 'throw new IllegalStateException("this cell fails on purpose");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"ab" + "cd"', "result": "abcd"},
        {"code": "java.util.List.of(1, 2, 3)", "mime": "text/plain"},
    ]
    code_display_data = [
        {"code": "{ display(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB)); }",
         "mime": "image/png"},
    ]
    completion_samples = [{"text": "Math.sq", "matches": {"sqrt("}}]
    complete_code_samples = ["int a = 1;", "System.out.println(1);", "class K { }"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int f(int x) {"]

    @classmethod
    def setUpClass(cls):  # as the suite's, with the kit's start-up limit (a busy CI machine starts a JVM slowly)
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name,
                                          startup_timeout=float(os.environ.get("KIT_START_TIMEOUT", 90)))

    def execute_helper(self, code, timeout=60, silent=False, store_history=True, stop_on_error=True):
        """The suite's execute_helper, with the same checks, waiting up to IOPUB_WAIT s (the suite: 0.1 s) for each
        message between the execute_reply and the idle status: on a loaded 2-core machine 0.1 s is too short, and one
        late message then fails every later test with a wrong parent."""
        msg_id = self.kc.execute(code=code, silent=silent, store_history=store_history, stop_on_error=stop_on_error)
        reply = self.get_non_kernel_info_reply(timeout=timeout)
        validate_message(reply, "execute_reply", msg_id)
        busy_msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=IOPUB_WAIT)
        validate_message(busy_msg, "status", msg_id)
        self.assertEqual(busy_msg["content"]["execution_state"], "busy")
        output_msgs = []
        while True:
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=IOPUB_WAIT)
            validate_message(msg, msg["msg_type"], msg_id)
            if msg["msg_type"] == "status":
                self.assertEqual(msg["content"]["execution_state"], "idle")
                break
            elif msg["msg_type"] == "execute_input":
                self.assertEqual(msg["content"]["code"], code)
                continue
            output_msgs.append(msg)
        return reply, output_msgs

    # ---- the machine's settings (issue: the kit replaced an exported OPENBLAS_CORETYPE) ----

    def test_kernel_keeps_an_exported_openblas_coretype(self):
        exported = os.environ.get("OPENBLAS_CORETYPE")
        if not exported:
            raise unittest.SkipTest("OPENBLAS_CORETYPE is not exported here")
        self.assertEqual(self.execute_value('System.getenv("OPENBLAS_CORETYPE")'), exported)

    # ---- compile errors: the kit's note under the kernel's report (environment/kernel-patch, CompileErrorNote) ----

    def error_reply(self, code):
        """(the traceback of a cell that must fail, ANSI codes removed; its execution count, "In [n]")."""
        self.flush_channels()
        reply, outputs = self.execute_helper(code=code)
        self.assertEqual(reply["content"]["status"], "error", outputs)
        errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1, outputs)
        return re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(errors[0]["traceback"])), reply["content"]["execution_count"]

    def error_text(self, code):
        return self.error_reply(code)[0]

    def test_compile_error_says_the_cell_did_not_run_and_what_is_missing(self):
        self.execute_ok('double kitAnswer(double x) { throw new IllegalStateException("placeholder"); }')
        text, n = self.error_reply("double kitAnswer(double x) { return x * ; }")
        self.assertIn(f"In [{n}] did not run: it does not compile.", text)
        self.assertIn("earlier definition, if it had one (in an exercise: the placeholder)", text)
        # the earlier definition is indeed still in force
        self.assertIn("placeholder", self.error_text("kitAnswer(1.0)"))
        text = self.error_text("double kitY = kitUndefined(1.0) + kitAlsoUndefined;")
        self.assertIn("'kitUndefined' (a method) is not defined: run the cell that defines it first", text)
        self.assertIn("'kitAlsoUndefined' (a variable) is not defined", text)

    def test_compile_error_after_code_that_ran_says_where_the_cell_stopped(self):
        text, n = self.error_reply("int kitRan = 1;\ndouble kitStopped = kitRan * ;")
        self.assertIn(f"In [{n}] stopped at this compile error: its code from the error on did not run.", text)
        self.assertEqual(self.execute_value("kitRan"), "1")

    def test_a_later_cell_names_the_answer_cell_that_did_not_compile(self):
        _, n = self.error_reply("double kitNeverDefined(double x) { return x * ; }\ndouble kitAlsoNever = 2;")
        text = self.error_text("kitNeverDefined(1.0) + kitAlsoNever")
        self.assertIn(f"'kitNeverDefined' (a method) is not defined: In [{n}], which defines it, stopped at a compile"
                      " error; fix that cell and run it, then this one.", text)
        self.assertIn(f"'kitAlsoNever' (a variable) is not defined: In [{n}], which defines it", text)

    def test_a_method_with_unresolved_references_names_what_it_misses_and_its_cell(self):
        self.flush_channels()
        reply, outputs = self.execute_helper(code="double kitUses(double x) { return x * kitFactor + kitHelper(x); }")
        self.assertEqual(reply["content"]["status"], "ok", outputs)  # JShell accepts it ("recoverable")
        defined = reply["content"]["execution_count"]
        stderr = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
        self.assertIn("Note: kitUses(double) is defined, but cannot be called until variable kitFactor and method"
                      " kitHelper(double) are defined.", stderr)
        text = self.error_text("kitUses(2.0)")
        self.assertIn(f"kitUses(double), defined in In [{defined}], cannot run: it uses variable kitFactor and method"
                      " kitHelper(double), which are not defined.", text)
        # the helper's cell stops at a compile error: the call names that cell
        _, failed = self.error_reply("double kitHelper(double x) { return x + ; }")
        self.execute_ok("double kitFactor = 3;")
        text = self.error_text("kitUses(2.0)")
        self.assertIn("it uses method kitHelper(double), which is not defined.", text)
        self.assertIn(f"In [{failed}], which defines kitHelper, stopped at a compile error: fix that cell", text)
        self.execute_ok("double kitHelper(double x) { return x + 1; }")
        self.assertEqual(self.execute_value("kitUses(2.0)"), "9.0")

    # ---- Interrupt (not part of jupyter_kernel_test) ----

    def run_and_interrupt(self, code, marker, settle=1.0, timeout=300):
        """Executes code, waits until it printed `marker` (it is running), `settle` s more, then sends
        interrupt_request; returns (reply, error outputs, seconds from the interrupt to the execute_reply)."""
        self.flush_channels()
        msg_id = self.kc.execute(code=code, stop_on_error=True)
        deadline = time.time() + timeout
        while True:
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=max(1.0, deadline - time.time()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            self.assertNotEqual(msg["msg_type"], "error", msg["content"])
            if msg["msg_type"] == "stream" and marker in msg["content"]["text"]:
                break
        time.sleep(settle)
        t0 = time.perf_counter()
        self.km.interrupt_kernel()
        reply = self.get_non_kernel_info_reply(timeout=60)
        latency = time.perf_counter() - t0
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        errors = []
        while True:
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=IOPUB_WAIT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "error":
                errors.append(msg["content"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        return reply, errors, latency

    def execute_ok(self, code, timeout=60):
        self.flush_channels()
        reply, outputs = self.execute_helper(code=code, timeout=timeout)
        self.assertEqual(reply["content"]["status"], "ok", outputs)

    def execute_value(self, code):
        """text/plain of the execute_result of code (which must succeed)."""
        self.flush_channels()
        reply, outputs = self.execute_helper(code=code)
        self.assertEqual(reply["content"]["status"], "ok", outputs)
        results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1, outputs)
        return results[0]

    def assert_interrupted(self, reply, errors, latency, what):
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("interrupted", reply["content"]["evalue"])
        self.assertEqual(len(errors), 1)
        self.assertIn("interrupted", errors[0]["evalue"])
        # a functional bound (the upstream kernel never answered); the measured latency is printed
        self.assertLess(latency, 10.0)
        print(f"\n  interrupt of a {what}: execute_reply {latency:.2f} s after interrupt_request", file=sys.stderr)

    def test_interrupt_sleeping_cell_keeps_the_kernel_and_its_variables(self):
        self.execute_ok("int before = 41;")
        reply, errors, latency = self.run_and_interrupt('{ System.out.println("sleeping"); Thread.sleep(600_000); }',
                                                        "sleeping")
        self.assert_interrupted(reply, errors, latency, "sleeping cell")
        self.assertEqual(self.execute_value("before + 1"), "42")

    def test_interrupt_busy_loop(self):
        self.execute_ok("var spins = new java.util.concurrent.atomic.AtomicLong();")
        reply, errors, latency = self.run_and_interrupt(
            '{ System.out.println("spinning"); while (spins.incrementAndGet() > 0) { } }', "spinning")
        self.assert_interrupted(reply, errors, latency, "busy loop (no blocking call)")
        self.assertEqual(self.execute_value("spins.get() > 0"), "true")
        self.assertEqual(self.execute_value("6 * 7"), "42")

    def test_interrupt_skips_the_rest_of_the_cell_and_aborts_queued_cells(self):
        self.execute_ok("int later = 0;")
        self.flush_channels()
        first = self.kc.execute(code='System.out.println("sleeping");\nThread.sleep(600_000);\nlater = 1;',
                                stop_on_error=True)
        queued = self.kc.execute(code="later = 2;", stop_on_error=True)
        while True:  # until the first cell runs
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=300)
            if msg["parent_header"].get("msg_id") == first and msg["msg_type"] == "stream":
                break
        time.sleep(1)
        self.km.interrupt_kernel()
        replies = {}
        while len(replies) < 2:
            msg = self.kc.get_shell_msg(timeout=30)
            replies[msg["parent_header"]["msg_id"]] = msg["content"]["status"]
        self.assertEqual(replies, {first: "error", queued: "aborted"})
        while True:  # the first cell's last output: its idle status
            msg = run_sync(self.kc.iopub_channel.get_msg)(timeout=IOPUB_WAIT)
            if msg["parent_header"].get("msg_id") == first and msg["content"].get("execution_state") == "idle":
                break
        self.assertEqual(self.execute_value("later"), "0")

    def test_interrupt_training_keeps_the_weights_of_the_last_step(self):
        setup = """
            import lecture7.vae.Objective;
            import lecture7.vae.TrainConfig;
            import lecture7.vae.Trainer;
            import lecture7.vae.Vae;
            import lecture7.vae.VaeConfig;
            import org.nd4j.linalg.api.buffer.DataType;
            import org.nd4j.linalg.factory.Nd4j;
            Vae vae = new Vae(VaeConfig.mnist(2, 42));
            var x = Nd4j.rand(DataType.FLOAT, 2048, 784);
            Trainer trainer = new Trainer(vae, Objective.ANALYTIC_KL, TrainConfig.of(100_000, 7));
        """
        self.execute_ok(setup, timeout=120)
        reply, errors, latency = self.run_and_interrupt("""
            var history = trainer.listener(new lecture7.vae.TrainingListener() {
                public void onBatch(int epoch, int batch, int batches, long step, lecture7.vae.Loss loss) {
                    if (step == 2) System.out.println("training: 3 steps done");
                }
            }).fit(x);""", "3 steps done")
        self.assert_interrupted(reply, errors, latency, "VAE training cell")
        self.assertEqual(self.execute_value("trainer.steps() > 0"), "true")
        loss = float(self.execute_value("vae.evaluate(x, Objective.ANALYTIC_KL, 1).total()"))
        self.assertTrue(loss == loss and abs(loss) < 1e6, loss)  # finite: the weights are whole steps


if __name__ == "__main__":
    unittest.main()
