// Headless Chromium as an HTML -> PDF renderer, the way Gotenberg uses it:
// one warm browser (Debian's /usr/bin/chromium through playwright-core from
// tools/), one page reused, page.setContent(html) + page.pdf() per render.
// Reusing the page is the most favourable setup for Chromium (no new tab per
// render); the HTML is read once, so file I/O is not timed.
//
//   node bench/chromium_pdf.mjs N OUT.pdf PAGE.html
// prints one line of JSON: {"tool":"chromium","renders":N,"ms":[...],"bytes":B}
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const [n, out, page] = process.argv.slice(2);
if (!page) {
  console.error('usage: node bench/chromium_pdf.mjs N OUT.pdf PAGE.html');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const requireTool = createRequire(path.join(here, '..', 'tools', 'package.json'));
const { chromium } = requireTool('playwright-core');

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.NIANBAO_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const html = fs.readFileSync(page, 'utf8');
  const tab = await context.newPage();
  const render = async () => {
    // The page links no external resources; 'load' is when layout can start.
    await tab.setContent(html, { waitUntil: 'load' });
    return tab.pdf({ format: 'A4', printBackground: true });
  };
  let pdf = await render();  // warm-up: fonts, first layout
  const ms = [];
  for (let i = 0; i < Number(n); i++) {
    const t0 = process.hrtime.bigint();
    pdf = await render();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  fs.writeFileSync(out, pdf);
  console.log(JSON.stringify({ tool: 'chromium', renders: Number(n), ms, bytes: pdf.length }));
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
