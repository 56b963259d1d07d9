import { expect, test, type Make, type Person } from './fixtures';
import type { Page } from '@playwright/test';

// Cooperation, end to end: a State posts a need, a JSWG organization publishes an offer, the Secretariat proposes
// the match from the brokering board, and both sides accept. Each test makes its own people, in organizations no
// demo account and no other spec uses (Brazil, the Dominican Republic, IICA), so the demo requests, offers and match
// stay as the seed made them (docs/decisions/029).

async function switchTo(page: Page, make: Make, person: Person) {
  const logout = page.getByRole('button', { name: 'Log out' });
  if (await logout.isVisible()) {
    await logout.click();
    await expect(page.getByRole('link', { name: 'Log in' })).toBeVisible();
  }
  await make.logIn(page, person);
}

interface Item {
  title: string;
  description: string;
  mandate: string;
  type: string;
  languages: string[];
  modality: string;
}

async function fillCommon(page: Page, item: Item) {
  await page.getByLabel('Title').fill(item.title);
  await page.getByLabel('Description').fill(item.description);
  await page
    .getByRole('group', { name: 'Mandates', exact: true })
    .getByRole('checkbox', { name: new RegExp(`^${item.mandate}( |$)`) })
    .check();
  await page.getByRole('group', { name: 'Types of assistance' }).getByLabel(item.type, { exact: true }).check();
  for (const language of item.languages)
    await page.getByRole('group', { name: 'Working languages' }).getByLabel(language, { exact: true }).check();
  await page.getByRole('group', { name: 'Modality' }).getByLabel(item.modality, { exact: true }).check();
}

test('a State posts a need, a JSWG organization offers, the Secretariat proposes, both accept', async ({
  page,
  make,
}) => {
  const requestTitle = `Whistleblower protection law ${make.tag}`;
  const offerTitle = `Legislative drafting support on whistleblower protection ${make.tag}`;
  const coordinator = await make.person('BR', 'national_coordinator');
  const focalPoint = await make.person('IICA', 'jswg_focal_point');
  const broker = await make.person('SUMMITS-SECRETARIAT', 'secretariat_staff');

  // Brazil's National Coordinator posts and publishes a need.
  await make.logIn(page, coordinator);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Cooperation', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cooperation' })).toBeVisible();
  await page.getByRole('link', { name: 'New assistance request' }).click();
  await fillCommon(page, {
    title: requestTitle,
    description:
      'We need legislative assistance to draft a whistleblower protection law: protection measures, confidential reporting channels and sanctions for retaliation.',
    mandate: '12',
    type: 'Legislative assistance',
    languages: ['Spanish'],
    modality: 'Either',
  });
  await page.getByRole('button', { name: 'Save and publish' }).click();
  await expect(page.getByRole('heading', { level: 1, name: requestTitle })).toBeVisible();
  await expect(page.getByText('Open', { exact: true })).toBeVisible();
  await expect(page.getByText('No match proposed yet.')).toBeVisible();

  // IICA's focal point publishes an offer on the same mandate and type.
  await switchTo(page, make, focalPoint);
  await page.goto('/cooperation/offers/new');
  await fillCommon(page, {
    title: offerTitle,
    description:
      'Legislative assistance for drafting whistleblower protection laws: model law, comparative review of protection measures, reporting channels and retaliation sanctions.',
    mandate: '12',
    type: 'Legislative assistance',
    languages: ['Spanish', 'English'],
    modality: 'Either',
  });
  await page.getByLabel('Capacity (States supported at once)').fill('2');
  await page.getByRole('button', { name: 'Save and publish' }).click();
  await expect(page.getByRole('heading', { level: 1, name: offerTitle })).toBeVisible();
  await expect(page.getByText('Published', { exact: true }).first()).toBeVisible();

  // The Secretariat sees IICA's offer among the candidates of Brazil's request and proposes it.
  await switchTo(page, make, broker);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Brokering', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Brokering board' })).toBeVisible();
  const requestCard = page
    .getByTestId('board-request')
    .filter({ has: page.getByRole('heading', { name: requestTitle }) });
  const candidate = requestCard.getByTestId('candidate').filter({ hasText: offerTitle });
  await expect(candidate).toBeVisible();
  await expect(candidate.getByRole('table', { name: /Contributions to the score/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Proposed allocation' })).toBeVisible();
  await candidate.getByRole('button', { name: /^Propose/ }).click();
  await expect(page).toHaveURL(/\/matches\/[0-9a-f-]{36}$/);
  const matchUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('match-status')).toContainText('Proposed');
  await expect(page.getByText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/).first()).toBeVisible();
  // Both sides' focal points get the proposal by mail (the development outbox shows it).
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Outbox', exact: true })
    .click();
  await expect(page.getByText('[Minka] A cooperation match is proposed').first()).toBeVisible();
  await expect(page.getByRole('cell', { name: focalPoint.email }).first()).toBeVisible();

  // IICA's focal point accepts.
  await switchTo(page, make, focalPoint);
  await page.goto(matchUrl);
  await expect(page.getByRole('heading', { name: 'Why this match' })).toBeVisible();
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You accepted' })).toBeVisible();
  await expect(page.getByTestId('match-status')).toContainText('Proposed');
  await expect(page.getByRole('button', { name: 'Accept' })).toHaveCount(0);

  // Brazil's coordinator accepts: the match is confirmed.
  await switchTo(page, make, coordinator);
  await page.goto(matchUrl);
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByTestId('match-status')).toContainText('Confirmed');
  await expect(page.getByText('Both sides accepted: the match is confirmed.')).toBeVisible();

  // Brazil's coordinator was notified of the proposal and the confirmation.
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: /^Notifications/ })
    .click();
  await expect(page.getByRole('link', { name: 'A cooperation match is confirmed' }).first()).toBeVisible();
});

