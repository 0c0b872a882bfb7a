// Browser test of the atscore web UI: starts the real binary (`atscore serve` on a free port,
// SQLite in a temporary directory, an API_KEY), drives Debian's Chromium through
// playwright-core, and walks the workflows a person would: sign in; score a resume against a
// pasted job; create a job, upload resumes (files and a ZIP), sort, filter, shortlist, export
// CSV, open a candidate and delete one; and the job seeker's form with JavaScript off. Every
// step leaves a full-page screenshot in $ATSCORE_ARTIFACTS (default target/artifacts), and any
// console error (a CSP violation shows up there) fails the test.
//
// Run: cargo build -p atscore && node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = resolve(ROOT, process.env.ATSCORE_BIN || 'target/debug/atscore');
const ARTIFACTS = resolve(ROOT, process.env.ATSCORE_ARTIFACTS || 'target/artifacts');
const KEY = 'ui-test-key-7f3a9c1e5b2d4f60a8';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const example = (p) => join(ROOT, 'examples', p);
// A file for setInputFiles as a buffer (playwright does not mix paths and buffers in one call).
const upload = (p) => ({ name: p.split('/').pop(), mimeType: 'text/markdown', buffer: readFileSync(example(p)) });
const JOB_TEXT = readFileSync(example('jobs/platform-engineer.md'), 'utf8');

let server; // { proc, url, dir, stderr }
let browser;
let context; // signed in, JavaScript on
const consoleErrors = [];
// Pages the test asks for knowing they answer 4xx: Chromium logs "Failed to load resource"
// for those, which is not a fault of the page.
const expectedErrors = new Set();

// ---------------------------------------------------------------------------------------------
// A ZIP writer (stored entries, no compression): enough for a fixture built in the test.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += local.length + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// ---------------------------------------------------------------------------------------------
// Server and browser.

