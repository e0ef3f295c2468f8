#!/usr/bin/env python3
"""Measures starts and restarts of a Jupyter kernel through Jupyter's own client, the way Jupyter's server uses it.

usage: JUPYTER_PATH=build/jupyter python3 environment/measure_starts.py [-n 200] [--kernel java] [--json FILE]

Alternately starts a kernel (KernelManager.start_kernel) and restarts it (KernelManager.restart_kernel: a
shutdown_request on the control channel, then a new process). After each, it does what Jupyter Notebook's server
does when a browser tab (re)connects: a kernel_info_request on the shell channel and, at the same moment, one on the
control channel (the server's "nudge"), and waits for the shell reply; a reply missing after --lost seconds counts
as lost (the server would wait out its 60 s kernel_info timeout) and the request is sent again. Then it runs a first
ND4J operation. Prints the distribution (seconds from the start/restart call): kernel_info_reply and first ND4J
operation, median, p90, p99, max, and the number of lost replies.
"""
import argparse
import json
import statistics
import sys
import time
from queue import Empty

from jupyter_client import KernelManager

PROBE = "org.nd4j.linalg.factory.Nd4j.ones(2, 2).sumNumber().doubleValue()"


def wait_reply(channel, msg_id, deadline):
    while time.perf_counter() < deadline:
        try:
            msg = channel.get_msg(timeout=max(0.01, deadline - time.perf_counter()))
        except Empty:
            return None
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg
    return None


def kernel_info_like_the_server(kc, lost_after):
    """kernel_info on shell and control at once; returns (seconds to the shell reply, lost replies)."""
    lost = 0
    t0 = time.perf_counter()
    while True:
        shell_id = kc.kernel_info()
        kc.control_channel.send(kc.session.msg("kernel_info_request"))
        if wait_reply(kc.shell_channel, shell_id, time.perf_counter() + lost_after) is not None:
            return time.perf_counter() - t0, lost
        lost += 1
        if lost >= 5:
            raise RuntimeError("5 kernel_info requests in a row unanswered")


def probe(kc, timeout):
    msg_id = kc.execute(PROBE, store_history=False)
    reply = wait_reply(kc.shell_channel, msg_id, time.perf_counter() + timeout)
    if reply is None or reply["content"]["status"] != "ok":
        raise RuntimeError(f"first ND4J operation failed: {reply and reply['content']}")


def quantiles(xs):
    s = sorted(xs)
    q = lambda p: s[min(len(s) - 1, int(round(p * (len(s) - 1))))]
    return {"n": len(s), "min": s[0], "median": statistics.median(s), "p90": q(0.90), "p99": q(0.99), "max": s[-1]}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", type=int, default=200, help="starts + restarts (half each)")
    p.add_argument("--kernel", default="java")
    p.add_argument("--lost", type=float, default=10.0, help="seconds after which a kernel_info_reply counts as lost")
    p.add_argument("--timeout", type=float, default=120.0, help="limit for the first ND4J operation")
    p.add_argument("--json", help="also write the results here")
    a = p.parse_args()
    info, ready, kinds, lost_total, events = [], [], [], 0, []
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
            km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            t_info, lost = kernel_info_like_the_server(kc, a.lost)
            probe(kc, a.timeout)
            t_ready = time.perf_counter() - t0
        finally:
            kc.stop_channels()
        info.append(t_info + 0.0)
        ready.append(t_ready)
        lost_total += lost
        kinds.append("restart" if restart else "start")
        if lost:
            events.append({"run": i + 1, "kind": kinds[-1], "lost": lost})
            print(f"run {i + 1} ({kinds[-1]}): {lost} kernel_info_reply lost", file=sys.stderr, flush=True)
        if (i + 1) % 10 == 0:
            print(f"{i + 1}/{a.n}: ready median {statistics.median(ready):.2f} s, max {max(ready):.2f} s, "
                  f"lost replies {lost_total}", file=sys.stderr, flush=True)
    km.shutdown_kernel(now=False)
    result = {"kernel": a.kernel, "runs": a.n, "starts": kinds.count("start"), "restarts": kinds.count("restart"),
              "lost_kernel_info_replies": lost_total, "lost_events": events,
              "kernel_info_reply_s": quantiles(info), "first_nd4j_op_s": quantiles(ready),
              "over_10_s": sum(1 for r in ready if r > 10)}
    print(json.dumps(result, indent=1))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
