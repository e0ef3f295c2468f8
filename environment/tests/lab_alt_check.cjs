// What JupyterLab renders for each figure output (called by environment/tests/lab_alt_check.py).
// Opens NOTEBOOK in the JupyterLab at BASE_URL (started with --LabApp.expose_app_in_browser=True, no token) in the
// Debian headless Chromium (playwright-core), reads every output's rendered mimetype and its <img>s' alt as the
// notebook came from disk, then runs the last cell live in its kernel and reads that cell's output again.
// usage: node lab_alt_check.cjs BASE_URL NOTEBOOK
// Prints one JSON line: {disk: [{cell, mime, classes, imgs: [{alt}]}], live: [...], kernel}.
const { chromium } = require('playwright-core');

const READ = () => {
  const cells = Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell'));
  const out = [];
  cells.forEach((c, i) => c.querySelectorAll('.jp-OutputArea-output').forEach(o => out.push({
    cell: i,
    mime: o.getAttribute('data-mime-type'),
    classes: o.className,
    imgs: Array.from(o.querySelectorAll('img')).map(img => ({ alt: img.getAttribute('alt') || '' })),
    html: o.innerHTML.slice(0, 160),
  })));
  return out;
};

(async () => {
  const [base, nb] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.KIT_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
           '--disable-dev-shm-usage'],
  });
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  const result = {};
  try {
    await page.goto(`${base}/lab/tree/${encodeURIComponent(nb)}`, { waitUntil: 'load', timeout: 180000 });
    // the notebook is open and its saved outputs are rendered
    await page.waitForFunction(() => document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output img').length >= 3,
                               null, { timeout: 180000, polling: 500 });
    await page.waitForTimeout(1000);
    result.disk = await page.evaluate(READ);
    // live: clear cell 2's output, run it in the kernel, wait for its figure
    result.kernel = await page.evaluate(async () => {
      const app = window.jupyterapp;
      const panel = app.shell.currentWidget;
      await panel.sessionContext.ready;
      panel.content.activeCellIndex = 2;
      await app.commands.execute('notebook:clear-cell-output');
      await app.commands.execute('notebook:run-cell');
      return panel.sessionContext.session && panel.sessionContext.session.kernel
        ? panel.sessionContext.session.kernel.name : null;
    });
    await page.waitForFunction(() => {
      const c = document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')[2];
      return c && (c.querySelector('.jp-OutputArea-output img') || c.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'));
    }, null, { timeout: 300000, polling: 500 });
    await page.waitForTimeout(1000);
    result.live = (await page.evaluate(READ)).filter(o => o.cell === 2);
  } catch (e) {
    result.error = String(e).slice(0, 600);
    try { result.partial = await page.evaluate(READ); } catch (e2) { /* the page is gone */ }
  }
  console.log(JSON.stringify(result));
  await browser.close();
  process.exit(result.error ? 2 : 0);
})().catch(e => { console.error(e); process.exit(2); });
