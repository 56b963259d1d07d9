import { describe, expect, it } from 'vitest';
import type { OrganizationKind, Role } from '../db/schema';
import type { Actor } from './actor';
import { can, roleFitsOrganization } from './permissions';

const orgKindOf: Record<Role, OrganizationKind> = {
  secretariat_admin: 'secretariat',
  secretariat_staff: 'secretariat',
  national_coordinator: 'state',
  deputy_focal_point: 'state',
  delegate: 'state',
  jswg_focal_point: 'jswg',
  civil_society_member: 'civil_society',
};

function actor(role: Role, organizationId = `org-${role}`): Actor {
  return {
    userId: `user-${role}`,
    email: `${role}@x.test`,
    displayName: role,
    role,
    organizationId,
    organizationKind: orgKindOf[role],
    organizationCode: 'XX',
  };
}

describe('permissions', () => {
  it('denies every action to an anonymous visitor', () => {
    expect(can(null, { action: 'admin.access' })).toBe(false);
    expect(can(null, { action: 'catalogue.import' })).toBe(false);
    expect(
      can(null, { action: 'invitation.create', organizationId: 'a', organizationKind: 'state', role: 'delegate' }),
    ).toBe(false);
  });

  it.each<[Role, boolean, boolean]>([
    ['secretariat_admin', true, true],
    ['secretariat_staff', true, false],
    ['national_coordinator', false, false],
    ['deputy_focal_point', false, false],
    ['delegate', false, false],
    ['jswg_focal_point', false, false],
    ['civil_society_member', false, false],
  ])('%s: admin area %s, catalogue import %s', (role, admin, importCatalogue) => {
    expect(can(actor(role), { action: 'admin.access' })).toBe(admin);
    expect(can(actor(role), { action: 'audit.view' })).toBe(admin);
    expect(can(actor(role), { action: 'catalogue.import' })).toBe(importCatalogue);
  });

  describe('invitations', () => {
    const invite = (by: Actor, organizationId: string, organizationKind: OrganizationKind, role: Role) =>
      can(by, { action: 'invitation.create', organizationId, organizationKind, role });

    it('lets the Secretariat invite focal points of any State or JSWG organization', () => {
      expect(invite(actor('secretariat_staff'), 'peru', 'state', 'national_coordinator')).toBe(true);
      expect(invite(actor('secretariat_staff'), 'oas', 'jswg', 'jswg_focal_point')).toBe(true);
    });

    it('keeps Secretariat accounts for the administrator', () => {
      expect(invite(actor('secretariat_staff'), 'sec', 'secretariat', 'secretariat_staff')).toBe(false);
      expect(invite(actor('secretariat_admin'), 'sec', 'secretariat', 'secretariat_staff')).toBe(true);
    });

    it('lets focal points invite delegates of their own organization only', () => {
      const coordinator = actor('national_coordinator', 'peru');
      expect(invite(coordinator, 'peru', 'state', 'delegate')).toBe(true);
      expect(invite(coordinator, 'chile', 'state', 'delegate')).toBe(false);
      expect(invite(coordinator, 'peru', 'state', 'deputy_focal_point')).toBe(false);
      expect(invite(actor('deputy_focal_point', 'peru'), 'peru', 'state', 'delegate')).toBe(true);
      expect(invite(actor('jswg_focal_point', 'oas'), 'oas', 'jswg', 'delegate')).toBe(true);
    });

    it('never lets a delegate or civil society invite anyone', () => {
      expect(invite(actor('delegate', 'peru'), 'peru', 'state', 'delegate')).toBe(false);
      expect(invite(actor('civil_society_member', 'cso'), 'cso', 'civil_society', 'civil_society_member')).toBe(false);
    });

    it('refuses a role that does not exist in that kind of organization', () => {
      expect(invite(actor('secretariat_admin'), 'oas', 'jswg', 'national_coordinator')).toBe(false);
      expect(roleFitsOrganization('jswg_focal_point', 'state')).toBe(false);
    });
  });

  it('lets a focal point disable a delegate of their own organization, not of another or a peer', () => {
    const coordinator = actor('national_coordinator', 'peru');
    expect(
      can(coordinator, { action: 'user.disable', target: { userId: 'd1', organizationId: 'peru', role: 'delegate' } }),
    ).toBe(true);
    expect(
      can(coordinator, { action: 'user.disable', target: { userId: 'd2', organizationId: 'chile', role: 'delegate' } }),
    ).toBe(false);
    expect(
      can(coordinator, {
        action: 'user.disable',
        target: { userId: 'd3', organizationId: 'peru', role: 'deputy_focal_point' },
      }),
    ).toBe(false);
  });

  it('shows published requests and offers to everyone, drafts only to their organization and the Secretariat', () => {
    expect(can(null, { action: 'offer.view', organizationId: 'oas', published: true })).toBe(true);
    expect(can(null, { action: 'request.view', organizationId: 'peru', published: false })).toBe(false);
    expect(can(actor('delegate', 'chile'), { action: 'request.view', organizationId: 'peru', published: false })).toBe(
      false,
    );
    expect(can(actor('delegate', 'peru'), { action: 'request.view', organizationId: 'peru', published: false })).toBe(
      true,
    );
    expect(can(actor('secretariat_staff'), { action: 'request.view', organizationId: 'peru', published: false })).toBe(
      true,
    );
  });

  it('lets only focal points of a side decide a match, and only the Secretariat broker', () => {
    expect(
      can(actor('jswg_focal_point', 'oas'), { action: 'match.decide', side: 'provider', organizationId: 'oas' }),
    ).toBe(true);
    expect(
      can(actor('jswg_focal_point', 'idb'), { action: 'match.decide', side: 'provider', organizationId: 'oas' }),
    ).toBe(false);
    expect(can(actor('delegate', 'peru'), { action: 'match.decide', side: 'requester', organizationId: 'peru' })).toBe(
      false,
    );
    expect(can(actor('secretariat_staff'), { action: 'cooperation.broker' })).toBe(true);
    expect(can(actor('national_coordinator', 'peru'), { action: 'cooperation.broker' })).toBe(false);
  });

  it('never lets anyone disable their own account', () => {
    const admin = actor('secretariat_admin');
    expect(
      can(admin, {
        action: 'user.disable',
        target: { userId: admin.userId, organizationId: admin.organizationId, role: admin.role },
      }),
    ).toBe(false);
  });
});
