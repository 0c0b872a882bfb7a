// Plumbing check for the browser tests: playwright-core drives Debian's Chromium headless
// (no browser download), loads a data: URL and reads the title back; with ATSCORE_ARTIFACTS
// set, it also leaves a screenshot there. Run: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// The flags the machine notes give: without the background-networking ones Chromium keeps
// trying hosts that this closed network refuses.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

test('playwright-core launches Debian chromium and reads a data: page', { timeout: 60_000 }, async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    const html = '<!doctype html><title>atscore smoke</title><h1 id="h">hello</h1>';
    await page.goto('data:text/html;charset=utf-8,' + encodeURIComponent(html));
    assert.equal(await page.title(), 'atscore smoke');
    assert.equal(await page.textContent('#h'), 'hello');
    assert.match(browser.version(), /^\d+\./);
    if (process.env.ATSCORE_ARTIFACTS) {
      mkdirSync(process.env.ATSCORE_ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(process.env.ATSCORE_ARTIFACTS, 'browser-smoke.png') });
    }
  } finally {
    await browser.close();
  }
});
