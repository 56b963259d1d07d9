import { expect, test } from './fixtures';
import { demo, logIn, openDemoRoom } from './helpers';

// The first test convenes a room of its own through the pages, for States no demo account belongs to, with people
// made for it (tests/e2e/fixtures.ts). The other two read the demo match and its room and change nothing in them.

test('the Secretariat convenes a room with a purpose and mandates, invites another State later, and adds back someone removed', async ({
  page,
  browser,
  make,
}) => {
  // The whole life of a room, from the convening form to the archive, with four people made for it.
  test.slow();
  const secretariat = await make.person('SUMMITS-SECRETARIAT', 'secretariat_staff');
  const mexico = await make.person('MX', 'delegate', { name: `Delegate MX ${make.tag}` });
  const ecuador = [
    await make.person('EC', 'delegate', { name: `Delegate EC ${make.tag}` }),
    await make.person('EC', 'deputy_focal_point', { name: `Deputy EC ${make.tag}` }),
  ];
  await make.logIn(page, secretariat);
  await page.goto('/roundtables');
  const title = `Asset declarations exchange ${Date.now()}`;
  const form = page.locator('form').filter({ has: page.getByLabel('Title') });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Purpose (optional)').fill('To compare how asset declarations are verified.');
  await form.getByLabel('Mandates (optional)').fill('2, two');
  const invited = form.getByRole('group', { name: 'Organizations invited' });
  // Nobody invited: said on the organizations' group.
  await form.getByRole('button', { name: 'Open the roundtable' }).click();
  await expect(invited).toHaveAttribute('aria-invalid', 'true');
  await expect(invited.getByText('Invite at least one organization.')).toBeVisible();
  await invited.getByRole('group', { name: 'States' }).getByLabel('Mexico', { exact: true }).check();
  await form.getByRole('button', { name: 'Open the roundtable' }).click();

  // A bad mandate is said on its field, and nothing typed is lost (the chosen organization neither).
  await expect(page.getByText('Mandates are numbers, such as 2 or 12.')).toBeVisible();
  await expect(form.getByLabel('Title')).toHaveValue(title);
  await expect(form.getByLabel('Purpose (optional)')).toHaveValue('To compare how asset declarations are verified.');
  await expect(invited.getByLabel('Mexico', { exact: true })).toBeChecked();
  await expect(invited.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await form.getByLabel('Mandates (optional)').fill('2, 12');
  await form.getByRole('button', { name: 'Open the roundtable' }).click();

  await page.waitForURL(/\/roundtables\/[0-9a-f-]{36}$/);
  const roomUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('To compare how asset declarations are verified.')).toBeVisible();
  await expect(page.getByText('mandates 2, 12')).toBeVisible();
  const participants = page.getByRole('region', { name: 'Participants' });
  await expect(participants.getByRole('listitem').filter({ hasText: mexico.displayName })).toContainText('Mexico');
  await expect(participants.getByText(ecuador[0].displayName)).toHaveCount(0);

  // Ecuador is invited later: its people join and the page says how many.
  await participants.getByLabel('Invite another organization').selectOption({ label: 'Ecuador' });
  await participants.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByText(/^Ecuador is in the roundtable\. New participants: 2\.$/)).toBeVisible();
  await expect(participants.getByRole('listitem').filter({ hasText: ecuador[0].displayName })).toContainText('Ecuador');
  await expect(page.getByText(/ · Open · Ecuador, Mexico/)).toBeVisible();

  // Ecuador's delegate can now open the room.
  const ecuadorContext = await browser.newContext();
  const ecuadorPage = await ecuadorContext.newPage();
  await make.logIn(ecuadorPage, ecuador[0]);
  expect((await ecuadorPage.goto(roomUrl))?.status()).toBe(200);

  // Removed, then added back.
  await participants.getByRole('button', { name: `Remove ${ecuador[0].displayName}` }).click();
  const removed = page.getByRole('list', { name: 'Removed from this roundtable' });
  await expect(removed.getByText(ecuador[0].displayName)).toBeVisible();
  expect((await ecuadorPage.goto(roomUrl))?.status()).toBe(403);
  await removed.getByRole('button', { name: `Add back ${ecuador[0].displayName}` }).click();
  await expect(page.getByRole('list', { name: 'Removed from this roundtable' })).toHaveCount(0);
  await expect(participants.getByRole('listitem').filter({ hasText: ecuador[0].displayName })).toContainText('Ecuador');
  expect((await ecuadorPage.goto(roomUrl))?.status()).toBe(200);
  await ecuadorContext.close();

  // A mute can be lifted from the same place.
  await participants.getByRole('button', { name: `Mute 15 min ${mexico.displayName}` }).click();
  const delegateMX = participants.getByRole('listitem').filter({ hasText: mexico.displayName });
  await expect(delegateMX.getByText('muted')).toBeVisible();
  await delegateMX.getByRole('button', { name: `Lift the mute ${mexico.displayName}` }).click();
  await expect(delegateMX.getByText('muted')).toHaveCount(0);

  // Closed, then archived: it moves between the list's tabs, and leaves the participants' list when archived.
  await page.getByRole('button', { name: 'Close the roundtable (read-only)' }).click();
  await expect(page.getByText('This roundtable is closed')).toBeVisible();
  await page.goto('/roundtables?status=closed');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await page.goto(roomUrl);
  await page.getByRole('button', { name: 'Archive the roundtable' }).click();
  await expect(page.getByRole('button', { name: 'Archive the roundtable' })).toHaveCount(0);
  await page.goto('/roundtables');
  const tabs = page.getByRole('navigation', { name: 'Roundtables by status' });
  await tabs.getByRole('link', { name: /^Archived \(\d+\)$/ }).click();
  await expect(tabs.getByRole('link', { name: /^Archived/ })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: title })).toBeVisible();
  await tabs.getByRole('link', { name: /^Open/ }).click();
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);

  const mexicoContext = await browser.newContext();
  const mexicoPage = await mexicoContext.newPage();
  await make.logIn(mexicoPage, mexico);
  await mexicoPage.goto('/roundtables');
  await expect(
    mexicoPage.getByRole('navigation', { name: 'Roundtables by status' }).getByRole('link', { name: /^Archived/ }),
  ).toHaveCount(0);
  for (const status of ['open', 'closed', 'archived']) {
    await mexicoPage.goto(`/roundtables?status=${status}`);
    await expect(mexicoPage.getByRole('link', { name: title })).toHaveCount(0);
  }
  await mexicoContext.close();
});

