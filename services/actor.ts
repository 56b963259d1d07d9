import type { OrganizationKind, Role } from '../db/schema';

/** Who is acting: resolved from the session once per request and passed to every service call. */
export interface Actor {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string;
  organizationKind: OrganizationKind;
  organizationCode: string;
  sessionId?: string;
  ip?: string;
}

/** Context of a request made by nobody in particular (the public, a cron job): no identity. */
export type Viewer = Actor | null;
