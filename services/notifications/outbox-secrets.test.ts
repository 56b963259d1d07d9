import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client';
import { organizations } from '../../db/schema';
import { createTestDatabase } from '../../tests/db';
import { createActor, createOrganization, createUser } from '../../tests/factories';
import { loadReferenceData } from '../catalogue/reference.server';
import { createServices } from '../index.server';

/*
 * A password-reset link is for its recipient only. Once mail really leaves the machine (SMTP), the Secretariat's
 * outbox page must not hand it to whoever reads the outbox (a staff member could otherwise take over an admin's or a
 * National Coordinator's account). Without SMTP the outbox is the development mailbox and shows it.
 */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await loadReferenceData(handle.db);
});
afterAll(() => handle.close());

describe('the mail outbox and password-reset links', () => {
  it('hides reset links from the Secretariat when mail is delivered, shows them in the development outbox', async () => {
    const [secretariat] = await handle.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.code, 'SUMMITS-SECRETARIAT'));
    const staff = await createActor(handle.db, 'secretariat', 'secretariat_staff', secretariat.id);
    const org = await createOrganization(handle.db, 'state');
    const { email } = await createUser(handle.db, { organizationId: org.id, role: 'national_coordinator' });

    const delivered = createServices({ db: handle.db, mailIsDelivered: true });
    expect((await delivered.passwordReset.request({ email }, { ip: '203.0.113.9' })).ok).toBe(true);
    const seen = await delivered.notifications.outbox(staff);
    if (!seen.ok) throw new Error(seen.message);
    const mail = seen.value.find((m) => m.toAddress === email)!;
    expect(mail.body).not.toMatch(/\/password-reset\/[a-z0-9]{10,}/);
    expect(mail.body).toContain('[hidden: sent to its recipient only]');
    expect(mail.link).not.toMatch(/\/password-reset\/[a-z0-9]{10,}/);

    const development = createServices({ db: handle.db });
    const admin = await createActor(handle.db, 'secretariat', 'secretariat_admin', secretariat.id);
    const shown = await development.notifications.outbox(admin);
    if (!shown.ok) throw new Error(shown.message);
    expect(shown.value.find((m) => m.toAddress === email)!.link).toMatch(/^\/password-reset\/[a-z0-9]{10,}$/);
  });

  it('in the development outbox, staff read reset e-mails without their links: only the administrator sees them', async () => {
    const [secretariat] = await handle.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.code, 'SUMMITS-SECRETARIAT'));
    const staff = await createActor(handle.db, 'secretariat', 'secretariat_staff', secretariat.id);
    // The staff member asks for a reset of the administrator's own account (anyone may ask, for any address).
    const admin = await createUser(handle.db, { organizationId: secretariat.id, role: 'secretariat_admin' });
    const development = createServices({ db: handle.db });
    expect((await development.passwordReset.request({ email: admin.email }, { ip: '203.0.113.10' })).ok).toBe(true);
    const seen = await development.notifications.outbox(staff);
    if (!seen.ok) throw new Error(seen.message);
    const mail = seen.value.find((m) => m.toAddress === admin.email)!;
    expect(mail.subject).toMatch(/password/i);
    expect(`${mail.body} ${mail.link}`).not.toMatch(/\/password-reset\/[a-z0-9]{10,}/);
    expect(mail.body).toContain('[hidden: sent to its recipient only]');
  });
});
