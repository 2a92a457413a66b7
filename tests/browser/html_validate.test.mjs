// html-validate with its recommended rules on the pages of the seed and the
// 2021-edition example, standalone and as a fragment.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { examples, renderPage, requireTool } from './support.mjs';

const { HtmlValidate } = requireTool('html-validate');
const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

function messages(report) {
  return report.results
    .flatMap((r) => r.messages)
    .map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
}

for (const [name, file] of Object.entries(examples)) {
  test(`${name}: the page passes html-validate:recommended`, async () => {
    const page = renderPage(file, name);
    const report = await validator.validateString(fs.readFileSync(page, 'utf8'), page);
    assert.deepEqual(messages(report), []);
    assert.equal(report.valid, true);
  });
}

test('seed: the page with a linked stylesheet passes too', async () => {
  const page = renderPage(examples.seed, 'seed-link', '--stylesheet=link:report.css');
  const report = await validator.validateString(fs.readFileSync(page, 'utf8'), page);
  assert.deepEqual(messages(report), []);
});

test('2021 example: the fragment embedded in a CMS page passes too', async () => {
  for (const flags of [['--fragment'], ['--fragment', '--stylesheet=link:/css/report.css']]) {
    const fragment = fs.readFileSync(renderPage(examples.city2022, 'city-fragment', ...flags), 'utf8');
    assert.ok(!fragment.includes('<html'), 'a fragment is not a whole document');
    const page = '<!DOCTYPE html>\n<html lang="en"><head><title>CMS</title></head><body>\n' +
      `<main>\n${fragment}</main>\n</body></html>\n`;
    const report = await validator.validateString(page, 'cms.html');
    assert.deepEqual(messages(report), [], flags.join(' '));
  }
});

test('the validator is not toothless: it rejects a broken table', async () => {
  const report = await validator.validateString(
    '<!DOCTYPE html><html lang="zh-CN"><head><title>x</title></head><body>' +
      '<table><tr><td headers="nope">1</td></tr></table><img src="x"></body></html>',
  );
  assert.equal(report.valid, false);
});