/** Start `atscore serve`; `apiKey` null starts it without any key (the open mode). */
function startServer({ apiKey = KEY } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'atscore-ui-'));
  const env = {
    ...process.env,
    BIND: '127.0.0.1:0',
    DATABASE_URL: `sqlite://${join(dir, 'ui.db')}`,
    API_KEY: apiKey ?? '',
    LOG_LEVEL: 'warn',
  };
  if (apiKey === null) delete env.API_KEY;
  const proc = spawn(BIN, ['serve'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const s = { proc, dir, url: null, stderr: '' };
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line within 60 s:\n${s.stderr}`)), 60_000);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk) => {
      s.stderr += chunk;
      const m = s.stderr.match(/atscore listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m && !s.url) {
        s.url = m[1];
        clearTimeout(timer);
        resolveUrl(s);
      }
    });
    proc.on('error', (e) => { clearTimeout(timer); reject(e); });
    proc.on('exit', (code) => {
      if (!s.url) { clearTimeout(timer); reject(new Error(`${BIN} exited with ${code}:\n${s.stderr}`)); }
    });
  });
}

async function newPage(ctx, label) {
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url || '';
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) && expectedErrors.has(url)) return;
    consoleErrors.push(`${label}: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${label}: ${e.message}`));
  return page;
}

async function shot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `ui-${name}.png`), fullPage: true });
}

async function signIn(page) {
  await page.goto(`${server.url}/`);
  assert.match(page.url(), /\/signin/, 'an anonymous visitor is sent to the sign-in page');
  await page.getByLabel('API key').fill(KEY);
  await Promise.all([page.waitForURL(`${server.url}/`), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** The numbers of one column of the ranked table (by its header text). */
async function column(page, header) {
  return page.$$eval('table.ranking', (tables, header) => {
    const t = tables[0];
    const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    const i = heads.findIndex((h) => h.startsWith(header));
    return [...t.querySelectorAll('tbody tr')].map((tr) => parseFloat(tr.children[i].textContent));
  }, header);
}

before(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

async function stopServer(s) {
  if (!s) return;
  if (s.proc.exitCode === null) {
    s.proc.kill('SIGTERM');
    await new Promise((r) => {
      if (s.proc.exitCode !== null) return r();
      const t = setTimeout(() => { s.proc.kill('SIGKILL'); r(); }, 10_000);
      s.proc.on('exit', () => { clearTimeout(t); r(); });
    });
  }
  rmSync(s.dir, { recursive: true, force: true });
}

after(async () => {
  await browser?.close();
  await stopServer(server);
});

// ---------------------------------------------------------------------------------------------

test('sign in, then score a resume against a pasted job', { timeout: 120_000 }, async () => {
  const page = await newPage(context, 'seeker');

  // Security headers on pages and the sign-in redirect.
  const resp = await page.goto(`${server.url}/jobs`);
  assert.match(page.url(), /\/signin\?next=%2Fjobs$/);
  const h = resp.headers();
  assert.match(h['content-security-policy'], /default-src 'self'; script-src 'self'; style-src 'self'/);
  assert.match(h['content-security-policy'], /frame-ancestors 'none'; form-action 'self'/);
  assert.equal(h['x-content-type-options'], 'nosniff');
  assert.equal(h['referrer-policy'], 'same-origin');
  assert.equal(h['x-frame-options'], 'DENY');
  await shot(page, '01-signin');

  // A wrong key is refused on the form.
  expectedErrors.add(`${server.url}/signin`);
  await page.getByLabel('API key').fill('not-the-key-at-all-000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'not valid' }).waitFor();
  await shot(page, '02-signin-refused');

  // The right key: on to `next`.
  await page.getByLabel('API key').fill(KEY);
  await Promise.all([page.waitForURL(`${server.url}/jobs`), page.getByRole('button', { name: 'Sign in' }).click()]);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'atscore_session');
  assert.ok(session, 'session cookie set');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  assert.equal(await page.getByText('No API key configured').count(), 0, 'no open-mode banner');
  assert.ok(await page.getByRole('button', { name: 'Sign out' }).isVisible());

  // Assets: long cache.
  const css = await page.request.get(`${server.url}/assets/app.css`);
  assert.equal(css.status(), 200);
  assert.match(css.headers()['cache-control'], /max-age=31536000/);
  assert.match(css.headers()['content-type'], /text\/css/);
  const js = await page.request.get(`${server.url}/assets/app.js`);
  assert.match(js.headers()['content-type'], /javascript/);

  // A form post without its CSRF token is refused.
  const forged = await page.request.post(`${server.url}/jobs`, {
    form: { title: 'Forged', description: JOB_TEXT },
    maxRedirects: 0,
  });
  assert.equal(forged.status(), 403);

  // The job seeker's form.
  await page.getByRole('link', { name: 'Score a resume' }).click();
  await page.waitForURL(`${server.url}/`);
  await page.getByLabel('Your resume').setInputFiles(example('resumes/alex-experienced.md'));
  await page.getByLabel('Paste the job description').fill(JOB_TEXT);
  await shot(page, '03-seeker-form');
  await Promise.all([page.waitForURL(`${server.url}/score`), page.getByRole('button', { name: 'Score my resume' }).click()]);

  await page.getByRole('heading', { level: 1, name: /Score of alex-experienced\.md/ }).waitFor();
  const total = parseFloat(await page.getByTestId('total-score').textContent());
  assert.ok(total > 0 && total <= 100, `total score ${total}`);
  assert.ok(await page.locator('svg.gauge').isVisible(), 'gauge drawn');
  assert.equal(await page.locator('ul.bars li').count(), 3, 'three sub-score bars');
  const matched = page.locator('table.matched');
  assert.ok(await matched.getByRole('rowheader', { name: 'Kubernetes', exact: true }).isVisible(), 'Kubernetes matched');
  assert.ok(await page.getByRole('heading', { name: /Missing skills/ }).isVisible());
  assert.ok(await page.locator('table.missing').isVisible(), 'missing skills table');
  const deltas = await page.locator('ol.suggestions .delta').allTextContents();
  assert.ok(deltas.length > 0, 'suggestions listed');
  for (const d of deltas) assert.match(d, /^\+\d+\.\d points$/);
  assert.ok(await page.getByRole('heading', { name: 'What the ATS sees' }).isVisible());
  assert.ok((await page.locator('.sections-read details').count()) >= 2, 'sections read');
  await shot(page, '04-seeker-report');

  // The same report on a phone-sized screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, '05-seeker-report-mobile');
  await page.setViewportSize({ width: 1280, height: 900 });

  // A problem is a friendly page with its status.
  expectedErrors.add(`${server.url}/score`);
  await page.goto(`${server.url}/`);
  await page.getByLabel('Your resume').setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.from('   ') });
  await page.getByLabel('Paste the job description').fill(JOB_TEXT);
  const [bad] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${server.url}/score`),
    page.getByRole('button', { name: 'Score my resume' }).click(),
  ]);
  assert.ok(bad.status() >= 400 && bad.status() < 500, `status ${bad.status()}`);
  await page.locator('.problem-detail').waitFor();
  await shot(page, '06-seeker-error');
  await page.close();
});

