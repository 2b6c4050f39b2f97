// A social worker's day: sign in, see only their own caseload, open a child, record a visit and
// find it in the chronology; a case note's draft survives a reload and signing in again. Every page
// visited must pass axe-core with no serious or critical violation.
'use strict';

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const {
  DemoServer, launchBrowser, newContext, clickAndWait, checkAccessibility, screenshot, signIn, sql, writeAxeSummary,
} = require('./support');

describe('a social worker', () => {
  const server = new DemoServer();
  let browser;
  let context;
  let page;
  let childId;

  before(async () => {
    await server.start();
    browser = await launchBrowser();
    context = await newContext(browser);
    page = await context.newPage();
  });

  after(async () => {
    writeAxeSummary('social-worker');
    if (browser) await browser.close();
    await server.stop();
  });

  it('sees the demo sign-ins on the sign-in page of a demo database', async () => {
    await page.goto(`${server.base}/sign-in`);
    assert.match(await page.locator('.sg-demo-banner').innerText(), /demonstration authority/);
    const table = await page.locator('table').innerText();
    for (const username of ['social-worker', 'team-manager', 'head-of-service']) {
      assert.match(table, new RegExp(`${username}\\s+demo-${username}`));
    }
    await checkAccessibility(page, 'sign-in');
    await screenshot(page, 'sign-in');
  });

  it('is told what is wrong when the password is wrong', async () => {
    await signIn(page, server.base, 'social-worker', 'not-the-password');
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.match(await page.locator('.govuk-error-summary').innerText(), /There is a problem/);
    assert.match(await page.title(), /^Error: /);
    await checkAccessibility(page, 'sign-in with an error');
    await screenshot(page, 'sign-in-error');
  });

  it('signs in and sees exactly the children allocated to them', async () => {
    await signIn(page, server.base, 'social-worker');
    assert.equal(new URL(page.url()).pathname, '/caseload');
    await checkAccessibility(page, 'my caseload');
    await screenshot(page, 'caseload');

    const today = server.today().iso;
    const expected = sql(server.db, `
      SELECT DISTINCT a.child_id AS id FROM allocation a
      JOIN user_account u ON u.worker_id = a.worker_id
      WHERE u.username = 'social-worker' AND a.start_date <= '${today}'
        AND (a.end_date IS NULL OR a.end_date > '${today}')
      ORDER BY a.child_id`).map((row) => String(row.id));
    assert.ok(expected.length > 0, 'the demo social worker holds cases');

    // Every page of the caseload, through the pagination links.
    const shown = [];
    for (;;) {
      shown.push(...await page.locator('#caseload tbody tr').evaluateAll(
        (rows) => rows.map((row) => row.getAttribute('data-child-id'))));
      const next = page.locator('.govuk-pagination__next a');
      if (await next.count() === 0) break;
      await clickAndWait(page, next);
      await checkAccessibility(page, 'my caseload, a later page');
    }
    assert.deepEqual([...shown].sort((a, b) => a - b), expected);
  });

  it('sees overdue work marked in words, not colour alone', async () => {
    await page.goto(`${server.base}/caseload`);
    const tags = await page.locator('#caseload .govuk-tag').allInnerTexts();
    assert.ok(tags.length > 0, 'each child with something due has a tag');
    for (const tag of tags) assert.match(tag.trim(), /^(Overdue|Due soon|Due)$/i);
  });

  it('opens a child and sees the record and its chronology', async () => {
    await page.goto(`${server.base}/caseload`);
    const first = page.locator('#caseload tbody tr').first();
    childId = await first.getAttribute('data-child-id');
    const name = (await first.locator('th a').innerText()).trim();
    await clickAndWait(page, first.locator('th a'));
    assert.equal(new URL(page.url()).pathname, `/children/${childId}`);
    assert.equal((await page.locator('h1').innerText()).trim(), name);
    for (const heading of ['Summary', 'Plans and episodes', 'Placement history', 'Visits', 'Case notes', 'Chronology']) {
      assert.equal(await page.getByRole('heading', { name: heading, exact: true }).count(), 1, heading);
    }
    assert.ok(await page.locator('#chronology-table tbody tr').count() > 0);
    await checkAccessibility(page, "child's record");
    await screenshot(page, 'child-record');
    const audited = sql(server.db, `SELECT COUNT(*) AS n FROM audit_event
      WHERE actor = 'social-worker' AND action = 'read' AND child_id = ${childId}`);
    assert.ok(audited[0].n >= 1, 'opening the record is in the audit trail');
  });

  it('records a visit, with errors shown the GOV.UK way first, and finds it in the chronology', async () => {
    await page.goto(`${server.base}/children/${childId}`);
    await clickAndWait(page, page.getByRole('button', { name: 'Record a visit' }));
    assert.equal(new URL(page.url()).pathname, `/children/${childId}/visits/new`);
    await checkAccessibility(page, 'record a visit');

    await clickAndWait(page, page.getByRole('button', { name: 'Save visit' }));
    const summary = page.locator('.govuk-error-summary');
    assert.match(await summary.innerText(), /Enter the date of the visit/);
    assert.equal(await page.evaluate(() => document.activeElement.closest('.govuk-error-summary') !== null), true,
      'the error summary takes the focus');
    await checkAccessibility(page, 'record a visit, with errors');
    await screenshot(page, 'visit-errors');

    const today = server.today();
    const words = `Browser test visit ${Date.now()}: played in the garden and talked about school.`;
    await page.getByLabel('Day').fill(String(today.day));
    await page.getByLabel('Month').fill(String(today.month));
    await page.getByLabel('Year').fill(String(today.year));
    await page.locator('#seen').check();
    await page.locator('#seen_alone').check();
    await page.getByLabel('What happened on the visit').fill(words);
    await clickAndWait(page, page.getByRole('button', { name: 'Save visit' }));

    assert.equal(new URL(page.url()).pathname, `/children/${childId}`);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Visit saved/);
    const firstEvent = await page.locator('#chronology-table tbody tr').first().innerText();
    assert.match(firstEvent, /Visit/);
    assert.ok(firstEvent.includes(words.slice(0, 40)), `the newest chronology entry is the visit: ${firstEvent}`);
    await checkAccessibility(page, "child's record after a visit");
    await screenshot(page, 'child-record-after-visit');

    const stored = sql(server.db, `SELECT date, child_seen, seen_alone FROM visit
      WHERE child_id = ${childId} AND note LIKE 'Browser test visit %'`);
    assert.deepEqual(stored, [{ date: today.iso, child_seen: 1, seen_alone: 1 }]);
  });

  it("keeps a case note's draft through a reload and through signing in again", async () => {
    const form = `${server.base}/children/${childId}/notes/new`;
    await page.goto(form);
    await checkAccessibility(page, 'add a case note');
    const text = `Draft written at ${new Date().toISOString()}: school phoned about attendance.`;
    await page.getByLabel('Subject').fill('Call from school');
    await page.getByLabel('Note', { exact: true }).fill(text);
    await page.locator('[data-autosave-status]').filter({ hasText: 'Draft saved' }).waitFor({ timeout: 10_000 });

    await page.reload();
    await page.locator('[data-autosave-status]').filter({ hasText: 'restored' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.getByLabel('Subject').inputValue(), 'Call from school');
    assert.equal(await page.getByLabel('Note', { exact: true }).inputValue(), text);
    await screenshot(page, 'note-draft-restored');

    // The session ends (as after a timeout); the draft is still there after signing in again.
    await context.clearCookies();
    await page.goto(form);
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    await page.getByLabel('Username').fill('social-worker');
    await page.getByLabel('Password').fill('demo-social-worker');
    await clickAndWait(page, page.getByRole('button', { name: 'Sign in' }));
    assert.equal(new URL(page.url()).pathname, `/children/${childId}/notes/new`);
    await page.locator('[data-autosave-status]').filter({ hasText: 'restored' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.getByLabel('Note', { exact: true }).inputValue(), text);

    // Saving the note deletes the draft.
    const today = server.today();
    await page.getByLabel('Day').fill(String(today.day));
    await page.getByLabel('Month').fill(String(today.month));
    await page.getByLabel('Year').fill(String(today.year));
    await clickAndWait(page, page.getByRole('button', { name: 'Save note' }));
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Case note saved/);
    const draft = await page.evaluate(async (key) => (await fetch(`/drafts/${key}`)).status, `note-${childId}`);
    assert.equal(draft, 404);
  });

  it('works on a phone-sized screen', async () => {
    const phone = await newContext(browser, { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await signIn(small, server.base, 'social-worker');
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page does not scroll sideways (${overflow}px)`);
    await checkAccessibility(small, 'my caseload on a phone');
    await screenshot(small, 'caseload-phone');
    await small.goto(`${server.base}/children/${childId}`);
    await checkAccessibility(small, "child's record on a phone");
    await screenshot(small, 'child-record-phone');
    await phone.close();
  });

  it('signs out, and the old session no longer opens the record', async () => {
    await page.goto(`${server.base}/caseload`);
    await clickAndWait(page, page.getByRole('button', { name: 'Sign out' }));
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    await page.goto(`${server.base}/children/${childId}`);
    assert.equal(new URL(page.url()).pathname, '/sign-in');
  });
});
