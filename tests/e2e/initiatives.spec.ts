import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { makePdf } from '../../services/storage/pdf';
import { expect, test, type Person } from './fixtures';

// Issue 19, one story with four roles on data of its own (tests/e2e/fixtures.ts, docs/decisions/029): Saint Lucia asks
// for judicial training, the Caribbean Development Bank offers it, and both accept the match the Secretariat proposed.
// The Secretariat turns the confirmed match into an initiative in one click, schedules a meeting in the match's
// roundtable, records funding and logs an outcome; both participants agree to the outcome, only Saint Lucia to the
// funding at first; the Secretariat publishes the outcome. A visitor reads the chain on the public page (the need, the
// match, the roundtable, the meeting with its date, the outcome) and never meets the funding until every participant
// has agreed, in the page, the registry, the exports, the Atom feed or the open-data API. Saint Lucia and the CDB are
// organizations no demo account belongs to, so nothing here reaches another spec's people.
//
// One test with steps, not several serial tests: what a test makes is cleaned up after it (the initiative unpublished,
// the match's room archived, the people disabled), and the story needs it from the first step to the last.
test.describe.configure({ timeout: 300_000 });

async function violations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} on ${page.url()}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

test('four roles: a confirmed match becomes an initiative, a meeting and an outcome are logged, the participants agree to publish the funding, and a visitor reads the whole chain', async ({
  browser,
  make,
}) => {
  const state = await make.person('LC', 'national_coordinator');
  const jswg = await make.person('CDB', 'jswg_focal_point');
  const outsider = await make.person('BO', 'delegate');
  const need = `Saint Lucia asks for training of its judges on the independence standards (${make.tag}).`;
  const request = await make.request(state, {
    title: `E2E training for judges on judicial independence ${make.tag}`,
    description: need,
    types: ['capacity_building'],
  });
  const offer = await make.offer(jswg, {
    title: `E2E judicial training programme ${make.tag}`,
    description: `The CDB offers a training programme for judges on the independence standards (${make.tag}).`,
    types: ['capacity_building'],
  });
  const match = await make.match(request, offer);
  const room = await make.confirm(match);
  // The Secretariat staff member who proposed the match convened its room: the Secretariat of this story.
  const secretariat = room.convener;

  const matchTitle = request.title;
  const fundingCanary = `E2E-FUNDING-CANARY-${make.tag}`;
  const outcomeText = `E2E ${make.tag}: forty judges trained on the independence standards.`;
  const meetingTitle = `E2E follow-up call on the training ${make.tag}`;
  /** A page of its own browser context, signed in as this person (or a visitor). */
  async function as(person: Person | null): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    if (person) await make.logIn(page, person);
    return page;
  }
  let initiativePath = '';
  let initiativeId = '';

  /** Everything the public can read about initiatives, by path. */
  async function publicParts(page: Page): Promise<Record<string, string>> {
    const parts: Record<string, string> = {};
    for (const path of [
      initiativePath,
      '/initiatives',
      '/initiatives/export.csv',
      '/initiatives/export.json',
      '/initiatives.atom',
      '/api/v1/initiatives',
      '/api/v1/initiatives?organization=LC',
      `/api/v1/initiatives/${initiativeId}`,
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      parts[path] = await response.text();
    }
    return parts;
  }
  const publicText = async (page: Page) => Object.values(await publicParts(page)).join('\n');

  await test.step('the Secretariat creates the initiative from the confirmed match, schedules a meeting, records funding and an outcome, and publishes it', async () => {
    const anonymous = await as(null);
    expect((await anonymous.request.get('/admin/initiatives', { maxRedirects: 0 })).status()).toBe(302);
    const statePage = await as(state);
    expect((await statePage.request.get('/admin/initiatives')).status()).toBe(403);

    const admin = await as(secretariat);
    await admin.goto('/admin/initiatives');
    await admin.getByRole('button', { name: `Create the initiative from the match for “${matchTitle}”` }).click();
    await admin.waitForURL(/\/admin\/initiatives\/[0-9a-f-]{36}$/);
    initiativePath = new URL(admin.url()).pathname.replace('/admin', '');
    initiativeId = initiativePath.split('/')[2];
    await expect(admin.getByRole('heading', { level: 1 })).toHaveText(matchTitle);
    // The one-click list no longer offers it.
    await admin.goto('/admin/initiatives');
    await expect(
      admin.getByRole('button', { name: `Create the initiative from the match for “${matchTitle}”` }),
    ).toHaveCount(0);

    // A meeting in the match's roundtable, which the initiative links to.
    await admin.goto(room.url);
    await admin.getByRole('link', { name: 'Schedule a videoconference' }).click();
    await admin.getByLabel('Title', { exact: true }).fill(meetingTitle);
    await admin.getByLabel(/^Start/).fill('2030-01-15T10:00');
    await admin.getByLabel('Time zone (IANA name)').fill('America/Lima');
    await admin.getByLabel('Duration (minutes)').fill('90');
    await admin.getByRole('button', { name: 'Schedule and invite' }).click();
    await expect(admin.getByText('The videoconference is scheduled and everyone invited was notified.')).toBeVisible();

    await admin.goto(`/admin${initiativePath}`);
    await admin.getByLabel('Source').fill(fundingCanary);
    await admin.getByLabel('Amount').fill('5000');
    await admin.getByLabel('Currency').fill('usd');
    await admin.getByRole('button', { name: 'Record the funding' }).click();
    await expect(admin.getByText('Funding recorded.')).toBeVisible();
    await expect(admin.getByText('0 of 2 participants agreed to publish it')).toBeVisible();

    await admin.getByLabel('What changed').fill(outcomeText);
    await admin.getByLabel('Figures (optional)').fill('Judges trained: 40');
    await admin.getByRole('button', { name: 'Log the outcome' }).click();
    await expect(admin.getByText('Outcome logged.')).toBeVisible();

    await admin.getByLabel('New status').selectOption('in_progress');
    await admin.getByRole('button', { name: 'Change the status' }).click();
    await expect(admin.getByText('Status changed; the linked requests moved with it.')).toBeVisible();
    await admin.getByRole('button', { name: 'Publish the initiative' }).click();
    await expect(admin.getByText('Published.', { exact: true })).toBeVisible();
    expect(await violations(admin)).toEqual([]);

    // Published, but the outcome is not agreed and the funding is not: the public sees neither, anywhere.
    const parts = await publicParts(anonymous);
    for (const [path, text] of Object.entries(parts)) {
      expect(text, path).toContain(matchTitle);
      expect(text, path).not.toContain(fundingCanary);
      expect(text, path).not.toContain(outcomeText);
    }
    for (const page of [anonymous, statePage, admin]) await page.context().close();
  });

  await test.step('the participants agree: Saint Lucia to the outcome and the funding, the CDB to the outcome only; the Secretariat publishes the outcome', async () => {
    const statePage = await as(state);
    await statePage.goto(initiativePath);
    // A participant sees the funding before it is public (in the funding list; the form asking that a part not be
    // published names it too).
    await expect(statePage.getByRole('listitem').filter({ hasText: fundingCanary })).toBeVisible();
    // Saint Lucia attaches the training report to the outcome while it waits for agreement (same upload checks as
    // elsewhere).
    await statePage.getByLabel('Document title (optional)').fill('Training report');
    await statePage.getByLabel('Document', { exact: true }).setInputFiles({
      name: 'report.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(makePdf('Judicial training report')),
    });
    await statePage.getByRole('button', { name: 'Attach the document' }).click();
    await expect(statePage.getByText('Document attached.')).toBeVisible();
    await expect(statePage.getByRole('link', { name: 'Training report' })).toBeVisible();
    const reportPath = (await statePage.getByRole('link', { name: 'Training report' }).getAttribute('href'))!;
    expect((await statePage.request.get(reportPath)).status()).toBe(200);
    const stranger = await as(null);
    expect((await stranger.request.get(reportPath)).status()).toBe(404); // the outcome is not published yet
    await statePage.getByRole('button', { name: 'My organization agrees to this outcome' }).click();
    await expect(statePage.getByText("Your organization's agreement is recorded.")).toBeVisible();
    await statePage.getByRole('button', { name: 'My organization agrees to publish this funding' }).click();
    await expect(statePage.getByText('1 of 2 participants agreed to publish it')).toBeVisible();

    // Another State's delegate reads the public story, not the record.
    const other = await as(outsider);
    const otherView = await (await other.request.get(initiativePath)).text();
    expect(otherView).toContain(matchTitle);
    expect(otherView).not.toContain(fundingCanary);

    const jswgPage = await as(jswg);
    await jswgPage.goto(initiativePath);
    await jswgPage.getByRole('button', { name: 'My organization agrees to this outcome' }).click();
    await expect(jswgPage.getByText("Your organization's agreement is recorded.")).toBeVisible();

    const admin = await as(secretariat);
    await admin.goto(`/admin${initiativePath}`);
    await admin.getByRole('button', { name: 'Publish this outcome' }).click();
    await expect(admin.getByText('Outcome published.')).toBeVisible();
    for (const page of [statePage, stranger, other, jswgPage, admin]) await page.context().close();
  });

  await test.step('a visitor reads the whole chain, the meeting with its date included, and never the funding one participant has not agreed to; once it agrees, the funding is public', async () => {
    const visitor = await as(null);
    await visitor.goto('/initiatives');
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Cooperation initiatives');
    await expect(visitor.getByRole('img', { name: /Initiatives by status/ })).toBeVisible();
    await expect(visitor.getByRole('table').first()).toContainText('In progress');
    expect(await violations(visitor)).toEqual([]);
    await visitor.getByRole('link', { name: matchTitle }).click();
    await visitor.waitForURL(`**${initiativePath}`);
    await expect(visitor.getByRole('heading', { name: 'The need' })).toBeVisible();
    await expect(visitor.getByText(need).first()).toBeVisible();
    await expect(visitor.getByRole('heading', { name: 'The match' })).toBeVisible();
    await expect(visitor.getByRole('heading', { name: 'The roundtable' })).toBeVisible();
    // The meeting held in the match's roundtable, with its date (10:00 in Lima is 15:00 UTC), and nothing of its
    // agenda or invitees.
    await expect(visitor.getByRole('heading', { name: 'The meetings' })).toBeVisible();
    const meeting = visitor.locator('ul.meetings > li').filter({ hasText: meetingTitle });
    await expect(meeting).toHaveCount(1);
    await expect(meeting).toContainText('2030-01-15 15:00 UTC');
    await expect(meeting).toContainText('90 minutes');
    await expect(meeting).toContainText('scheduled');
    await expect(visitor.getByText(outcomeText)).toBeVisible();
    await expect(visitor.getByText('Judges trained', { exact: true })).toBeVisible();
    await expect(visitor.getByRole('button', { name: /agrees/ })).toHaveCount(0);
    const report = await visitor.request.get(
      (await visitor.getByRole('link', { name: 'Training report' }).getAttribute('href'))!,
    );
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toContain('application/pdf');
    expect(await violations(visitor)).toEqual([]);
    const published = await publicParts(visitor);
    for (const [path, text] of Object.entries(published)) expect(text, path).not.toContain(fundingCanary);
    // The outcome is in the page, the exports, the feed and the API.
    for (const path of [
      initiativePath,
      '/initiatives/export.json',
      '/initiatives.atom',
      `/api/v1/initiatives/${initiativeId}`,
      '/api/v1/initiatives?organization=LC',
    ])
      expect(published[path], path).toContain(outcomeText);

    const jswgPage = await as(jswg);
    await jswgPage.goto(initiativePath);
    await jswgPage.getByRole('button', { name: 'My organization agrees to publish this funding' }).click();
    await expect(jswgPage.getByText('every participant agreed to publish it')).toBeVisible();
    await visitor.reload();
    await expect(visitor.getByRole('heading', { name: 'External funding' })).toBeVisible();
    const agreed = await publicParts(visitor);
    for (const path of [initiativePath, '/initiatives/export.json', `/api/v1/initiatives/${initiativeId}`])
      expect(agreed[path], path).toContain(fundingCanary);

    // A correction is a new version: until every participant agrees and it is published, the public keeps the first.
    const admin = await as(secretariat);
    await admin.goto(`/admin${initiativePath}`);
    await admin.getByText('Correct this outcome (a new version; this one is kept)').click();
    await admin
      .getByLabel('What changed, corrected')
      .fill(`E2E ${make.tag}: forty-two judges trained (corrected count).`);
    await admin.getByRole('button', { name: 'Propose the corrected version' }).click();
    await expect(admin.getByText('Corrected version recorded.')).toBeVisible();
    await expect(admin.getByText('replaced by a later version')).toBeVisible();
    const afterCorrection = await publicText(visitor);
    expect(afterCorrection).toContain(outcomeText);
    expect(afterCorrection).not.toContain('forty-two judges');

    // In Spanish too.
    await visitor.context().addCookies([{ name: 'minka_lang', value: 'es', url: visitor.url() }]);
    await visitor.goto(initiativePath);
    await expect(visitor.getByRole('heading', { name: 'La necesidad' })).toBeVisible();
    await expect(visitor.getByRole('heading', { name: 'Las reuniones' })).toBeVisible();
    for (const page of [visitor, jswgPage, admin]) await page.context().close();
  });
});
