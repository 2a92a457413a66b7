// Shared by the browser tests: where the tools are, writing the pages with
// render_html_tool, and launching Debian's Chromium through playwright-core.
// ctest passes the paths in the environment (tests/browser/CMakeLists.txt).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set; run this test through ctest`);
  return v;
};

export const nodeModules = env('NIANBAO_NODE_MODULES');
export const sourceDir = env('NIANBAO_SOURCE_DIR');
export const chromiumPath = process.env.NIANBAO_CHROMIUM || '/usr/bin/chromium';
const outDir = path.join(env('NIANBAO_TEST_OUT'), 'pages');

if (!fs.existsSync(path.join(nodeModules, 'html-validate'))) {
  throw new Error(`${nodeModules} lacks the browser-test tools: run scripts/install-deps.sh ` +
    '(or cd tools && npm ci)');
}

// Modules live in tools/node_modules, not beside this file.
export const requireTool = createRequire(path.join(nodeModules, '..', 'package.json'));

// The reports the pages are made from.
export const examples = {
  seed: path.join(sourceDir, 'examples', 'hongqiao-2020.json'),
  city2022: path.join(sourceDir, 'examples', 'example-city-2022.json'),
};

// Writes the page of `reportFile` as pages/<name>.html and returns its path.
export function renderPage(reportFile, name, ...flags) {
  fs.mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `${name}.html`);
  const r = spawnSync(env('NIANBAO_RENDER_HTML_TOOL'), [reportFile, out, ...flags], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`render_html_tool ${reportFile} failed (${r.status}): ${r.stderr}`);
  }
  return out;
}

// Writes `report` (an object in proto3 JSON) to a file and returns its path.
export function writeReport(report, name) {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  return file;
}

// Tests that need a browser skip, loudly, when Chromium is absent (CI
// installs it: scripts/install-deps.sh). ctest turns the marker into "skipped".
export function skipWithoutChromium(t) {
  if (fs.existsSync(chromiumPath)) return false;
  const why = `${chromiumPath} not found: install Debian's chromium (scripts/install-deps.sh)`;
  console.log(`NIANBAO-SKIP: ${why}`);
  t.skip(why);
  return true;
}

// Chromium with a fresh profile, headless, sandbox off (tests run as root in
// containers), no network chatter. Returns { context, close }.
export async function launchChromium() {
  const { chromium } = requireTool('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const fileUrl = (file) => `file://${file}`;