test('a confirmed match leads to its roundtable, for both sides, in both languages', async ({ page }) => {
  await logIn(page, demo.coordinatorPE);
  await page.goto('/matches');
  await page
    .getByRole('link', { name: /Training for judges/ })
    .first()
    .click();
  await page.waitForURL(/\/matches\/[0-9a-f-]{36}$/);
  const matchUrl = page.url();
  const room = page.getByRole('region', { name: 'Roundtable' });
  await room.getByRole('link', { name: 'Go to the roundtable of this match' }).click();
  await page.waitForURL(/\/roundtables\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: /Training for judges/ })).toBeVisible();

  // Back on the match's page before switching language (the switch is on every page). Opened by its address, not
  // with the browser's Back: a switch pressed while the history navigation settled sometimes reloaded the room in
  // Spanish instead (about 1 run in 7, before and after decision 034).
  await page.goto(matchUrl);
  await expect(page.getByRole('region', { name: 'Roundtable' })).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(
    page
      .getByRole('region', { name: 'Mesa de trabajo' })
      .getByRole('link', { name: 'Ir a la mesa de este emparejamiento' }),
  ).toBeVisible();
});

test('the room shows where each day begins, in the reader’s language and time zone', async ({ browser }) => {
  // Lima is five hours behind UTC: the days shown are Lima's.
  const context = await browser.newContext({ timezoneId: 'America/Lima' });
  const page = await context.newPage();
  await logIn(page, demo.coordinatorPE);
  await openDemoRoom(page);
  await expect(page.getByText(/^Live\b/)).toBeVisible();
  const list = page.getByRole('list', { name: 'Messages' });
  const days = list.locator('li.day-divider');
  // The demo history runs over two days (its first two messages are a day older).
  await expect(days.nth(1)).toBeVisible();
  const [first, second] = [await days.nth(0).innerText(), await days.nth(1).innerText()];
  expect(first).toMatch(/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4}$/);
  expect(second).not.toBe(first);
  // Each divider comes right before the first message of its day.
  await expect(list.locator('li.day-divider + li').first()).toContainText('(Demo) Welcome!');

  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('list', { name: 'Mensajes' }).locator('li.day-divider').first()).toHaveText(
    /^(lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d{1,2} de [a-z]+ de \d{4}$/,
  );

  // The transcript for the minutes speaks the reader's language too; what people wrote stays as written.
  const transcript = await page.request.get(`${new URL(page.url()).pathname}/transcript.md`);
  expect(transcript.status()).toBe(200);
  const text = await transcript.text();
  expect(text).toContain('## Participantes');
  // What people wrote is Markdown-escaped in the transcript (issue 12): "(Demo) Welcome!" reads \(Demo\) Welcome\!.
  expect(text).toMatch(/^- #1 \*\*[\d-]+ [\d:]+\*\* Ana Secretariat \\\(admin\\\): \\\(Demo\\\) Welcome\\!/m);
  expect(text).toContain('## Mensajes (horas en UTC)');
  await context.close();
});
