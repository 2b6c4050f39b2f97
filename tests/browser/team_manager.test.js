// A team manager allocates a case waiting in the team's tray; a social worker of another team who
// opens that child's address is refused ("no access", 403) and the attempt is in the audit trail;
// a head of service sees every team. Every page visited must pass axe-core with no serious or
// critical violation.
'use strict';

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const {
  DemoServer, launchBrowser, newContext, clickAndWait, checkAccessibility, screenshot, signIn, sql, safeguard,
  writeAxeSummary,
} = require('./support');

// The team's tray: open allocations with no worker, the longest waiting first.
function trayOf(server, teamId) {
  return sql(server.db, `SELECT child_id, start_date FROM allocation WHERE team_id = ${teamId}
    AND worker_id IS NULL AND start_date <= '${server.today().iso}'
    AND (end_date IS NULL OR end_date > '${server.today().iso}') ORDER BY start_date, id`);
}

describe('a team manager', () => {
  const server = new DemoServer();
  let browser;
  let page;
  let allocatedChild;

  before(async () => {
    await server.start();
    browser = await launchBrowser();
    const context = await newContext(browser);
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
    await page.locator('.sg-chart canvas').first().waitFor();
    const [team] = sql(server.db, "SELECT team_id FROM user_account WHERE username = 'team-manager'");
    const waiting = trayOf(server, team.team_id);
    const shown = await page.locator('#unallocated-table tbody tr').evaluateAll(
      (trs) => trs.map((tr) => Number(tr.getAttribute('data-child-id'))));
    assert.deepEqual([...shown].sort((a, b) => a - b), waiting.slice(0, 25).map((row) => row.child_id).sort((a, b) => a - b));
    if (waiting.length === 0) {
      assert.match(await page.locator('main').innerText(), /Every case in this team is allocated/);
    }
    await checkAccessibility(page, 'team');
    await screenshot(page, 'team');
  });

  it('allocates an unallocated case with a reason', async () => {
    // The demo's team-manager's team may have nothing waiting, so this is the manager of the team
    // with the most cases in its tray, with an account the test adds.
    const [busiest] = sql(server.db, `SELECT a.team_id, COUNT(*) AS n FROM allocation a
      WHERE a.worker_id IS NULL AND a.end_date IS NULL GROUP BY a.team_id ORDER BY n DESC, a.team_id LIMIT 1`);
    assert.ok(busiest && busiest.n > 0, 'some team in the demo has cases waiting in its tray');
    const today = server.today().iso;
    const [manager] = sql(server.db, `SELECT id FROM worker WHERE role = 'team_manager'
      AND team_id = ${busiest.team_id} AND start_date <= '${today}'
      AND (leaving_date IS NULL OR leaving_date > '${today}') ORDER BY id LIMIT 1`);
    safeguard(['user', 'add', '--db', server.db, '--username', 'tray-manager', '--role', 'team_manager',
      '--team', String(busiest.team_id), ...(manager ? ['--worker', String(manager.id)] : [])],
    'tray-manager-password\n');
    await page.context().clearCookies();
    await signIn(page, server.base, 'tray-manager', 'tray-manager-password');
    assert.equal(new URL(page.url()).pathname, '/team');
    const days = await page.locator('#unallocated-table tbody tr td:nth-of-type(2)').allInnerTexts();
    assert.ok(days.length > 0, 'the tray is listed');
    for (const text of days) assert.match(text, /^\d+/);
    const row = page.locator('#unallocated-table tbody tr').first();
    allocatedChild = await row.getAttribute('data-child-id');
    const tray = trayOf(server, busiest.team_id);
    assert.equal(tray.find((r) => r.child_id === Number(allocatedChild)).start_date, tray[0].start_date,
      'the case waiting longest is first');
    await checkAccessibility(page, 'team with unallocated cases');
    await screenshot(page, 'team-unallocated');

    await clickAndWait(page, row.getByRole('link', { name: /Allocate/ }));
    assert.equal(new URL(page.url()).pathname, `/children/${allocatedChild}/allocation`);
    await checkAccessibility(page, 'allocate a case');
    await screenshot(page, 'allocate');

    const refused = await clickAndWait(page, page.getByRole('button', { name: /Allocate|Transfer/ }));
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Select the worker/);
    await checkAccessibility(page, 'allocate a case, with errors');
    await screenshot(page, 'allocate-errors');

    const worker = page.locator('input[name="worker"]').first();
    const workerId = await worker.getAttribute('value');
    await worker.check();
    await page.getByLabel('Reason', { exact: true }).fill('Browser test: new case for the team');
    await page.locator('#override_reason').fill('Browser test: the team is short this week');
    await clickAndWait(page, page.getByRole('button', { name: /Allocate|Transfer/ }));
    assert.equal(new URL(page.url()).pathname, '/team');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Case allocated/);
    const waiting = await page.locator('#unallocated-table tbody tr').evaluateAll(
      (trs) => trs.map((tr) => tr.getAttribute('data-child-id')));
    assert.ok(!waiting.includes(allocatedChild), 'the case has left the tray');

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

    // The audit trail's newest event before the attempt, kept as an anchor (as an operator would).
    const anchor = safeguard(['audit', 'head', '--db', server.db]).trim();
    assert.match(anchor, /^\d+:[0-9a-f]{64}$/);

    const stranger = await newContext(browser);
    const theirs = await stranger.newPage();
    await signIn(theirs, server.base, 'other-team-worker', 'other-team-password');
    const response = await theirs.goto(`${server.base}/children/${allocatedChild}`);
    assert.equal(response.status(), 403);
    assert.equal((await theirs.locator('h1').innerText()).trim(), "You do not have access to this child's record");
    const body = await theirs.locator('main').innerText();
    assert.ok(!body.includes('Chronology'), 'nothing of the record is shown');
    await checkAccessibility(theirs, 'no access');
    await screenshot(theirs, 'no-access');

    // The attempt is in the audit trail, after the anchor, and the chain through it is intact.
    const refusals = sql(server.db, `SELECT seq, entity, entity_id, reason FROM audit_event
      WHERE actor = 'other-team-worker' AND child_id = ${allocatedChild} AND action = 'refuse'`);
    assert.equal(refusals.length, 1, 'the one attempt is one refusal in the audit trail');
    assert.ok(refusals[0].seq > Number(anchor.split(':')[0]), 'recorded after the anchor');
    assert.ok(refusals[0].reason.length > 0, 'the refusal gives the policy\'s reason');
    const verified = safeguard(['audit', 'verify', '--db', server.db, '--anchor', anchor]);
    assert.ok(verified.length > 0, 'audit verify exits 0 and reports the chain intact');
    await stranger.close();
  });

  it('approves nothing it may not: a social worker cannot see the team page', async () => {
    const worker = await newContext(browser);
    const theirs = await worker.newPage();
    await signIn(theirs, server.base, 'social-worker');
    const response = await theirs.goto(`${server.base}/service`);
    assert.equal(response.status(), 403);
    await checkAccessibility(theirs, 'no access to all teams');
    await worker.close();
  });

  it('a head of service sees all teams and can open one', async () => {
    const head = await newContext(browser);
    const theirs = await head.newPage();
    await signIn(theirs, server.base, 'head-of-service');
    assert.equal(new URL(theirs.url()).pathname, '/service');
    const teams = await theirs.locator('#teams-table tbody tr').count();
    const [{ n }] = sql(server.db, 'SELECT COUNT(*) AS n FROM team WHERE active = 1');
    assert.equal(teams, n);
    await checkAccessibility(theirs, 'all teams');
    await screenshot(theirs, 'all-teams');
    await clickAndWait(theirs, theirs.locator('#teams-table tbody tr th a').first());
    assert.match(new URL(theirs.url()).pathname, /^\/teams\/\d+$/);
    await checkAccessibility(theirs, 'a team, seen by the head of service');
    await head.close();
  });
});