test('hiring: create a job, upload, rank, sort, filter, shortlist, export, erase', { timeout: 180_000 }, async () => {
  const page = await newPage(context, 'hiring');
  await page.goto(`${server.url}/jobs`);
  if (page.url().includes('/signin')) await signIn(page);
  await page.goto(`${server.url}/jobs`);

  // Keyboard users: the first Tab lands on the skip link, which shows itself.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  assert.ok(await page.getByRole('link', { name: 'Skip to main content' }).isVisible());
  await shot(page, '09-skip-link-focus');

  // Create a job.
  await page.getByLabel('Title').fill('Senior Platform Engineer (UI test)');
  await page.getByLabel('Job description').fill(JOB_TEXT);
  await shot(page, '10-jobs');
  await Promise.all([
    page.waitForURL(/\/jobs\/[0-9a-f]+$/),
    page.getByRole('button', { name: 'Create job' }).click(),
  ]);
  const jobUrl = page.url();
  const analysis = page.locator('section', { has: page.getByRole('heading', { name: 'What the job asks for' }) });
  assert.ok(await analysis.getByText('Kubernetes', { exact: true }).first().isVisible(), 'required skills listed');

  // Upload two resumes and a ZIP of two more (JavaScript on: XHR with a progress bar).
  const archive = zip([
    { name: 'kim-stuffed.md', data: readFileSync(example('resumes/kim-stuffed.md')) },
    { name: 'sam-aliases.md', data: readFileSync(example('resumes/sam-aliases.md')) },
  ]);
  await page.getByLabel('Resume files or ZIP archives of resumes').setInputFiles([
    upload('resumes/alex-experienced.md'),
    upload('resumes/lee-junior.md'),
    { name: 'more-resumes.zip', mimeType: 'application/zip', buffer: archive },
  ]);
  const progress = page.locator('.upload-progress');
  assert.equal(await progress.isHidden(), true, 'progress bar hidden before the upload');
  // Hold the upload a moment so the progress state can be seen (and photographed).
  const uploads = /\/candidates$/;
  await page.route(uploads, async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  const sent = page.waitForRequest((r) => uploads.test(r.url()) && r.method() === 'POST');
  const arrived = page.waitForURL(/flash=/);
  await page.getByRole('button', { name: 'Upload and score' }).click();
  assert.equal((await sent).resourceType(), 'xhr', 'sent by app.js, not as a page load');
  await progress.waitFor({ state: 'visible' });
  assert.ok(await page.getByRole('button', { name: 'Upload and score' }).isDisabled());
  await shot(page, '11a-upload-progress');
  await arrived;
  await page.unroute(uploads);
  assert.match(await page.locator('#flash').textContent(), /4 added, 0 unreadable/);
  const rows = page.locator('table.ranking tbody tr');
  assert.equal(await rows.count(), 4, 'four ranked candidates');
  assert.ok(await page.getByText('more-resumes.zip/kim-stuffed.md').isVisible(), 'ZIP entries listed by archive path');
  await shot(page, '11-job-ranked');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, '11b-job-ranked-mobile');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Sort by score: first click best first, second click worst first.
  await page.locator('table.ranking thead').getByRole('link', { name: /^Score/ }).click();
  await page.waitForURL(/sort=score&dir=desc/);
  let scores = await column(page, 'Score');
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), `descending: ${scores}`);
  assert.equal(await page.locator('th[aria-sort="descending"]').count(), 1);
  await page.locator('table.ranking thead').getByRole('link', { name: /^Score/ }).click();
  await page.waitForURL(/sort=score&dir=asc/);
  scores = await column(page, 'Score');
  assert.deepEqual(scores, [...scores].sort((a, b) => a - b), `ascending: ${scores}`);
  await shot(page, '12-job-sorted');

  // Filter by a minimum score between the lowest and the highest.
  const min = Math.floor((Math.min(...scores) + Math.max(...scores)) / 2);
  await page.getByLabel('Minimum score').fill(String(min));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(new RegExp(`min_score=${min}`));
  assert.match(page.url(), /sort=score&dir=asc/, 'the filter keeps the order');
  const kept = await column(page, 'Score');
  assert.ok(kept.length >= 1 && kept.length < 4, `filtered to ${kept.length}`);
  for (const s of kept) assert.ok(s >= min, `${s} >= ${min}`);
  await shot(page, '13-job-filtered');

  // Shortlist the best candidate; the page comes back with the same filter and order.
  const first = rows.first();
  const firstName = (await first.locator('th.who a').textContent()).trim();
  await first.getByRole('button', { name: /Shortlist/ }).click();
  await page.waitForSelector('table.ranking tbody tr.is-shortlisted');
  assert.match(page.url(), new RegExp(`min_score=${min}.*sort=score&dir=asc`));
  const pressed = page.locator('table.ranking tbody tr', { hasText: firstName }).getByRole('button', { name: /Shortlist/ });
  assert.equal(await pressed.getAttribute('aria-pressed'), 'true');
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.getByLabel('Shortlisted only').check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/shortlisted=1/);
  assert.equal(await rows.count(), 1, 'one shortlisted');
  assert.equal((await rows.first().locator('th.who a').textContent()).trim(), firstName);
  await shot(page, '14-job-shortlisted');

  // CSV of all candidates.
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.waitForURL(jobUrl);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^ranking-[0-9a-f]+\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  assert.equal(lines.length, 5, `header and four rows:\n${csv}`);
  assert.match(lines[0], /candidate_id/);
  assert.match(lines[0], /shortlisted/);
  assert.equal(lines.filter((l) => /,true$/.test(l)).length, 1, 'one shortlisted row in the CSV');

  // A candidate's page: evidence and what the ATS sees.
  await rows.first().locator('th.who a').click();
  await page.waitForURL(/\/candidates\/[0-9a-f]+$/);
  const candidateUrl = page.url();
  assert.ok(await page.getByRole('heading', { name: /Matched skills/ }).isVisible());
  assert.ok(await page.getByRole('heading', { name: /Missing skills/ }).isVisible());
  assert.ok(await page.getByRole('heading', { name: 'What the ATS sees' }).isVisible());
  assert.ok(await page.getByRole('link', { name: 'Download original' }).isVisible());
  await shot(page, '15-candidate');

  // Delete it (after the confirmation page): back on the job with three left.
  await page.getByRole('link', { name: 'Delete candidate' }).click();
  await page.waitForURL(/\/delete$/);
  await shot(page, '16-confirm-delete');
  await Promise.all([
    page.waitForURL(jobUrl),
    page.getByRole('button', { name: 'Delete candidate' }).click(),
  ]);
  assert.equal(await rows.count(), 3, 'three candidates left');
  expectedErrors.add(candidateUrl);
  const gone = await page.goto(candidateUrl);
  assert.equal(gone.status(), 404, 'the erased candidate is gone');
  await shot(page, '17-candidate-gone');
  await page.close();
});

