#!/usr/bin/env bash
# Live-kernel browser test (part of `environment/kit test`): starts Jupyter Notebook on a small test notebook with the
# kit's `java` kernel, and drives it in headless Chromium with playwright-core (environment/tests/live_kernel.cjs):
# Run All, Interrupt a training cell, run the next cell, Interrupt a busy loop, Restart.
#   playwright-core comes from npm into build/node/ (git-ignored) on first use; Chromium is Debian's.
#   Screenshots and the server log: build/live-kernel/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. environment/common.sh
export JUPYTER_PATH="$root/build/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
playwright_version=1.65.1
out="$root/build/live-kernel"
rm -rf "$out" && mkdir -p "$out/notebooks"

command -v chromium >/dev/null || environment/install-browser.sh
if [ ! -f "build/node/node_modules/playwright-core/package.json" ] \
   || ! grep -q "\"version\": \"$playwright_version\"" build/node/node_modules/playwright-core/package.json; then
  command -v npm >/dev/null || die "npm is needed for playwright-core (apt-get install npm)"
  say "installing playwright-core@$playwright_version from npm into build/node/"
  mkdir -p build/node
  (cd build/node && npm install --silent --no-audit --no-fund --no-save "playwright-core@$playwright_version" \
     >"$out/npm.log" 2>&1) || die "npm install playwright-core failed (log: $out/npm.log)"
fi

# the test notebook: written here, not committed (it is the test's fixture, not a lecture notebook)
"$(find_python)" - "$out/notebooks/live-kernel.ipynb" <<'PY'
import sys, nbformat
cells = [
    'int before = 41;\nSystem.out.println("ready");',
    'import lecture7.vae.Objective;\nimport lecture7.vae.TrainConfig;\nimport lecture7.vae.Trainer;\n'
    'import lecture7.vae.Vae;\nimport lecture7.vae.VaeConfig;\nimport org.nd4j.linalg.api.buffer.DataType;\n'
    'import org.nd4j.linalg.factory.Nd4j;\n'
    'Vae vae = new Vae(VaeConfig.mnist(2, 42));\nvar x = Nd4j.rand(DataType.FLOAT, 2048, 784);\n'
    'Trainer trainer = new Trainer(vae, Objective.ANALYTIC_KL, TrainConfig.of(100_000, 7));\n'
    'System.out.println("training until interrupted");\nvar history = trainer.fit(x);',
    'System.out.println("queued by Run All: must not run after the interrupt");',
    'double loss = vae.evaluate(x, Objective.ANALYTIC_KL, 1).total();\n'
    'System.out.println("after interrupt: " + (before + 1) + ", steps > 0: " + (trainer.steps() > 0)\n'
    '        + ", loss finite: " + Double.isFinite(loss));',
    'long spins = 0;\nwhile (spins >= 0) { spins++; }',
    'System.out.println(before);',
]
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
nb.metadata["kernelspec"] = {"name": "java", "display_name": "Java", "language": "java"}
nbformat.write(nb, sys.argv[1])
PY

port=$("$(find_python)" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
extra=()
[ "$(id -u)" = 0 ] && extra+=(--allow-root)
"$(find_jupyter)" notebook --no-browser --ip=127.0.0.1 --port="$port" --NotebookApp.token="$token" \
  --notebook-dir="$out/notebooks" "${extra[@]}" >"$out/jupyter.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/api/status?token=$token" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/api/status?token=$token" >/dev/null || die "Jupyter did not start (log: $out/jupyter.log)"
NODE_PATH="$root/build/node/node_modules" node environment/tests/live_kernel.cjs \
  "http://127.0.0.1:$port/notebooks/live-kernel.ipynb?token=$token" "$out"
if grep -q "Timeout waiting for kernel_info" "$out/jupyter.log"; then die "Jupyter waited for a kernel_info_reply (log: $out/jupyter.log)"; fi
