import { describe, expect, it } from 'vitest';
import type { OrganizationKind, Role } from '../db/schema';
import type { Actor } from '../services/actor';
import { navigationFor } from './navigation';

const person = (role: Role, organizationKind: OrganizationKind): Actor => ({
  userId: 'u1',
  email: 'someone@example.org',
  displayName: 'Someone',
  role,
  organizationId: 'org-1',
  organizationKind,
  organizationCode: 'PE',
});
const links = (actor: Actor | null) => navigationFor(actor).map((item) => item.to);

describe('the navigation follows the permission rule (services/permissions.ts)', () => {
  it('gives the public only public pages', () => {
    expect(links(null)).toEqual([
      '/',
      '/mandates',
      '/participants',
      '/directory',
      '/results',
      '/practices',
      '/initiatives',
    ]);
  });

  it('gives the Secretariat its administration pages, the catalogue import to administrators only', () => {
    const admin = links(person('secretariat_admin', 'secretariat'));
    const staff = links(person('secretariat_staff', 'secretariat'));
    for (const page of [
      '/admin',
      '/admin/people',
      '/admin/audit',
      '/admin/matching',
      '/admin/recommendations',
      '/admin/practices',
    ])
      expect(staff).toContain(page);
    expect(admin).toContain('/admin/catalogue');
    expect(staff).not.toContain('/admin/catalogue');
    expect(staff).not.toContain('/cooperation'); // the Secretariat brokers; it posts no requests or offers
    expect(staff.some((to) => to.startsWith('/org/'))).toBe(false);
    expect(
      navigationFor(person('secretariat_staff', 'secretariat')).find((i) => i.to === '/questionnaire')?.label,
    ).toBe('nav.cycles');
  });

  it('gives States and JSWG organizations cooperation and the questionnaire, never administration', () => {
    for (const [role, kind] of [
      ['national_coordinator', 'state'],
      ['delegate', 'state'],
      ['jswg_focal_point', 'jswg'],
      ['delegate', 'jswg'],
    ] as const) {
      const seen = navigationFor(person(role, kind));
      const to = seen.map((i) => i.to);
      expect(to, `${role} (${kind})`).toEqual(
        expect.arrayContaining(['/org/PE', '/cooperation', '/matches', '/questionnaire']),
      );
      expect(
        to.filter((t) => t.startsWith('/admin')),
        `${role} (${kind})`,
      ).toEqual([]);
      expect(to).not.toContain('/contribute');
      expect(seen.find((i) => i.to === '/org/PE')?.label).toBe(kind === 'state' ? 'nav.myState' : 'nav.myOrganization');
      expect(seen.find((i) => i.to === '/questionnaire')?.label).toBe('nav.questionnaire');
    }
  });

  it('gives civil society its contributions and recommendations, not cooperation or the questionnaire', () => {
    const to = links(person('civil_society_member', 'civil_society'));
    expect(to).toEqual(expect.arrayContaining(['/org/PE', '/contribute', '/recommendations/mine']));
    for (const page of ['/cooperation', '/matches', '/questionnaire', '/admin/recommendations'])
      expect(to).not.toContain(page);
  });
});
