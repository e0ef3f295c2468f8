"""The notebook executor INSIDE the grading sandbox (environment/grading/sandbox.py starts it under bubblewrap).

It sees only what the sandbox mounts: the JDK, the library and kernel jars under /kit, this file and runner.py,
a private /tmp. It reads one request per line on stdin and answers one line on stdout, JSON both:
  {"id": N, "op": "start", "spec": kernelspec, "preamble": code, "start_timeout": s}
  {"id": N, "op": "run", "code": code, "timeout": s}
  {"id": N, "op": "stop"}                                  -> also the tail of the kernel's log
The grader sends the hidden tests' cells only after the notebook's own cells have run, so nothing the student's
code printed before holds a hidden input. The kernel talks ZMQ over the sandbox's own loopback; the sandbox has
no other network. Nothing here is trusted by the grader: a reply is only numbers the grader compares with
references it computed itself, outside.
"""
import asyncio
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runner import GRADE_KERNEL, Kernel  # noqa: E402

MAX_TEXT = 256_000         # characters of output kept per cell (a submission may print gigabytes)
LOG = Path("/tmp/kernel.log")
WORK = Path("/tmp/work")


def trim(outputs):
    out, left = [], MAX_TEXT
    for o in outputs:
        o = dict(o)
        if o.get("output_type") == "stream":
            o["text"] = o.get("text", "")[:max(0, left)]
            left -= len(o["text"])
        elif o.get("output_type") in ("execute_result", "display_data"):
            data = o.get("data", {})
            o = {"output_type": o["output_type"], "data": {k: str(v)[:max(0, left)] for k, v in data.items()
                                                           if k in ("text/plain", "text/html")}}
            left -= sum(len(v) for v in o["data"].values())
        elif o.get("output_type") == "error":
            o = {"output_type": "error", "ename": str(o.get("ename", ""))[:200], "evalue": str(o.get("evalue", ""))[:2000],
                 "traceback": [str(t)[:2000] for t in o.get("traceback", [])[:20]]}
        out.append(o)
    return out


def reply(rid, **kw):
    sys.stdout.write(json.dumps({"id": rid, **kw}) + "\n")
    sys.stdout.flush()


def cell(run):
    return {"status": run.status, "outputs": trim(run.outputs), "ename": run.ename[:200], "evalue": run.evalue[:2000],
            "seconds": run.seconds}


async def main():
    WORK.mkdir(parents=True, exist_ok=True)
    kernel = None
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=64 << 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while True:
        line = await reader.readline()
        if not line:
            break
        req = json.loads(line)
        rid, op = req["id"], req["op"]
        if op == "start":
            d = Path(os.environ["JUPYTER_PATH"]) / "kernels" / GRADE_KERNEL
            d.mkdir(parents=True, exist_ok=True)
            (d / "kernel.json").write_text(json.dumps(req["spec"]))
            kernel = Kernel(WORK, LOG, req["start_timeout"], retries=1)
            kernel.preamble = req["preamble"]
            try:
                await kernel.start()
                reply(rid, **cell(kernel.baseline))
            except RuntimeError as e:
                reply(rid, status="failed", error=str(e)[:500])
        elif op == "run":
            run = await kernel._execute(req["code"], req["timeout"], record=False)
            reply(rid, **cell(run))
        elif op == "stop":
            if kernel is not None:
                await kernel.stop()
            tail = LOG.read_bytes()[-20000:].decode("utf-8", "replace") if LOG.is_file() else ""
            reply(rid, status="stopped", log=tail)
            break


if __name__ == "__main__":
    asyncio.run(main())
