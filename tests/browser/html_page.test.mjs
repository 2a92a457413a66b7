// The seed's page in Chromium: figures found through the table's header
// structure (as a screen reader finds them), narrow-screen layout, injection
// of markup through report text, and the screenshots for docs/images/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  chromiumPath, examples, fileUrl, launchChromium, renderPage, skipWithoutChromium, writeReport,
} from './support.mjs';

const haveChromium = fs.existsSync(chromiumPath);
let browser;
before(async () => {
  if (haveChromium) browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
});

async function open(file, width) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(fileUrl(file));
  return page;
}

// Runs in the page. The <td> whose `headers` names, for each label, a <th>
// with that text (spaces ignored), and where it sits in the table's grid
// next to those headers; throws unless exactly one such cell exists.
function findFigure(labels) {
  const norm = (s) => s.replace(/\s+/g, '');
  const matches = [];
  for (const td of document.querySelectorAll('td[headers]')) {
    const heads = td.getAttribute('headers').split(/\s+/).map((id) => document.getElementById(id));
    if (labels.every((l) => heads.some((h) => h && h.tagName === 'TH' && norm(h.textContent) === l))) {
      matches.push(td);
    }
  }
  if (matches.length !== 1) throw new Error(`${matches.length} cells under ${labels.join(' / ')}`);
  const td = matches[0];
  // The HTML table model: slot (row, column) of every cell, spans included,
  // so we can check the headers= ids agree with what a sighted reader sees.
  const table = td.closest('table');
  const occupied = [];
  const place = new Map();
  [...table.rows].forEach((tr, r) => {
    let c = 0;
    for (const cell of tr.cells) {
      while (occupied[r] && occupied[r][c]) ++c;
      place.set(cell, { row: r, col: c, rows: cell.rowSpan, cols: cell.colSpan });
      for (let i = r; i < r + cell.rowSpan; ++i) {
        occupied[i] = occupied[i] || [];
        for (let j = c; j < c + cell.colSpan; ++j) occupied[i][j] = true;
      }
      c += cell.colSpan;
    }
  });
  const at = place.get(td);
  const headers = td.getAttribute('headers').split(/\s+/).map((id) => document.getElementById(id));
  const geometry = headers.map((h) => {
    const p = place.get(h);
    const above = p.row < at.row && p.col <= at.col && at.col < p.col + p.cols;
    const left = p.col < at.col && p.row <= at.row && at.row < p.row + p.rows;
    return { text: norm(h.textContent), above, left, sameTable: h.closest('table') === table };
  });
  return { text: td.textContent.trim(), geometry, caption: table.caption.textContent };
}

test('seed: the cell under 自然人 in row （一）予以公开 reads 83', async (t) => {
  if (skipWithoutChromium(t)) return;
  const page = await open(renderPage(examples.seed, 'seed'), 1280);
  try {
    const found = await page.evaluate(findFigure, ['（一）予以公开', '自然人']);
    assert.equal(found.text, '83');
    // Every header it names is in its table, and above it or to its left.
    for (const g of found.geometry) {
      assert.ok(g.sameTable && (g.above || g.left), JSON.stringify(g));
    }
    assert.ok(found.geometry.some((g) => g.text === '自然人' && g.above));
    assert.ok(found.geometry.some((g) => g.text === '（一）予以公开' && g.left));
  } finally {
    await page.close();
  }
});

test('seed: the cell under 行政复议 / 结果维持 reads 10', async (t) => {
  if (skipWithoutChromium(t)) return;
  const page = await open(renderPage(examples.seed, 'seed'), 1280);
  try {
    const found = await page.evaluate(findFigure, ['行政复议', '结果维持']);
    assert.equal(found.text, '10');
    for (const g of found.geometry) assert.ok(g.sameTable && g.above, JSON.stringify(g));
    // The same 结果维持 under 行政诉讼 is a different cell: the lookup is by
    // structure, not by the first matching label.
    const litigation = await page.evaluate(findFigure, ['未经复议直接起诉', '结果维持']);
    assert.notEqual(litigation.geometry, found.geometry);
  } finally {
    await page.close();
  }
});

test('seed at 390px: wide tables scroll in their region, the page never sideways', async (t) => {
  if (skipWithoutChromium(t)) return;
  const page = await open(renderPage(examples.seed, 'seed'), 390);
  try {
    const layout = await page.evaluate(() => ({
      page: { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth },
      regions: [...document.querySelectorAll('.nb-table-scroll')].map((r) => ({
        scroll: r.scrollWidth,
        client: r.clientWidth,
        overflow: getComputedStyle(r).overflowX,
        focusable: r.tabIndex === 0,
        name: document.getElementById(r.getAttribute('aria-labelledby')).textContent,
        table: r.querySelector('table').id,
        tableWidth: r.querySelector('table').getBoundingClientRect().width,
      })),
    }));
    assert.ok(layout.page.scroll <= layout.page.client, JSON.stringify(layout.page));
    assert.equal(layout.regions.length, 3);
    for (const r of layout.regions) {
      assert.equal(r.overflow, 'auto', r.name);
      assert.ok(r.focusable, r.name);
      // Nothing is clipped: the region scrolls over the whole table.
      assert.ok(r.scroll >= Math.floor(r.tableWidth), `${r.name}: ${r.scroll} < ${r.tableWidth}`);
    }
    // Tables 3 and 4 (10 and 15 columns) are wider than a phone: they must
    // really scroll inside their region rather than be squeezed.
    for (const id of ['T3', 'T4']) {
      const r = layout.regions.find((x) => x.table === id);
      assert.ok(r && r.scroll > r.client, `${id}: ${JSON.stringify(r)}`);
    }
    // Keyboard users reach the region and scroll it with the arrow keys.
    await page.focus('.nb-table-scroll:has(#T3)');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.querySelector('table')?.id), 'T3');
    // Key scrolling may be animated: wait for it rather than read at once.
    await page.waitForFunction(() => document.activeElement.scrollLeft > 0, null, { timeout: 5000 });
  } finally {
    await page.close();
  }
});

