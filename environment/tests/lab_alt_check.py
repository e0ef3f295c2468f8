#!/usr/bin/env python3
"""What JupyterLab does with a figure's text alternative, checked in a real JupyterLab (not part of `kit test`: the
kit does not install JupyterLab, and CI has no PyPI).

    usage: lab_alt_check.py [--jupyter PATH/TO/jupyter] [--keep DIR]

Runs only where a JupyterLab is available (--jupyter, $KIT_LAB_JUPYTER, or a `jupyter` on PATH whose `jupyter lab`
works); otherwise it prints "skipped: no JupyterLab" and exits 0. With one, it
  1. writes a notebook with three figure outputs: (a) image/png with metadata {"image/png": {"alt": ...}} alone,
     (b) a text/html `<img alt src="data:image/png...">` alone, and (c) a cell of the kit's own (a figure of
     lecture7.viz shown with `display(...)`), executed by nbconvert with the kit's kernel `java` (JUPYTER_PATH =
     build/jupyter, as `environment/kit lab` sets it), so (c) holds what the kernel fix ImageAlt sends;
  2. starts that JupyterLab headless (no token, a free port, its config, data and runtime folders in a temporary
     folder) on the notebook and opens it in the Debian headless Chromium (playwright-core, as a11y_check.cjs);
  3. reads, for every output as JupyterLab rendered it from disk (an untrusted notebook), which mimetype it chose
     and the alt of its `<img>`; then runs cell (c) live in the kit's kernel and reads its output again (a trusted,
     live output).
It fails (exit 1) when the kit's figure reaches JupyterLab without its alt, on disk or live.
"""
import argparse
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / '.cache' / 'a11y-node' / 'node_modules'
ALT_A = 'Route a: the alt in the image/png metadata only.'
ALT_B = 'Route b: the alt of an img in text/html only.'
KIT_CELL = ('import lecture7.viz.SetupFigures;\n'
            'double[] xs = new double[200];\n'
            'for (int i = 0; i < xs.length; i++) xs[i] = Math.sin(i * 0.7) * 1.5;\n'
            '{ display(SetupFigures.histogramVsDensity(xs, x -> Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI),\n'
            '        "JupyterLab alt check", "N(0,1) density", 20)); }')


def find_lab(explicit):
    """A `jupyter` command whose `jupyter lab --version` works, or None."""
    for cand in (explicit, os.environ.get('KIT_LAB_JUPYTER'), shutil.which('jupyter')):
        if cand and Path(cand).exists() or (cand and shutil.which(cand)):
            r = subprocess.run([cand, 'lab', '--version'], capture_output=True, text=True)
            if r.returncode == 0:
                return cand, r.stdout.strip()
    return None, None


