// Accessibility check of HTML pages in a real browser (called by environment/tests/a11y_check.py).
// Runs axe-core (npm axe-core, the engine of Lighthouse's accessibility audit) with the WCAG 2.0 and 2.1 A and AA rule
// tags in Debian's headless Chromium driven by playwright-core, after the page's scripts (MathJax, reveal.js) ran.
// For a reveal.js deck it also checks keyboard use: the right arrow key moves to the next slide, and the speaker
// notes are reachable: the `s` key opens reveal.js's speaker view (a window with the notes as text), and the `t` key
// shows the current slide's notes below the slide in the deck itself (environment/a11y.py).
// usage: node a11y_check.cjs BASE_URL PAGE [PAGE ...]   (pages relative to BASE_URL)
// Prints one JSON object per page on its own line: {page, violations: [{id, impact, nodes, help, targets}], math, deck}.
const path = require('path');
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// reveal.js as nbconvert's deck loads it (through require.js), or a global Reveal
const REVEAL = `(function () {
  if (window.Reveal && window.Reveal.isReady) return window.Reveal;
  var d = window.require && window.require.s && window.require.s.contexts && window.require.s.contexts._.defined;
  if (d) for (var k in d) if (/reveal(\\.min)?(\\.js)?$/.test(k) && d[k] && d[k].isReady) return d[k];
  return null;
})()`;

async function settle(page) {
  // MathJax 2 (when the page loads it) finishes its queue; reveal.js (on a deck) is ready
  await page.waitForFunction((reveal) => {
    const mj = window.MathJax;
    const mathDone = !mj || !mj.Hub || (mj.Hub.queue && mj.Hub.queue.pending === 0 && mj.Hub.queue.running === 0
      && document.querySelectorAll('.MathJax_Preview + script[type^="math/tex"]').length === 0);
    const R = eval(reveal);
    const deck = !!document.querySelector('.reveal .slides');
    const revealDone = !deck || (R && R.isReady());
    return mathDone && revealDone;
  }, REVEAL, { timeout: 60000, polling: 250 }).catch(() => {});
  await page.waitForTimeout(500);
}

async function checkDeck(page, context) {
  const out = {};
  const R = REVEAL;
  out.slides = await page.evaluate(`${R}.getTotalSlides()`);
  const before = await page.evaluate(`JSON.stringify(${R}.getIndices())`);
  await page.locator('body').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  const after = await page.evaluate(`JSON.stringify(${R}.getIndices())`);
  out.keyboardMoves = before !== after;
  await page.keyboard.press('ArrowLeft');
  out.notes = await page.evaluate(() => document.querySelectorAll('.reveal aside.notes').length);
  // for the record: whether the notes are also in the deck's own accessibility tree (reveal.js hides them)
  out.notesInDeck = await page.evaluate(() => Array.from(document.querySelectorAll('.reveal aside.notes'))
    .every(n => getComputedStyle(n).display !== 'none' && getComputedStyle(n).visibility !== 'hidden'));
  out.speakerView = false;
  if (out.notes > 0) {
    const popup = context.waitForEvent('page', { timeout: 5000 }).catch(() => null);
    await page.keyboard.press('s');
    const p = await popup;
    out.speakerView = !!p;
    if (p) await p.close();
  }
  // the notes without the pop-up (environment/a11y.py, NOTES_PANEL): on the first slide with notes the t key shows
  // them in a visible aria-live region below the slide; it follows the next slide; t again hides it
  out.notesPanel = await page.evaluate(() => !!document.getElementById('kit-notes'));
  if (out.notes > 0 && out.notesPanel) {
    await page.bringToFront();
    await page.evaluate(`(function () { var R = ${R}; var s = document.querySelector('.reveal aside.notes').closest('section');
      var i = R.getIndices(s); R.slide(i.h, i.v); })()`);
    await page.waitForTimeout(300);
    const state = () => page.evaluate(() => {
      const norm = t => t.replace(/\s+/g, ' ').trim();
      const p = document.getElementById('kit-notes');
      const all = document.querySelectorAll('.reveal .slides section.present');
      let cur = null;
      for (let i = all.length - 1; i >= 0; i--) if (!all[i].querySelector('section')) { cur = all[i]; break; }
      const own = cur ? Array.from(cur.children).filter(c => c.matches('aside.notes')).map(n => norm(n.textContent)) : [];
      const r = p.getBoundingClientRect();
      const slide = cur ? cur.getBoundingClientRect() : { bottom: 0 };
      return { visible: !p.hidden && getComputedStyle(p).display !== 'none' && r.height > 0, live: p.getAttribute('aria-live'),
               text: norm(p.textContent), expected: own, panelTop: r.top, slideBottom: slide.bottom };
    });
    await page.locator('body').focus();
    await page.keyboard.press('t');
    await page.waitForTimeout(500);
    const shown = await state();
    out.notesShown = shown.visible && shown.live === 'polite' && shown.expected.length > 0
      && shown.expected.every(t => shown.text.includes(t));
    out.notesBelowSlide = shown.visible && shown.slideBottom <= shown.panelTop + 1;
    const ax = await page.evaluate(async (tags) => window.axe.run('#kit-notes', {
      runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS);
    out.notesViolations = ax.violations.filter(v => v.impact === 'critical' || v.impact === 'serious')
      .map(v => `${v.impact} ${v.id} on ${v.nodes.length} node(s)`);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(500);
    const next = await state();
    out.notesFollow = next.visible && (next.expected.length ? next.expected.every(t => next.text.includes(t))
      : next.text.includes('no speaker notes')) && next.text !== shown.text;
    await page.keyboard.press('t');
    await page.waitForTimeout(300);
    out.notesHide = !(await state()).visible;
  }
  return out;
}

(async () => {
  const [base, ...pages] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.KIT_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run',
           '--disable-dev-shm-usage'],
  });
  let failed = false;
  for (const rel of pages) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const result = { page: rel };
    try {
      await page.goto(base.replace(/\/$/, '') + '/' + rel.split(path.sep).map(encodeURIComponent).join('/'),
                      { waitUntil: 'load', timeout: 120000 });
      await settle(page);
      await page.addScriptTag({ path: AXE });
      const r = await page.evaluate(async (tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
      }), TAGS);
      result.violations = r.violations.map(v => ({
        id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help,
        summaries: [...new Set(v.nodes.map(n => (n.failureSummary || '').split('\n').slice(1, 2).join('')
          .replace(/^\s*Element has insufficient color contrast of /, '').replace(/font size.*$/, '').trim()))].slice(0, 20),
        targets: v.nodes.slice(0, 3).map(n => [n.target.join(' '), (n.failureSummary || '').split('\n').slice(1, 2).join('')
          .slice(0, 160)]),
      }));
      result.math = await page.evaluate(() => ({
        typeset: document.querySelectorAll('.MathJax, .MathJax_CHTML, mjx-container').length,
        assistive: document.querySelectorAll('.MJX_Assistive_MathML math, mjx-assistive-mml math').length,
      }));
      result.lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
      result.main = await page.evaluate(() => document.querySelectorAll('main, [role=main]').length);
      if (await page.evaluate(() => !!document.querySelector('.reveal .slides'))) {
        result.deck = await checkDeck(page, context);
      }
    } catch (e) {
      result.error = String(e).slice(0, 400);
      failed = true;
    }
    console.log(JSON.stringify(result));
    await context.close();
  }
  await browser.close();
  process.exit(failed ? 2 : 0);
})().catch(e => { console.error(e); process.exit(2); });
