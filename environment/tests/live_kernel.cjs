// Live-kernel test in a real browser (called by environment/live-kernel-test.sh, part of `environment/kit test`).
// Drives Debian's headless Chromium with playwright-core through Jupyter Notebook's own menus, as a student would:
//   1. Cell → Run All: cell 1 prints, cell 2 (a VAE training cell) starts;
//   2. Kernel → Interrupt: cell 2 ends with an "interrupted" error, the cells Run All had queued are aborted;
//   3. running cell 4 by itself prints its own output, computed from cell 1's variable and the trained weights;
//   4. a busy loop (cell 5, no blocking call) is interrupted the same way;
//   5. Kernel → Restart: the kernel comes back, and cell 1's variable is gone (a compile error names it).
// usage: node live_kernel.cjs URL_OF_NOTEBOOK SCREENSHOT_DIR   (exit status 1 on any failed expectation)
const { chromium } = require('playwright-core');

const [url, shots] = process.argv.slice(2);
const results = [];
let page;

function expect(ok, what) {
  results.push(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  console.log(`[live-kernel] ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) throw new Error(what);
}

const cell = (i) => page.locator('.cell.code_cell').nth(i);
const prompt = async (i) => (await cell(i).locator('.input_prompt').innerText()).replace(/\s+/g, ' ').trim();
const output = async (i) => (await cell(i).locator('.output_wrapper').innerText()).trim();

async function waitFor(cond, seconds, what) {
  const t0 = Date.now();
  while (Date.now() - t0 < seconds * 1000) {
    if (await cond()) return (Date.now() - t0) / 1000;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out after ${seconds} s waiting for ${what}`);
}

async function menu(top, item) {
  await page.click(`#${top}`);
  await page.click(`#${item} > a`);
}

async function idle() {
  await waitFor(async () => (await page.locator('#kernel_indicator_icon.kernel_idle_icon').count()) > 0, 180, 'an idle kernel');
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    page.on('dialog', (d) => d.accept());
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.cell.code_cell', { timeout: 60000 });
    await idle();

    // 1. Run All
    await menu('celllink', 'run_all_cells');
    await waitFor(async () => (await output(0)).includes('ready'), 240, 'cell 1 to print "ready"');
    await waitFor(async () => (await prompt(1)).includes('*') && (await output(1)).includes('training'), 240,
      'the training cell to run');
    await page.waitForTimeout(3000); // a few batches
    expect((await prompt(1)).includes('*'), 'Run All: cell 1 printed, the training cell (2) is running');

    // 2. Interrupt the training cell
    await menu('kernellink', 'int_kernel');
    const tTrain = await waitFor(async () => !(await prompt(1)).includes('*'), 60, 'the training cell to end');
    const out1 = await output(1);
    await page.screenshot({ path: `${shots}/1-interrupted-training.png`, fullPage: true });
    expect(/interrupted/.test(out1), `Interrupt: the training cell ended in ${tTrain.toFixed(1)} s with "interrupted"`);
    await idle();
    expect((await output(2)) === '' && !(await prompt(2)).includes('*'),
      'Run All stopped at the interrupted cell: the queued cell 3 did not run');

    // 3. run the next cells by themselves
    await cell(3).click();
    await page.keyboard.press('Shift+Enter');
    await waitFor(async () => (await output(3)).length > 0 && !(await prompt(3)).includes('*'), 120, 'cell 4 output');
    const out3 = await output(3);
    expect(/after interrupt: 42, steps > 0: true, loss finite: true/.test(out3), `cell 4 runs and prints its own output: "${out3.split('\n')[0]}"`);

    // 4. a busy loop
    await cell(4).click();
    await page.keyboard.press('Shift+Enter');
    await waitFor(async () => (await prompt(4)).includes('*'), 60, 'the busy loop to start');
    await page.waitForTimeout(2000);
    await menu('kernellink', 'int_kernel');
    const tBusy = await waitFor(async () => !(await prompt(4)).includes('*'), 60, 'the busy loop to end');
    expect(/interrupted/.test(await output(4)), `Interrupt: the busy loop ended in ${tBusy.toFixed(1)} s with "interrupted"`);
    await idle();
    await cell(3).click();
    await page.keyboard.press('Shift+Enter');
    await waitFor(async () => /\[\d+\]/.test(await prompt(3)) && (await output(3)).includes('after interrupt: 42'), 60,
      'cell 4 again');
    expect(true, 'after the busy loop, cell 4 runs again');

    // 5. Restart
    const t0 = Date.now();
    await menu('kernellink', 'restart_kernel');
    const restartButton = page.locator('.modal-footer button:has-text("Restart")');
    if (await restartButton.count()) await restartButton.first().click();
    await page.waitForTimeout(1000);
    await idle();
    await cell(5).click();
    await page.keyboard.press('Shift+Enter');
    await waitFor(async () => /\[\d+\]/.test(await prompt(5)) && (await output(5)).length > 0, 120, 'cell 6 after the restart');
    const tRestart = (Date.now() - t0) / 1000;
    const out5 = await output(5);
    await page.screenshot({ path: `${shots}/2-after-restart.png`, fullPage: true });
    expect(/before/.test(out5) && /cannot find symbol|not defined|Compile error/i.test(out5),
      `Restart: a fresh kernel answered in ${tRestart.toFixed(1)} s (cell 1's variable is gone)`);
  } catch (e) {
    console.log(`[live-kernel] FAIL ${e.message}`);
    if (page) await page.screenshot({ path: `${shots}/failure.png`, fullPage: true }).catch(() => {});
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

main();