test('another State’s delegate cannot open an unpublished draft request', async ({ page, make }) => {
  const title = `Draft on asset declarations ${make.tag}`;
  await make.logIn(page, await make.person('BR', 'national_coordinator'));
  await page.goto('/cooperation/requests/new');
  await fillCommon(page, {
    title,
    description:
      'A draft we are still writing: support to design an electronic asset-declaration system for public officials.',
    mandate: '14',
    type: 'Policy design',
    languages: ['Spanish'],
    modality: 'Virtual',
  });
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Draft', { exact: true })).toBeVisible();
  const draftUrl = new URL(page.url()).pathname;

  await switchTo(page, make, await make.person('DO', 'delegate'));
  const response = await page.goto(draftUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);

  // Nor the Secretariat's mail outbox.
  expect((await page.goto('/admin/outbox'))?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

test('a bad offer form shows field errors and keeps what was typed', async ({ page, make }) => {
  const description = 'What we typed must survive a failed submission: training for prosecutors on asset recovery.';
  await make.logIn(page, await make.person('IICA', 'jswg_focal_point'));
  await page.goto('/cooperation/offers/new');
  await page.getByLabel('Description').fill(description);
  await page.getByLabel('Capacity (States supported at once)').fill('-1');
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page.getByRole('alert')).toContainText('Some fields need attention');
  const title = page.getByLabel('Title');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAccessibleDescription(/short title/);
  const capacity = page.getByLabel('Capacity (States supported at once)');
  await expect(capacity).toHaveAttribute('aria-invalid', 'true');
  await expect(capacity).toHaveAccessibleDescription(/below zero/);
  await expect(capacity).toHaveValue('-1');
  await expect(page.getByLabel('Description')).toHaveValue(description);
  // A draft need not name its mandates yet (issue 15 item 6): only publishing asks for them.
  await expect(page.getByRole('group', { name: 'Mandates', exact: true })).not.toHaveAttribute('aria-invalid', 'true');
});

test('a Spanish reader gets the services’ field errors in Spanish', async ({ page, context, baseURL, make }) => {
  await make.logIn(page, await make.person('IICA', 'jswg_focal_point'));
  await context.addCookies([{ name: 'minka_lang', value: 'es', url: baseURL! }]);
  await page.goto('/cooperation/offers/new');
  await page
    .locator('textarea[name="description"]')
    .fill('Capacitación para fiscales en recuperación de activos, con casos prácticos.');
  await page.locator('input[name="capacity"]').fill('-1');
  await page.locator('button[name="intent"][value="draft"]').click();

  await expect(page.getByRole('alert')).toContainText('Algunos campos requieren atención');
  await expect(page.locator('input[name="title"]')).toHaveAccessibleDescription(/Dé un título breve/);
  await expect(page.locator('input[name="capacity"]')).toHaveAccessibleDescription(/no puede ser menor que cero/);
});

// The board reads the demo requests and offers (it lists every open request); it changes nothing.
test('the brokering board explains each candidate in the reader’s language', async ({
  page,
  context,
  baseURL,
  make,
}) => {
  await make.logIn(page, await make.person('SUMMITS-SECRETARIAT', 'secretariat_staff'));
  await page.goto('/admin/matching');
  const english = page.getByTestId('candidate').first().locator('ul.explanations');
  await expect(english).toContainText(
    /Covers (the requested mandate|all requested mandates|mandates? [\d ,and]+ of the)/,
  );

  await context.addCookies([{ name: 'minka_lang', value: 'es', url: baseURL! }]);
  await page.reload();
  const spanish = page.getByTestId('candidate').first().locator('ul.explanations');
  await expect(spanish).toContainText(
    /Cubre (el mandato solicitado|todos los mandatos solicitados|(el|los) mandatos? [\d ,y]+ de los)/,
  );
  await expect(spanish).not.toContainText(/\b(Covers|Offers|Works in|places left|Published offer)\b/);
});

// In the demo's open update cycle, which every organization answers: IICA's questionnaire is this test's own.
test('a JSWG organization’s Q7 answer becomes a draft offer, linked back; after publication an answer edit waits for confirmation', async ({
  page,
  make,
}) => {
  const summary = `Training for prosecutors ${make.tag}`;
  await make.logIn(page, await make.person('IICA', 'jswg_focal_point'));
  await page.goto('/questionnaire');
  await page.getByRole('link', { name: /^Our questionnaire: \(Demo\) \d{4} update$/ }).click();
  await page.waitForURL(/\/questionnaire\/[0-9a-f-]{36}$/);
  const mandatePath = `${new URL(page.url()).pathname}/7`;
  await page.goto(mandatePath);
  const q7 = () => page.locator('section.question[id$="Q7"]').first();
  await q7().getByLabel('Summary answer').fill(summary);
  await q7()
    .getByLabel('Full answer')
    .fill(`IICA offers a training programme for prosecutors on asset recovery (${make.tag}).`);
  await q7().getByRole('button', { name: 'Save Q7' }).click();
  await expect(q7().getByText(/^Q7 saved \(version \d+\)\.$/)).toBeVisible();
  await expect(q7().getByTestId('linked-item')).toContainText('This answer became a cooperation offer.');
  await expect(q7().getByTestId('linked-item')).toContainText('It is a draft');

  await q7().getByRole('link', { name: 'Open the offer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Mandate 7: ${summary}` })).toBeVisible();
  await expect(page.getByText('Drafted from your answer to Q7 on mandate 7.')).toBeVisible();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Published.', { exact: true })).toBeVisible();
  const offerPath = new URL(page.url()).pathname;

  // An edit of the answer does not change the published offer until the focal point confirms it.
  await page.goto(mandatePath);
  await q7()
    .getByLabel('Full answer')
    .fill(`IICA offers a training programme for prosecutors and judges on asset recovery (${make.tag}).`);
  await q7().getByRole('button', { name: 'Save Q7' }).click();
  await expect(q7().getByTestId('linked-item')).toContainText('Your latest edit waits for your confirmation');
  await page.goto(offerPath);
  await expect(page.locator('p.description')).not.toContainText('and judges');
  const pending = page.getByTestId('pending-update');
  await expect(pending).toContainText('and judges');
  await pending.getByRole('button', { name: 'Use the answer’s text' }).click();
  await expect(page.getByText('The text from the answer is now used.')).toBeVisible();
  await expect(page.locator('p.description')).toContainText('and judges');

  // Published: the public directory lists it.
  await page.goto(`/directory?q=${encodeURIComponent(make.tag)}`);
  await expect(page.getByRole('link', { name: `Mandate 7: ${summary}` })).toBeVisible();
});

test('a match proposed through the services: a third State cannot open it; declining needs a reason', async ({
  page,
  make,
}) => {
  // The request, the offer and the match are made by the fixtures (tests/e2e/fixtures.ts), not through the pages.
  const coordinator = await make.person('BR', 'national_coordinator');
  const request = await make.request(coordinator, { title: `Asset recovery legislation ${make.tag}` });
  const offer = await make.offer(await make.person('IICA', 'jswg_focal_point'));
  const match = await make.match(request, offer);

  await make.logIn(page, await make.person('DO', 'delegate'));
  expect([403, 404]).toContain((await page.goto(match.url))?.status());
  await expect(page.getByText(request.title)).toHaveCount(0);

  await switchTo(page, make, coordinator);
  await page.goto(match.url);
  await expect(page.getByRole('heading', { level: 1, name: `Match for “${request.title}”` })).toBeVisible();
  await expect(page.getByTestId('match-status')).toContainText('Proposed');
  await page.getByRole('button', { name: 'Decline' }).click();
  await expect(page.getByText('Say briefly why you decline (at least 5 characters).')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Accept' })).toBeVisible();
  await page.getByLabel('Reason', { exact: true }).fill('We found support closer to home.');
  await page.getByRole('button', { name: 'Decline' }).click();
  await expect(page.getByText('You declined the match.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Accept' })).toHaveCount(0);
});
