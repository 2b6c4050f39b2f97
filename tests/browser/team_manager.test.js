// A team manager allocates a case waiting in the team's tray; a social worker of another team who
// opens that child's address is refused ("no access", 403) and the attempt is in the audit trail;
// a head of service sees every team. Every page visited must pass axe-core with no serious or
// critical violation.
'use strict';

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const {
  DemoServer, launchBrowser, checkAccessibility, screenshot, signIn, sql, safeguard,
  writeAxeSummary,
} = require('./support');

describe('a team manager', () => {
  const server = new DemoServer();
  let browser;
  let page;
  let allocatedChild;

  before(async () => {
    await server.start();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });

  after(async () => {
    writeAxeSummary('team-manager');
    if (browser) await browser.close();
    await server.stop();
  });

  it("sees each worker's caseload as a chart and a table, and the unallocated cases", async () => {
    await signIn(page, server.base, 'team-manager');
    assert.equal(new URL(page.url()).pathname, '/team');
    const rows = await page.locator('#caseload-table tbody tr').count();
    assert.ok(rows > 0, 'the team has workers');
    await page.locator('.sg-chart canvas').first().waitFor({ timeout: 10_000 });
    assert.ok(await page.locator('#unallocated-table tbody tr').count() > 0,
      'the demo team has cases waiting in its tray');
    const days = await page.locator('#unallocated-table tbody tr td:nth-of-type(2)').allInnerTexts();
    for (const text of days) assert.match(text, /^\d+/);
    await checkAccessibility(page, 'team');
    await screenshot(page, 'team');
  });

  it('allocates an unallocated case with a reason', async () => {
    const row = page.locator('#unallocated-table tbody tr').first();
    allocatedChild = await row.getAttribute('data-child-id');
    await row.getByRole('link', { name: /Allocate/ }).click();
    await page.waitForLoadState('networkidle');
    assert.equal(new URL(page.url()).pathname, `/children/${allocatedChild}/allocation`);
    await checkAccessibility(page, 'allocate a case');

    await page.getByRole('button', { name: /Allocate|Transfer/ }).click();
    await page.waitForLoadState('networkidle');
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select the worker/);
    await checkAccessibility(page, 'allocate a case, with errors');
    await screenshot(page, 'allocate-errors');

    const worker = page.locator('input[name="worker"]').first();
    const workerId = await worker.getAttribute('value');
    await worker.check();
    await page.getByLabel('Reason', { exact: true }).fill('Browser test: new case for the team');
    await page.locator('#override_reason').fill('Browser test: the team is short this week');
    await page.getByRole('button', { name: /Allocate|Transfer/ }).click();
    await page.waitForLoadState('networkidle');
    assert.equal(new URL(page.url()).pathname, '/team');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Case allocated/);
    const waiting = await page.locator('#unallocated-table tbody tr').evaluateAll(
      (trs) => trs.map((tr) => tr.getAttribute('data-child-id')));
    assert.ok(!waiting.includes(allocatedChild), 'the case has left the tray');

    const today = server.today().iso;
    const open = sql(server.db, `SELECT worker_id, reason FROM allocation
      WHERE child_id = ${allocatedChild} AND start_date <= '${today}'
        AND (end_date IS NULL OR end_date > '${today}')`);
    assert.deepEqual(open, [{ worker_id: Number(workerId), reason: 'Browser test: new case for the team' }]);
  });

  it("refuses a social worker of another team the child's record, and audits the attempt", async () => {
    const [team] = sql(server.db, `SELECT team_id FROM allocation WHERE child_id = ${allocatedChild}
      AND end_date IS NULL AND worker_id IS NOT NULL`);
    const today = server.today().iso;
    const [other] = sql(server.db, `SELECT id, team_id FROM worker
      WHERE role = 'social_worker' AND team_id IS NOT NULL AND team_id != ${team.team_id}
        AND start_date <= '${today}' AND (leaving_date IS NULL OR leaving_date > '${today}')
      ORDER BY id LIMIT 1`);
    safeguard(['user', 'add', '--db', server.db, '--username', 'other-team-worker',
      '--role', 'social_worker', '--team', String(other.team_id), '--worker', String(other.id)],
    'other-team-password\n');

    const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const theirs = await stranger.newPage();
    await signIn(theirs, server.base, 'other-team-worker', 'other-team-password');
    const response = await theirs.goto(`${server.base}/children/${allocatedChild}`);
    assert.equal(response.status(), 403);
    assert.equal((await theirs.locator('h1').innerText()).trim(), "You do not have access to this child's record");
    const body = await theirs.locator('main').innerText();
    assert.ok(!body.includes('Chronology'), 'nothing of the record is shown');
    await checkAccessibility(theirs, 'no access');
    await screenshot(theirs, 'no-access');

    const refusals = sql(server.db, `SELECT action, child_id FROM audit_event
      WHERE actor = 'other-team-worker' AND child_id = ${allocatedChild} AND action = 'refuse'`);
    assert.ok(refusals.length >= 1, 'the refusal is in the audit trail');
    await stranger.close();
  });

  it('approves nothing it may not: a social worker cannot see the team page', async () => {
    const worker = await browser.newContext();
    const theirs = await worker.newPage();
    await signIn(theirs, server.base, 'social-worker');
    const response = await theirs.goto(`${server.base}/service`);
    assert.equal(response.status(), 403);
    await checkAccessibility(theirs, 'no access to all teams');
    await worker.close();
  });

  it('a head of service sees all teams and can open one', async () => {
    const head = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const theirs = await head.newPage();
    await signIn(theirs, server.base, 'head-of-service');
    assert.equal(new URL(theirs.url()).pathname, '/service');
    const teams = await theirs.locator('#teams-table tbody tr').count();
    const [{ n }] = sql(server.db, 'SELECT COUNT(*) AS n FROM team WHERE active = 1');
    assert.equal(teams, n);
    await checkAccessibility(theirs, 'all teams');
    await screenshot(theirs, 'all-teams');
    await theirs.locator('#teams-table tbody tr th a').first().click();
    await theirs.waitForLoadState('networkidle');
    assert.match(new URL(theirs.url()).pathname, /^\/teams\/\d+$/);
    await checkAccessibility(theirs, 'a team, seen by the head of service');
    await head.close();
  });
});
