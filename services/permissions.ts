import type { OrganizationKind, Role } from '../db/schema';
import type { Viewer } from './actor';

/**
 * The one place that decides who may do what (issue 14: one rule in one place). Every service function asks it
 * before acting; loaders ask it too and send `can…` flags to the screens, which only hide or show controls with them,
 * never as the check itself. Names are per domain (`roundtable.convene`, `questionnaire.submit`,
 * `contribution.review`, …) so a new capability adds its own words here instead of borrowing another domain's, and
 * docs/authorization.md holds the table of every role × action that services/permissions.test.ts checks.
 *
 * Pure: no I/O and type-only imports, so app/ may import it (a narrow lint exception, eslint.config.js).
 */
export type Permission =
  | { action: 'admin.access' }
  | { action: 'audit.view' }
  | { action: 'catalogue.import' }
  /**
   * Read password-reset links in the development outbox (no SMTP): the Secretariat's administrator only. Staff reading
   * them could take over any account, the administrator's included; with SMTP nobody reads them (decision 035).
   */
  | { action: 'mail.read_secret_links' }
  | { action: 'users.list'; organizationId?: string }
  | { action: 'user.disable'; target: { userId: string; organizationId: string; role: Role } }
  | { action: 'user.change_role'; target: { userId: string; organizationId: string; role: Role }; newRole: Role }
  | { action: 'invitation.create'; organizationId: string; organizationKind: OrganizationKind; role: Role }
  | { action: 'organization.view_private'; organizationId: string }
  | { action: 'request.draft'; organizationId: string }
  | { action: 'request.publish'; organizationId: string }
  | { action: 'request.view'; organizationId: string; published: boolean }
  | { action: 'offer.draft'; organizationId: string }
  | { action: 'offer.publish'; organizationId: string }
  | { action: 'offer.view'; organizationId: string; published: boolean }
  | { action: 'request.withdraw'; organizationId: string }
  | { action: 'offer.withdraw'; organizationId: string }
  /** The Secretariat's brokering: proposing and withdrawing matches, seeing every match and every candidate. */
  | { action: 'cooperation.broker' }
  | { action: 'match.view'; requesterOrganizationId: string; providerOrganizationId: string }
  | { action: 'match.decide'; side: 'requester' | 'provider'; organizationId: string }
  // Registration (the questionnaire): the service reads the actor's own organization's questionnaire.
  | { action: 'questionnaire.draft' }
  | { action: 'questionnaire.submit' }
  /** Create reporting cycles, reopen a questionnaire, see every organization's status and questionnaire. */
  | { action: 'questionnaire.administer' }
  /** Ask the Chair to withhold part of the State's answers, or withdraw content after a refusal (decision 008). */
  | { action: 'disclosure.request' }
  /** Record the Chair's decision on a non-disclosure request. */
  | { action: 'disclosure.decide' }
  // Civil-society contributions to a State's answers.
  /** Open the State's draft to civil society, revoke an invitation, state whether civil society contributed. */
  | { action: 'contribution.manage' }
  | { action: 'contribution.review' }
  | { action: 'contribution.write' }
  // Roundtables.
  /** Convene a roundtable, invite organizations, name moderators, close or archive it. */
  | { action: 'roundtable.convene' }
  /** Moderate a room: its named moderators (a fact of that room) and the Secretariat always. */
  | { action: 'roundtable.moderate'; namedModerator: boolean }
  // Cooperation initiatives (issue 19, decision 019).
  /** Register and change an initiative: create, edit, status, participants, funding, log and publish outcomes, decide proposals and requests not to publish. */
  | { action: 'initiative.record' }
  /** Read the whole record of an initiative (unpublished, unagreed funding, outcomes waiting): the Secretariat and the members of its participants. */
  | { action: 'initiative.view_record'; participantOrganizationIds: readonly string[] }
  /** Act for a participant organization: agree to funding and outcomes, propose outcomes and updates, ask that a part not be published. */
  | { action: 'initiative.participate'; participantOrganizationIds: readonly string[] }
  // Videoconferences (issue 18, decision 018). Being invited, a room member or a room's named moderator are facts of
  // that meeting or room, read by the service and passed in.
  /** See a room's list of meetings (and its next one): the room's members and the Secretariat. */
  | { action: 'meeting.list'; roomMember: boolean }
  /** Open a meeting's page and its calendar file: the people invited, the room's named moderators, the Secretariat. */
  | { action: 'meeting.view'; invited: boolean; namedModerator: boolean }
  /** Schedule, move and cancel a room's meetings (each notified to everyone invited). */
  | { action: 'meeting.schedule'; namedModerator: boolean }
  /** Run the call and read its record: `roomAdmin` in the token, list and remove people in the call, the attendance and its CSV. */
  | { action: 'meeting.moderate'; namedModerator: boolean }
  /** Get a token for the meeting's LiveKit room: the people invited and the Secretariat. */
  | { action: 'meeting.join'; invited: boolean }
  /** Mark attendance by hand (a meeting held elsewhere). */
  | { action: 'meeting.record_attendance' }
  // Good practices (issue 17, decision 017). Drafts are private to their organization (ownership in the query).
  /** Draft and revise the organization's good practices (from scratch or from its Q6 answers), attach documents. */
  | { action: 'practice.draft'; organizationId: string }
  /** Submit the organization's complete form to the Secretariat, or withdraw a practice before publication. */
  | { action: 'practice.submit'; organizationId: string }
  /** Consolidate the base: tag, mark duplicates, merge, open and close review rounds, publish a reviewed round. */
  | { action: 'practice.consolidate' }
  /** Read a review round's whole base and comment on any entry: every State; JSWG and civil society when opened to them. */
  | { action: 'practice.review'; openToJswg: boolean; openToCivilSociety: boolean }
  /** Mark a review comment resolved: the practice's organization (its focal points) and the Secretariat. */
  | { action: 'practice.resolve_comment'; organizationId: string }
  /** Prepare the report on challenges: read it unpublished, write its introduction and notes, publish it. */
  | { action: 'challenges_report.prepare' }
  // Civil-society recommendations (decision 016).
  /** Submit, revise and withdraw the organization's recommendations: members of a civil-society organization. */
  | { action: 'recommendation.submit' }
  /** Publish or decline a recommendation with a reason (never edit it): the Secretariat. */
  | { action: 'recommendation.moderate' };