def png(w=40, h=30):
    """A w×h grey PNG, base64."""
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
    raw = b''.join(b'\x00' + b'\x80\x80\x80' * w for _ in range(h))
    return base64.b64encode(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')).decode()


def synthetic_cells():
    """Cells (a) and (b): outputs written here, as a kernel could send them (no source that re-makes them)."""
    PNG = png()
    def cell(source, output):
        return {'cell_type': 'code', 'execution_count': None, 'metadata': {}, 'source': source, 'outputs': [output]}
    return [
        cell('// (a) image/png, alt in its metadata (output written by lab_alt_check.py)',
             {'output_type': 'display_data', 'data': {'image/png': PNG}, 'metadata': {'image/png': {'alt': ALT_A}}}),
        cell('// (b) text/html <img alt> only (output written by lab_alt_check.py)',
             {'output_type': 'display_data', 'data': {'text/html': f'<img alt="{ALT_B}" src="data:image/png;base64,{PNG}">'},
              'metadata': {}}),
    ]


def notebook():
    """The notebook nbconvert executes: cell (c), the kit's figure."""
    return {
        'nbformat': 4, 'nbformat_minor': 5,
        'metadata': {'kernelspec': {'name': 'java', 'display_name': 'Java 17 + ND4J (Lecture 7 kit)', 'language': 'java'},
                     'language_info': {'name': 'java'}},
        'cells': [{'cell_type': 'code', 'execution_count': None, 'metadata': {}, 'source': KIT_CELL, 'outputs': []}]}


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--jupyter', help='the jupyter command of a Python with JupyterLab')
    ap.add_argument('--keep', type=Path, help='keep the executed notebook and the results here')
    args = ap.parse_args(argv)
    jupyter, version = find_lab(args.jupyter)
    if not jupyter:
        print('[lab-alt] skipped: no JupyterLab (pass --jupyter or set KIT_LAB_JUPYTER)')
        return 0
    if not (ROOT / 'build' / 'jupyter' / 'kernels' / 'java' / 'kernel.json').is_file():
        raise SystemExit('error: the kit kernel is missing: run environment/install.sh')
    if not (NODE_MODULES / 'playwright-core').is_dir():
        raise SystemExit('error: playwright-core is missing: run environment/install-browser.sh')
    print(f'[lab-alt] JupyterLab {version} ({jupyter})')
    with tempfile.TemporaryDirectory(prefix='kit-lab-') as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, JUPYTER_PATH=str(ROOT / 'build' / 'jupyter'),
                   JUPYTER_CONFIG_DIR=str(tmp / 'config'), JUPYTER_DATA_DIR=str(tmp / 'data'),
                   JUPYTER_RUNTIME_DIR=str(tmp / 'runtime'), JUPYTERLAB_SETTINGS_DIR=str(tmp / 'settings'),
                   JUPYTERLAB_WORKSPACES_DIR=str(tmp / 'workspaces'))
        work = tmp / 'nb'
        work.mkdir()
        src = work / 'source.ipynb'
        src.write_text(json.dumps(notebook(), indent=1))
        # 1. executed by nbconvert: only the kit's cell has a source, so (a) and (b) keep the outputs written above
        t = time.time()
        r = subprocess.run([jupyter, 'nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=600',
                            '--ExecutePreprocessor.kernel_name=java', '--output', 'alt.ipynb', str(src)],
                           capture_output=True, text=True, env=env, cwd=work)
        if r.returncode != 0:
            raise SystemExit(f'error: executing the notebook failed:\n{r.stderr[-2000:]}')
        executed = json.loads((work / 'alt.ipynb').read_text())
        kit_out = [o for o in executed['cells'][0]['outputs'] if o.get('output_type') == 'display_data']
        executed['cells'][:0] = synthetic_cells()          # (a), (b), then (c)
        (work / 'alt.ipynb').write_text(json.dumps(executed, indent=1))
        print(f'[lab-alt] executed with the kit kernel in {time.time() - t:.0f} s; the figure output carries '
              f'{sorted(kit_out[0]["data"]) if kit_out else "nothing"}'
              + (f', metadata {sorted(kit_out[0].get("metadata", {}))}' if kit_out else ''))
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(work / 'alt.ipynb', args.keep / 'alt.ipynb')
        # 2. JupyterLab, headless
        port = free_port()
        lab = subprocess.Popen([jupyter, 'lab', '--no-browser', f'--port={port}', '--ServerApp.ip=127.0.0.1',
                                '--IdentityProvider.token=', '--ServerApp.password=', f'--ServerApp.root_dir={work}',
                                '--LabApp.expose_app_in_browser=True', '--ServerApp.disable_check_xsrf=True']
                               # as `environment/kit lab`: Jupyter refuses to start as root without --allow-root
                               + (['--allow-root'] if os.getuid() == 0 else []),
                               stdout=open(tmp / 'lab.log', 'w'), stderr=subprocess.STDOUT, env=env, cwd=work)
        try:
            url = f'http://127.0.0.1:{port}'
            for _ in range(120):
                if lab.poll() is not None:
                    break
                try:
                    urllib.request.urlopen(url + '/api/status', timeout=2)
                    break
                except OSError:
                    time.sleep(1)
            else:
                raise SystemExit('error: JupyterLab did not start:\n' + (tmp / 'lab.log').read_text()[-2000:])
            r = subprocess.run(['node', str(Path(__file__).with_name('lab_alt_check.cjs')), url, 'alt.ipynb'],
                               capture_output=True, text=True, env=dict(os.environ, NODE_PATH=str(NODE_MODULES)),
                               timeout=900)
        finally:
            lab.terminate()
            try:
                lab.wait(30)
            except subprocess.TimeoutExpired:
                lab.kill()
        lines = [json.loads(x) for x in r.stdout.splitlines() if x.startswith('{')]
        if r.returncode != 0 or not lines:
            raise SystemExit(f'error: the browser run failed (status {r.returncode}):\n{r.stderr[-3000:]}{r.stdout[-3000:]}')
        res = lines[-1]
        if args.keep:
            (args.keep / 'lab.json').write_text(json.dumps(res, indent=1) + '\n')
    failed = False
    names = {0: '(a) image/png + metadata alt', 1: '(b) text/html <img alt>', 2: "(c) the kit's figure"}
    for phase, title in (('disk', 'opened from disk (untrusted)'), ('live', 'cell (c) run live in the kit kernel')):
        print(f'[lab-alt] {title}:')
        for o in res.get(phase, []):
            alts = [i['alt'] for i in o['imgs']]
            print(f"  {names.get(o['cell'], o['cell']):32} rendered as {o['mime'] or '?':10} <img> alt: "
                  + (', '.join(repr(a[:70]) if a else 'none' for a in alts) if alts else 'no <img>'))
        kit = [o for o in res.get(phase, []) if o['cell'] == 2]
        if not kit or not all(i['alt'] for o in kit for i in o['imgs']) or not any(o['imgs'] for o in kit):
            print(f'  FAIL: the kit\'s figure has no alt in JupyterLab ({phase})')
            failed = True
    print('[lab-alt] ' + ('FAILED' if failed else 'passed: the kit\'s figure reaches JupyterLab with its alt, from disk and live'))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
