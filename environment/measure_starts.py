#!/usr/bin/env python3
"""Measures starts and restarts of a Jupyter kernel through Jupyter's own client, the way Jupyter's server uses it.

usage: JUPYTER_PATH=build/jupyter python3 environment/measure_starts.py [-n 200] [--kernel java] [--json FILE]

Alternately starts a kernel (KernelManager.start_kernel) and restarts it (KernelManager.restart_kernel: a
shutdown_request on the control channel, then a new process). After each, it does what Jupyter Notebook's server
does when a browser tab (re)connects: a kernel_info_request on the shell channel and, at the same moment, one on the
control channel, every 0.5 s until the kernel answers (the server's "nudge"); a shell request never answered is lost
(the server, waiting for that reply, would wait out its 60 s kernel_info timeout). Then it runs a first
ND4J operation. Prints the distribution (seconds from the start/restart call): first kernel_info_reply and first
ND4J operation, median, p90, p99, max, and the number of shell kernel_info_requests never answered (lost).
"""
import argparse
import json
import signal
import statistics
import sys
import time
from queue import Empty

from jupyter_client import KernelManager

PROBE = "org.nd4j.linalg.factory.Nd4j.ones(2, 2).sumNumber().doubleValue()"


def wait_reply(get_msg, msg_id, deadline):
    while time.perf_counter() < deadline:
        try:
            msg = get_msg(timeout=max(0.01, deadline - time.perf_counter()))
        except Empty:
            return None
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    return None


def kernel_info_like_the_server(kc, lost_after, limit):
    """What Jupyter's server does while it waits for a kernel: kernel_info_request on shell and control at once,
    again every 0.5 s (its "nudge"), until a shell reply comes. Returns (seconds to the first shell reply, number of
    shell requests never answered within lost_after seconds after that reply)."""
    t0 = time.perf_counter()
    sent, answered, first = [], set(), None
    next_send = t0
    while first is None or time.perf_counter() < first + lost_after:  # lost_after: the server's 60 s
        now = time.perf_counter()
        if first is None and now >= next_send:
            sent.append(kc.kernel_info())
            kc.control_channel.send(kc.session.msg("kernel_info_request"))
            next_send = now + 0.5
        if now - t0 > limit:
            raise RuntimeError(f"no kernel_info_reply in {limit:.0f} s")
        try:
            msg = kc.get_shell_msg(timeout=0.05)
        except Empty:
            if first is not None and answered >= set(sent):
                break
            continue
        if msg["header"]["msg_type"] == "kernel_info_reply":
            answered.add(msg["parent_header"].get("msg_id"))
            if first is None:
                first = time.perf_counter()
    return first - t0, len(set(sent) - answered)


def probe(kc, timeout):
    msg_id = kc.execute(PROBE, store_history=False)
    reply = wait_reply(kc.get_shell_msg, msg_id, time.perf_counter() + timeout)
    if reply is None or reply["content"]["status"] != "ok":
        raise RuntimeError(f"first ND4J operation failed: {reply and reply['content']}")


def quantiles(xs):
    if not xs:
        return None
    s = sorted(xs)
    q = lambda p: s[min(len(s) - 1, int(round(p * (len(s) - 1))))]
    return {"n": len(s), "min": s[0], "median": statistics.median(s), "p90": q(0.90), "p99": q(0.99), "max": s[-1]}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", type=int, default=200, help="starts + restarts (half each)")
    p.add_argument("--kernel", default="java")
    p.add_argument("--lost", type=float, default=60.0,
                   help="a kernel_info_request still unanswered this long after the first reply counts as lost")
    p.add_argument("--timeout", type=float, default=300.0, help="limit for the first reply and the first ND4J operation")
    p.add_argument("--json", help="also write the results here")
    a = p.parse_args()
    info, ready, kinds, events = [], [], [], []

    def stop(signum, frame):  # `kill PID` ends the measurement with a report of the runs done
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        runs(a, info, ready, kinds, events)
    except KeyboardInterrupt:  # Ctrl-C: report the runs done so far
        print(f"stopped after {len(ready)} runs", file=sys.stderr)
    finally:
        if RUN["km"] is not None:
            RUN["km"].shutdown_kernel(now=True)
    lost_total = sum(e["lost"] for e in events)
    n = len(ready)
    result = {"kernel": a.kernel, "runs": n, "starts": kinds.count("start"), "restarts": kinds.count("restart"),
              "lost_kernel_info_replies": lost_total, "lost_events": events,
              "kernel_info_reply_s": quantiles(info), "first_nd4j_op_s": quantiles(ready),
              "failed_runs": sum(1 for e in events if "failed" in e), "over_10_s": sum(1 for r in ready if r > 10)}
    print(json.dumps(result, indent=1))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)


RUN = {"km": None}


def runs(a, info, ready, kinds, events):
    km = None
    for i in range(a.n):
        restart = km is not None and i % 2 == 1
        t0 = time.perf_counter()
        if restart:
            km.restart_kernel(now=False)
        else:
            if km is not None:
                km.shutdown_kernel(now=False)
            km = KernelManager(kernel_name=a.kernel)
            RUN["km"] = km
            km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            t_info, lost = kernel_info_like_the_server(kc, a.lost, a.timeout)
            probe(kc, a.timeout)
            t_ready = time.perf_counter() - t0
        except RuntimeError as e:  # counted, and the next run starts a fresh kernel
            events.append({"run": i + 1, "kind": "restart" if restart else "start", "lost": 0, "failed": str(e)})
            print(f"run {i + 1}: FAILED {e}", file=sys.stderr, flush=True)
            km.shutdown_kernel(now=True)
            km = None
            continue
        finally:
            kc.stop_channels()
        info.append(t_info + 0.0)
        ready.append(t_ready)
        kinds.append("restart" if restart else "start")
        if lost:
            events.append({"run": i + 1, "kind": kinds[-1], "lost": lost})
            print(f"run {i + 1} ({kinds[-1]}): {lost} kernel_info_reply lost", file=sys.stderr, flush=True)
        if (i + 1) % 10 == 0:
            print(f"{i + 1}/{a.n}: ready median {statistics.median(ready):.2f} s, max {max(ready):.2f} s, "
                  f"lost replies {sum(e['lost'] for e in events)}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