export type Action = Permission['action'];

export const SECRETARIAT_ROLES: readonly Role[] = ['secretariat_admin', 'secretariat_staff'];
export const STATE_ROLES: readonly Role[] = ['national_coordinator', 'deputy_focal_point', 'delegate'];
/** Focal points lead their organization: they invite its delegates. */
export const FOCAL_POINT_ROLES: readonly Role[] = ['national_coordinator', 'deputy_focal_point', 'jswg_focal_point'];

/** Which roles exist in which kind of organization. */
export const ROLES_BY_KIND: Record<OrganizationKind, readonly Role[]> = {
  secretariat: ['secretariat_admin', 'secretariat_staff'],
  state: ['national_coordinator', 'deputy_focal_point', 'delegate'],
  jswg: ['jswg_focal_point', 'delegate'],
  civil_society: ['civil_society_member'],
};

export const isSecretariat = (viewer: Viewer): boolean => !!viewer && SECRETARIAT_ROLES.includes(viewer.role);
export const isAdmin = (viewer: Viewer): boolean => viewer?.role === 'secretariat_admin';
export const isFocalPoint = (viewer: Viewer): boolean => !!viewer && FOCAL_POINT_ROLES.includes(viewer.role);

export function roleFitsOrganization(role: Role, kind: OrganizationKind): boolean {
  return ROLES_BY_KIND[kind].includes(role);
}