test('the job seeker form and an upload work with JavaScript off', { timeout: 120_000 }, async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    const page = await newPage(ctx, 'nojs');
    await signIn(page);
    await page.getByLabel('Your resume').setInputFiles(example('resumes/lee-junior.md'));
    await page.getByLabel('Paste the job description').fill(JOB_TEXT);
    await Promise.all([page.waitForURL(`${server.url}/score`), page.getByRole('button', { name: 'Score my resume' }).click()]);
    const total = parseFloat(await page.getByTestId('total-score').textContent());
    assert.ok(total >= 0 && total <= 100, `total score ${total}`);
    assert.ok(await page.locator('table.matched, table.missing').first().isVisible());
    await shot(page, '20-nojs-report');

    // An upload posts the form normally and comes back with the summary.
    await page.goto(`${server.url}/jobs`);
    await page.getByRole('link', { name: /UI test/ }).first().click();
    await page.getByLabel('Resume files or ZIP archives of resumes').setInputFiles([
      upload('resumes/sam-aliases.md'),
      { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 not really') },
    ]);
    await Promise.all([
      page.waitForURL(/flash=/),
      page.getByRole('button', { name: 'Upload and score' }).click(),
    ]);
    assert.match(await page.locator('#flash').textContent(), /1 added, 1 unreadable/);
    assert.ok(await page.locator('td.unreadable').first().isVisible(), 'the unreadable file is listed');
    await shot(page, '21-nojs-upload');

    // A reload of the report address goes back to the form.
    await page.goto(`${server.url}/score`);
    assert.equal(page.url(), `${server.url}/`);

    // Sign out: the session ends.
    await Promise.all([page.waitForURL(/\/signin$/), page.getByRole('button', { name: 'Sign out' }).click()]);
    assert.equal((await ctx.cookies()).filter((c) => c.name === 'atscore_session').length, 0, 'session cookie cleared');
    await page.goto(`${server.url}/jobs`);
    assert.match(page.url(), /\/signin\?next=%2Fjobs$/);
  } finally {
    await ctx.close();
  }
});

