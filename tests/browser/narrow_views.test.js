// The narrow views: a partner agency submits a concern and sees only its own; an analyst sees the
// service's figures with no child named; a team manager sees who broke glass on the team's
// children; a head of service checks the SSDA903 return and follows a failure to the child's
// record. Every page visited must pass axe-core with no serious or critical violation.
'use strict';

const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const {
  DemoServer, launchBrowser, newContext, clickAndWait, checkAccessibility, screenshot, signIn, sql,
  safeguard, writeAxeSummary,
} = require('./support');

describe('the narrow views', () => {
  const server = new DemoServer();
  let browser;

  before(async () => {
    await server.start();
    browser = await launchBrowser();
  });

  after(async () => {
    writeAxeSummary('narrow-views');
    if (browser) await browser.close();
    await server.stop();
  });

  it('a partner agency submits a concern and sees it, and only its own', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.base, 'partner-police');
    assert.equal(new URL(page.url()).pathname, '/concerns');
    await checkAccessibility(page, 'your concerns');

    await clickAndWait(page, page.getByRole('button', { name: 'Tell us about a concern' }));
    assert.equal(new URL(page.url()).pathname, '/concerns/new');
    await checkAccessibility(page, 'tell us about a concern');

    const refused = await clickAndWait(page, page.getByRole('button', { name: 'Send the concern' }));
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter the child's first name/);
    await checkAccessibility(page, 'tell us about a concern, with errors');
    await screenshot(page, 'concern-errors');

    const today = server.today();
    const words = `Browser test concern ${Date.now()}: seen out late, twice this week.`;
    await page.getByLabel("Child's first name").fill('Robin');
    await page.getByLabel("Child's last name").fill('Testcase');
    await page.locator('#date-day').fill(String(today.day));
    await page.locator('#date-month').fill(String(today.month));
    await page.locator('#date-year').fill(String(today.year));
    await page.getByLabel('What is the concern?').fill(words);
    await clickAndWait(page, page.getByRole('button', { name: 'Send the concern' }));
    assert.match(new URL(page.url()).pathname, /^\/concerns\/\d+$/);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /front door has your concern/);
    assert.equal((await page.locator('#concern-status').innerText()).trim(), 'Received');
    await checkAccessibility(page, 'a concern');
    await screenshot(page, 'concern');
    const reference = new URL(page.url()).pathname.split('/').pop();

    const stored = sql(server.db, `SELECT actor FROM audit_event WHERE seq = ${reference}
      AND action = 'submit' AND entity = 'concern'`);
    assert.deepEqual(stored, [{ actor: 'partner-police' }]);

    await page.goto(`${server.base}/concerns`);
    const listed = await page.locator('#concerns-table tbody tr').evaluateAll(
      (rows) => rows.map((row) => row.getAttribute('data-reference')));
    assert.deepEqual(listed, [reference]);

    // Another partner (an account the test adds) lists nothing and cannot open it.
    safeguard(['user', 'add', '--db', server.db, '--username', 'partner-school',
      '--role', 'partner_agency', '--agency', 'Northbrook Academy'], 'partner-school-password\n');
    const other = await newContext(browser);
    const theirs = await other.newPage();
    await signIn(theirs, server.base, 'partner-school', 'partner-school-password');
    assert.equal(await theirs.locator('#concerns-table').count(), 0);
    const response = await theirs.goto(`${server.base}/concerns/${reference}`);
    assert.equal(response.status(), 403);
    await checkAccessibility(theirs, "another partner's concern");
    await other.close();
    await context.close();
  });

  it('an analyst sees the figures and no child', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.base, 'analyst');
    assert.equal(new URL(page.url()).pathname, '/figures');
    const summary = JSON.parse(safeguard(['summary', '--db', server.db, '--format', 'json']));
    const shown = (await page.locator('[data-figure="children_looked_after"] dd').innerText()).trim();
    assert.equal(shown.replace(/,/g, ''), String(summary.children_looked_after));
    assert.equal(await page.locator('a[href^="/children/"]').count(), 0, 'no child is linked');
    await checkAccessibility(page, 'figures');
    await screenshot(page, 'figures');
    const response = await page.goto(`${server.base}/children/1`);
    assert.equal(response.status(), 403);
    await context.close();
  });

  it("a team manager sees who broke glass on the team's children", async () => {
    // A social worker of another team breaks glass on a child the demo team holds, through the API.
    const today = server.today().iso;
    const [{ team_id: team }] = sql(server.db, "SELECT team_id FROM user_account WHERE username = 'team-manager'");
    const [held] = sql(server.db, `SELECT child_id FROM allocation WHERE team_id = ${team}
      AND start_date <= '${today}' AND (end_date IS NULL OR end_date > '${today}') ORDER BY child_id LIMIT 1`);
    const [other] = sql(server.db, `SELECT id, team_id FROM worker WHERE role = 'social_worker'
      AND team_id IS NOT NULL AND team_id != ${team} AND start_date <= '${today}'
      AND (leaving_date IS NULL OR leaving_date > '${today}') ORDER BY id LIMIT 1`);
    safeguard(['user', 'add', '--db', server.db, '--username', 'night-duty', '--role', 'social_worker',
      '--team', String(other.team_id), '--worker', String(other.id)], 'night-duty-password\n');
    const session = await fetch(`${server.base}/api/v1/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'night-duty', password: 'night-duty-password' }),
    });
    assert.equal(session.status, 200);
    const { csrf_token: csrf } = await session.json();
    const cookie = session.headers.get('set-cookie').split(';')[0];
    const reason = `Browser test: police called out of hours ${Date.now()}`;
    const grant = await fetch(`${server.base}/api/v1/children/${held.child_id}/break-glass`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Cookie: cookie },
      body: JSON.stringify({ reason }),
    });
    assert.equal(grant.status, 201, await grant.text());

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.base, 'team-manager');
    await clickAndWait(page, page.getByRole('link', { name: 'see the emergency accesses' }));
    assert.equal(new URL(page.url()).pathname, '/team/emergency-access');
    const row = page.locator('#break-glass-table tbody tr').first();
    assert.equal(await row.getAttribute('data-child-id'), String(held.child_id));
    const text = await row.innerText();
    assert.ok(text.includes(reason), text);
    assert.match(text, /night-duty/);
    assert.match(text, /Active/);
    await checkAccessibility(page, 'emergency access');
    await screenshot(page, 'emergency-access');
    await context.close();
  });

  it('a head of service checks the SSDA903 return and opens a failing child', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, server.base, 'head-of-service');
    await clickAndWait(page, page.getByRole('link', { name: 'Returns' }));
    assert.equal(new URL(page.url()).pathname, '/returns');
    assert.match(await page.locator('#returns-summary').innerText(), /return/);
    await checkAccessibility(page, 'returns');
    await screenshot(page, 'returns');

    const year = await page.locator('#year').inputValue();
    const rows = page.locator('#returns-table tbody tr[data-child-id]');
    if (await rows.count() === 0) {
      assert.match(await page.locator('#returns-summary').innerText(), /passes all/);
      return;
    }
    const first = rows.first();
    const childId = await first.getAttribute('data-child-id');
    assert.ok(await first.locator('.govuk-tag').count() > 0, 'each failure names its rule');
    await clickAndWait(page, first.locator('th a'));
    assert.equal(new URL(page.url()).pathname, `/children/${childId}`);
    await checkAccessibility(page, "child's record from the returns page");

    // Another year, chosen with the form.
    await page.goto(`${server.base}/returns`);
    const options = await page.locator('#year option').evaluateAll((all) => all.map((o) => o.value));
    const another = options.find((value) => value !== year);
    await page.locator('#year').selectOption(another);
    await clickAndWait(page, page.getByRole('button', { name: 'Check this year' }));
    assert.equal(new URL(page.url()).searchParams.get('year'), another);
    await checkAccessibility(page, 'returns, another year');
    await context.close();
  });
});
