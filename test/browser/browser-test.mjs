// Drives Neo4j Browser in headless Chromium: connects without
// authentication, applies examples/polgraph.grass by dropping the file and
// with :style, checks that the Browser stored exactly the file's rules, runs the cookbook's "neighbourhood"
// query, waits for the graph to render, checks that nodes are coloured by
// actor type, and saves a screenshot.
//
// Environment: POLGRAPH_BROWSER_URL (default http://127.0.0.1:7474/browser/),
// POLGRAPH_BOLT (default 127.0.0.1:7687), CHROMIUM (default
// /usr/bin/chromium), POLGRAPH_SCREENSHOT (default
// <repo>/artifacts/browser/cookbook.png). Exits 1 on any failure.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const browserURL = process.env.POLGRAPH_BROWSER_URL || 'http://127.0.0.1:7474/browser/';
const bolt = process.env.POLGRAPH_BOLT || '127.0.0.1:7687';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const screenshot = process.env.POLGRAPH_SCREENSHOT || path.join(repo, 'artifacts', 'browser', 'cookbook.png');
const heading = "An actor's neighbourhood, as a picture";

// grassRules reads a GraSS file into selector -> {property: value}, as a
// stylesheet means it: comments removed, braces inside quoted values kept,
// quotes around values dropped.
function grassRules(text) {
  const rules = {};
  const body = text.replace(/\/\*[\s\S]*?\*\//g, '');
  let selector = '', block = '', inBlock = false, quote = '';
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = '';
      block += ch;
    } else if (inBlock && (ch === '"' || ch === "'")) {
      quote = ch;
      block += ch;
    } else if (ch === '{') {
      inBlock = true;
    } else if (ch === '}') {
      const decl = {};
      for (const d of block.split(';')) {
        const i = d.indexOf(':');
        if (i > 0) decl[d.slice(0, i).trim()] = d.slice(i + 1).trim().replace(/^(["'])(.*)\1$/, '$2');
      }
      rules[selector.trim()] = decl;
      selector = block = '';
      inBlock = false;
    } else if (inBlock) {
      block += ch;
    } else {
      selector += ch;
    }
  }
  return rules;
}

// cookbookQuery returns the first cypher block under a heading of docs/cookbook.md.
function cookbookQuery(title) {
  const md = fs.readFileSync(path.join(repo, 'docs', 'cookbook.md'), 'utf8');
  const at = md.indexOf('## ' + title);
  if (at < 0) throw new Error(`docs/cookbook.md has no heading "${title}"`);
  const m = md.slice(at).match(/```cypher\n([\s\S]*?)```/);
  if (!m) throw new Error(`no cypher block under "${title}"`);
  return m[1].trim();
}

async function main() {
  const grass = fs.readFileSync(path.join(repo, 'examples', 'polgraph.grass'), 'utf8');
  const want = grassRules(grass);
  const query = cookbookQuery(heading);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'polgraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(30000);
    await page.goto(browserURL, { waitUntil: 'networkidle' });

    // Connect: bolt://, no authentication.
    await page.selectOption('[data-testid="bolt-scheme-select"]', 'bolt://');
    await page.fill('[data-testid="boltaddress"]', bolt);
    await page.selectOption('[data-testid="authenticationMethod"]', 'NO_AUTH');
    await page.click('[data-testid="connect"]');
    await page.waitForSelector('[data-testid="connect"]', { state: 'detached' });
    await page.waitForSelector('text=Connecting...', { state: 'detached' });
    if (await page.locator('[data-testid="boltaddress"]').count() > 0) {
      throw new Error(`could not connect to bolt://${bolt}: ${await page.locator('[data-testid="frame"]').first().innerText()}`);
    }
    console.log(`connected to bolt://${bolt}`);

    // Apply the style twice, as the README says a user can: by dropping the
    // file onto the window, then with ":style" and the pasted text. Each
    // time the stored style must be exactly the file's rules: a rule the
    // Browser's GraSS parser mangled (a comment in the wrong place, a stray
    // brace) would show up here, and an empty selector crashes the graph view.
    const dataTransfer = await page.evaluateHandle(text => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'polgraph.grass', { type: 'text/plain' }));
      return dt;
    }, grass);
    for (const ev of ['dragenter', 'dragover', 'drop']) {
      await page.dispatchEvent('[data-testid="frame"] >> nth=0', ev, { dataTransfer });
    }
    await checkStyle(page, want, 'dropped');
    const frames = page.locator('[data-testid="frame"]');
    let before = await frames.count();
    await pasteCommand(page, ':style reset');
    await waitForFrames(frames, before + 1);
    for (let i = 0; i < 50 && await page.evaluate(() => JSON.parse(localStorage.getItem('neo4j.grass') || 'null')); i++) {
      await new Promise(r => setTimeout(r, 100));
    }
    before = await frames.count();
    await pasteCommand(page, ':style ' + grass);
    await waitForFrames(frames, before + 1);
    await checkStyle(page, want, 'pasted after :style');
    console.log(`style applied by drop and by :style: ${Object.keys(want).length} rules, exactly as in examples/polgraph.grass`);

    // Run the cookbook query and wait for the graph.
    const frame = frames.filter({ has: page.locator('svg g.node') }).first();
    for (let attempt = 1; ; attempt++) {
      before = await frames.count();
      await pasteCommand(page, query);
      await waitForFrames(frames, before + 1);
      const error = frames.first().locator('text=BoltConnectionError');
      const shown = frame.waitFor({ state: 'visible' });
      const failed = error.waitFor({ state: 'visible' });
      shown.catch(() => {});
      failed.catch(() => {});
      await Promise.race([shown, failed]);
      if (await frame.count() > 0) break;
      if (attempt === 3) throw new Error('the query failed three times: ' + await frames.first().innerText());
      await page.waitForTimeout(2000); // the Bolt connection was not ready yet
    }
    await page.waitForTimeout(4000); // let the force layout settle
    const nodes = await frame.locator('svg g.node').evaluateAll(gs => gs.map(g => {
      const c = g.querySelector('circle.b-outline') || g.querySelector('circle');
      const t = g.querySelector('text');
      return { fill: (c && c.getAttribute('fill') || '').toUpperCase(), r: Number(c && c.getAttribute('r')), text: (t && t.textContent || '').trim() };
    }));
    const rels = await frame.locator('svg g.relationship').evaluateAll(gs => gs.map(g => {
      const t = g.querySelector('text');
      return (t && t.textContent || '').trim();
    }));
    console.log(`graph: ${nodes.length} nodes, ${rels.length} relationships`);
    const iran = nodes.find(n => n.text === 'Iran');
    if (!iran) throw new Error(`no node captioned Iran: ${JSON.stringify(nodes.slice(0, 10))}`);
    // Colour and size by actor type, as the style says.
    const style = type => ({ fill: want['node.' + type].color.toUpperCase(), r: parseFloat(want['node.' + type].diameter) / 2 });
    const drawn = (n, type) => n.fill === style(type).fill && n.r === style(type).r;
    if (!drawn(iran, 'Country')) {
      throw new Error(`Iran is drawn ${JSON.stringify(iran)}, want the Country style ${JSON.stringify(style('Country'))}`);
    }
    for (const type of ['Person', 'Organization']) {
      if (!nodes.some(n => drawn(n, type))) {
        throw new Error(`no node in the ${type} style ${JSON.stringify(style(type))}: ${JSON.stringify(nodes)}`);
      }
    }
    if (!rels.some(t => t === 'LEADS' || t === 'OFFICIAL_OF')) {
      throw new Error(`relationship captions are not types: ${JSON.stringify(rels)}`);
    }
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await frame.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);
  } catch (err) {
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    const failed = screenshot.replace(/\.png$/, '') + '-failure.png';
    await context.pages()[0].screenshot({ path: failed, fullPage: true }).catch(() => {});
    console.error(`page at failure: ${failed}`);
    throw err;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

// pasteCommand pastes text into the main editor, as a user pastes a file's
// contents (typing would let the editor close each brace by itself, and the
// extra braces make an empty rule), and runs it.
async function pasteCommand(page, text) {
  await page.locator('#monaco-main-editor').click();
  await page.evaluate(t => {
    const area = document.querySelector('#monaco-main-editor textarea');
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
  await page.keyboard.press('Control+Enter');
}

// checkStyle compares the style the Browser stored with the file's rules.
async function checkStyle(page, want, how) {
  let got = null;
  for (let i = 0; i < 100 && !got; i++) {
    got = JSON.parse(await page.evaluate(() => localStorage.getItem('neo4j.grass')) || 'null');
    if (!got) await new Promise(r => setTimeout(r, 100));
  }
  if (!got) throw new Error(`${how}: the Browser stored no style`);
  const problems = [];
  for (const sel of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if (!(sel in got)) problems.push(`rule ${JSON.stringify(sel)} missing`);
    else if (!(sel in want)) problems.push(`unexpected rule ${JSON.stringify(sel)}: ${JSON.stringify(got[sel])}`);
    else if (JSON.stringify(got[sel]) !== JSON.stringify(want[sel])) {
      problems.push(`${sel}: ${JSON.stringify(got[sel])}, want ${JSON.stringify(want[sel])}`);
    }
  }
  if (problems.length) throw new Error(`${how}: the style did not apply cleanly:\n  ` + problems.join('\n  '));
}

async function waitForFrames(frames, n) {
  for (let i = 0; i < 300; i++) {
    if (await frames.count() >= n) return;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`no new result frame after 30 s`);
}

main().catch(err => {
  console.error('browser test failed:', err.message || err);
  process.exit(1);
});