export function can(viewer: Viewer, permission: Permission): boolean {
  // Published requests and offers are public (the Mechanism is public by default); everything else needs a user.
  if ((permission.action === 'request.view' || permission.action === 'offer.view') && permission.published) return true;
  if (!viewer) return false;
  switch (permission.action) {
    case 'admin.access':
    case 'audit.view':
      return isSecretariat(viewer);
    case 'catalogue.import':
    case 'mail.read_secret_links':
      return isAdmin(viewer);
    case 'users.list':
      return isSecretariat(viewer) || (isFocalPoint(viewer) && permission.organizationId === viewer.organizationId);
    case 'organization.view_private':
      return isSecretariat(viewer) || viewer.organizationId === permission.organizationId;
    case 'user.disable': {
      const { target } = permission;
      if (target.userId === viewer.userId) return false; // nobody locks themselves out
      if (isAdmin(viewer)) return true;
      if (isSecretariat(viewer)) return !SECRETARIAT_ROLES.includes(target.role);
      return isFocalPoint(viewer) && target.organizationId === viewer.organizationId && target.role === 'delegate';
    }
    case 'user.change_role': {
      const { target, newRole } = permission;
      return isAdmin(viewer) && target.userId !== viewer.userId && newRole !== target.role;
    }
    // Cooperation. Any member of a State drafts its requests; its focal points publish them (as they submit
    // answers). JSWG organizations and States (peer support) do the same with offers. A JSWG delegate holds the
    // same role name as a State's delegate but posts no requests (the request pages always said so; this rule did not).
    case 'request.draft':
      return (
        viewer.organizationKind === 'state' &&
        STATE_ROLES.includes(viewer.role) &&
        viewer.organizationId === permission.organizationId
      );
    case 'request.publish':
      return (
        (viewer.role === 'national_coordinator' || viewer.role === 'deputy_focal_point') &&
        viewer.organizationId === permission.organizationId
      );
    case 'request.withdraw':
      return (
        isSecretariat(viewer) || can(viewer, { action: 'request.publish', organizationId: permission.organizationId })
      );
    case 'offer.withdraw':
      return (
        isSecretariat(viewer) || can(viewer, { action: 'offer.publish', organizationId: permission.organizationId })
      );
    case 'request.view':
    case 'offer.view':
      return permission.published || isSecretariat(viewer) || viewer.organizationId === permission.organizationId;
    case 'offer.draft':
      return (
        (viewer.organizationKind === 'jswg' || viewer.organizationKind === 'state') &&
        viewer.role !== 'civil_society_member' &&
        viewer.organizationId === permission.organizationId
      );
    case 'offer.publish':
      return (
        (viewer.role === 'jswg_focal_point' ||
          viewer.role === 'national_coordinator' ||
          viewer.role === 'deputy_focal_point') &&
        viewer.organizationId === permission.organizationId
      );
    case 'cooperation.broker':
      return isSecretariat(viewer);
    case 'match.view':
      return (
        isSecretariat(viewer) ||
        viewer.organizationId === permission.requesterOrganizationId ||
        viewer.organizationId === permission.providerOrganizationId
      );
    case 'match.decide':
      // A side decides for its own organization only, through its focal points.
      return isFocalPoint(viewer) && viewer.organizationId === permission.organizationId;
    // Registration: the same people who edit answers (Mechanism, section 4 e); one person submits for the organization.
    case 'questionnaire.draft':
      return (
        viewer.role === 'national_coordinator' ||
        viewer.role === 'deputy_focal_point' ||
        viewer.role === 'delegate' ||
        viewer.role === 'jswg_focal_point'
      );
    case 'questionnaire.submit':
      return viewer.role === 'national_coordinator' || viewer.role === 'jswg_focal_point';
    case 'questionnaire.administer':
      return isSecretariat(viewer);
    case 'disclosure.request':
      return viewer.role === 'national_coordinator' || viewer.role === 'deputy_focal_point';
    case 'disclosure.decide':
      return isSecretariat(viewer);
    // Contributions: the Mechanism asks them of States only, so JSWG roles never manage or review them.
    case 'contribution.manage':
      return (
        viewer.organizationKind === 'state' &&
        (viewer.role === 'national_coordinator' || viewer.role === 'deputy_focal_point')
      );
    case 'contribution.review':
      return viewer.organizationKind === 'state' && STATE_ROLES.includes(viewer.role);
    case 'contribution.write':
      return viewer.organizationKind === 'civil_society' && viewer.role === 'civil_society_member';
    case 'roundtable.convene':
      return isSecretariat(viewer);
    case 'roundtable.moderate':
      return permission.namedModerator || isSecretariat(viewer);
    case 'initiative.record':
      return isSecretariat(viewer);
    case 'initiative.view_record':
      return isSecretariat(viewer) || permission.participantOrganizationIds.includes(viewer.organizationId);
    case 'initiative.participate':
      // Focal points act for their organization (as they agree to a match); delegates read, they do not commit it.
      return isFocalPoint(viewer) && permission.participantOrganizationIds.includes(viewer.organizationId);
    case 'meeting.list':
      return permission.roomMember || isSecretariat(viewer);
    case 'meeting.view':
      return permission.invited || permission.namedModerator || isSecretariat(viewer);
    case 'meeting.schedule':
    case 'meeting.moderate':
      return permission.namedModerator || isSecretariat(viewer);
    case 'meeting.join':
      return permission.invited || isSecretariat(viewer);
    case 'meeting.record_attendance':
      return isSecretariat(viewer);
    // Good practices: States and JSWG organizations write their own; civil society and the Secretariat do not.
    case 'practice.draft':
      return (
        (viewer.organizationKind === 'state' || viewer.organizationKind === 'jswg') &&
        viewer.role !== 'civil_society_member' &&
        viewer.organizationId === permission.organizationId
      );
    case 'practice.submit':
      return (
        (viewer.organizationKind === 'state' || viewer.organizationKind === 'jswg') &&
        isFocalPoint(viewer) &&
        viewer.organizationId === permission.organizationId
      );
    case 'practice.consolidate':
    case 'challenges_report.prepare':
      return isSecretariat(viewer);
    case 'recommendation.submit':
      return viewer.organizationKind === 'civil_society' && viewer.role === 'civil_society_member';
    case 'recommendation.moderate':
      return isSecretariat(viewer);
    case 'practice.review':
      // The Mechanism gives the States the two-week review; others only when the Secretariat opens the round to them.
      if (isSecretariat(viewer) || viewer.organizationKind === 'state') return true;
      if (viewer.organizationKind === 'jswg') return permission.openToJswg;
      return viewer.organizationKind === 'civil_society' && permission.openToCivilSociety;
    case 'practice.resolve_comment':
      return isSecretariat(viewer) || (isFocalPoint(viewer) && viewer.organizationId === permission.organizationId);
    case 'invitation.create': {
      const { organizationId, organizationKind, role } = permission;
      if (!roleFitsOrganization(role, organizationKind)) return false;
      if (isAdmin(viewer)) return true;
      // Staff invite the focal points of States, JSWG organizations and civil society, not Secretariat colleagues.
      if (isSecretariat(viewer)) return organizationKind !== 'secretariat';
      // Focal points invite delegates of their own organization only.
      return isFocalPoint(viewer) && organizationId === viewer.organizationId && role === 'delegate';
    }
  }
}