test('open mode: no key configured, no sign-in, a banner, forms still need their token', { timeout: 60_000 }, async () => {
  const open = await startServer({ apiKey: null });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await newPage(ctx, 'open');
    await page.goto(`${open.url}/jobs`);
    assert.equal(page.url(), `${open.url}/jobs`, 'no sign-in in open mode');
    assert.ok(await page.getByText('No API key configured: open to anyone on this machine').isVisible());
    assert.equal(await page.getByRole('link', { name: 'Sign in' }).count(), 0);
    const csrf = (await ctx.cookies()).find((c) => c.name === 'atscore_csrf');
    assert.ok(csrf && csrf.httpOnly && csrf.sameSite === 'Strict', 'anonymous CSRF cookie');
    await page.getByLabel('Job description').fill(JOB_TEXT);
    await Promise.all([page.waitForURL(/\/jobs\/[0-9a-f]+$/), page.getByRole('button', { name: 'Create job' }).click()]);
    await shot(page, '30-open-mode-job');
    const forged = await page.request.post(`${open.url}/jobs`, { form: { description: JOB_TEXT }, maxRedirects: 0 });
    assert.equal(forged.status(), 403, 'a post without the token is refused in open mode too');

    // Delete the job after its confirmation page.
    await page.getByRole('link', { name: 'Delete job' }).click();
    await page.waitForURL(/\/delete$/);
    await Promise.all([page.waitForURL(`${open.url}/jobs`), page.getByRole('button', { name: 'Delete job' }).click()]);
    assert.ok(await page.getByText('No jobs yet').isVisible(), 'the job is gone');
  } finally {
    await ctx.close();
    await stopServer(open);
  }
});

test('no console errors (CSP violations included)', () => {
  assert.deepEqual(consoleErrors, []);
});
