// axe-core in Chromium: no accessibility violations on the pages of the seed
// and the 2021-edition example, on a desktop and on a phone-width screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fs from 'node:fs';
import {
  chromiumPath, examples, fileUrl, launchChromium, renderPage, requireTool,
  skipWithoutChromium,
} from './support.mjs';

const haveChromium = fs.existsSync(chromiumPath);
let browser;
before(async () => {
  if (haveChromium) browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
});

function describe(violations) {
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n'),
  );
}

for (const [name, file] of Object.entries(examples)) {
  for (const width of [1280, 390]) {
    test(`${name} at ${width}px: axe-core finds no violations`, async (t) => {
      if (skipWithoutChromium(t)) return;
      const { AxeBuilder } = requireTool('@axe-core/playwright');
      const page = await browser.context.newPage();
      try {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(fileUrl(renderPage(file, name)));
        const results = await new AxeBuilder({ page }).analyze();
        assert.deepEqual(describe(results.violations), []);
        // axe really looked at the tables (it did not skip the page).
        const checked = results.passes.map((r) => r.id);
        const rules = ['td-headers-attr', 'th-has-data-cells', 'html-has-lang',
                       'page-has-heading-one', 'heading-order', 'color-contrast'];
        // Only on a phone do tables overflow their region and need focus.
        if (width === 390) rules.push('scrollable-region-focusable');
        for (const rule of rules) {
          assert.ok(checked.includes(rule), `axe did not pass ${rule}; passed: ${checked}`);
        }
      } finally {
        await page.close();
      }
    });
  }
}

test('axe is not toothless: a wide table whose region cannot be focused is a violation',
  async (t) => {
    if (skipWithoutChromium(t)) return;
    const { AxeBuilder } = requireTool('@axe-core/playwright');
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width: 390, height: 900 });
      await page.goto(fileUrl(renderPage(examples.seed, 'seed')));
      await page.evaluate(() => {
        for (const r of document.querySelectorAll('.nb-table-scroll')) r.removeAttribute('tabindex');
      });
      const results = await new AxeBuilder({ page }).analyze();
      assert.ok(results.violations.some((v) => v.id === 'scrollable-region-focusable'),
        describe(results.violations).join('\n'));
    } finally {
      await page.close();
    }
  });