test('report text with markup shows as text; no script runs, no element appears', async (t) => {
  if (skipWithoutChromium(t)) return;
  const report = JSON.parse(fs.readFileSync(examples.seed, 'utf8'));
  const title = '<script>window.__pwned = "title"</script>红桥区';
  const attack = '"><img src=x onerror="window.__pwned = \'img\'">';
  report.title = title;
  report.agency.name = attack;
  report.preamble.blocks.unshift({ paragraph: { text: `</p>${attack}<script>alert(1)</script>` } });
  report.closing = { blocks: [{ subsection: { number: '<b>', title: attack } }] };
  const page = await open(renderPage(writeReport(report, 'injection'), 'injection'), 1280);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  try {
    await page.waitForLoadState('load');
    const state = await page.evaluate(() => ({
      pwned: window.__pwned,
      scripts: document.querySelectorAll('script').length,
      imgs: document.querySelectorAll('img').length,
      bold: document.querySelectorAll('b').length,
      h1: document.querySelector('h1').textContent,
      title: document.title,
      author: document.querySelector('meta[name=author]').content,
      text: document.body.innerText,
    }));
    assert.equal(state.pwned, undefined);
    assert.deepEqual(dialogs, []);
    assert.equal(state.scripts, 0);
    assert.equal(state.imgs, 0);
    assert.equal(state.bold, 0);
    // What the report said is on the page, character for character.
    assert.equal(state.h1, title);
    assert.equal(state.title, title);
    assert.equal(state.author, attack);
    assert.ok(state.text.includes(`</p>${attack}<script>alert(1)</script>`));
    assert.ok(state.text.includes(`<b>${attack}`));
  } finally {
    await page.close();
  }
});

test('seed in print: A4 pages from the stylesheet, tables fit the page width', async (t) => {
  if (skipWithoutChromium(t)) return;
  // 210 mm less the 2.5 cm + 2 cm side margins of @page, at 96 px per inch.
  const a4Content = Math.floor(((210 - 45) / 25.4) * 96);
  const page = await open(renderPage(examples.seed, 'seed'), a4Content);
  try {
    await page.emulateMedia({ media: 'print' });
    const regions = await page.evaluate(() =>
      [...document.querySelectorAll('.nb-table-scroll')].map((r) => ({
        table: r.querySelector('table').id,
        scroll: r.scrollWidth,
        client: r.clientWidth,
        overflow: getComputedStyle(r).overflowX,
        headerRepeats: getComputedStyle(r.querySelector('table')).display === 'table' &&
          [...r.querySelectorAll('thead')].every((h) => getComputedStyle(h).display === 'table-header-group'),
      })));
    for (const r of regions) {
      assert.equal(r.overflow, 'visible', r.table);
      assert.ok(r.scroll <= r.client, `${r.table} overflows the paper: ${r.scroll} > ${r.client}`);
      assert.ok(r.headerRepeats, r.table);
    }
    // The @page rule sets A4 (595 x 842 pt), not the printer default.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    assert.ok(boxes.length >= 2, `expected several pages, found ${boxes.length}`);
    for (const [, w, h] of boxes) {
      assert.ok(Math.abs(w - 595.28) < 1 && Math.abs(h - 841.89) < 1, `page ${w} x ${h} is not A4`);
    }
  } finally {
    await page.close();
  }
});

// The screenshots in docs/images/ come from here:
//   NIANBAO_SCREENSHOT_DIR=$PWD/docs/images ctest --test-dir build -R html_page
test('seed: screenshots at 1280px and 390px', async (t) => {
  if (skipWithoutChromium(t)) return;
  const dirs = [path.join(process.env.NIANBAO_TEST_OUT, 'screenshots')];
  if (process.env.NIANBAO_SCREENSHOT_DIR) dirs.push(process.env.NIANBAO_SCREENSHOT_DIR);
  for (const width of [1280, 390]) {
    const page = await open(renderPage(examples.seed, 'seed'), width);
    try {
      const png = await page.screenshot({ fullPage: true });
      assert.ok(png.length > 10000);
      for (const dir of dirs) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `html-seed-${width}.png`), png);
      }
    } finally {
      await page.close();
    }
  }
});
