import type { AppLoadContext } from '@remix-run/node';
import { data } from '@remix-run/node';
import type { InviteResult } from '../components/invite-form';
import { requireActor } from './auth.server';
import { statusFor } from '../../services/outcome';

/** Shared by the Secretariat's people page and an organization's page: one service call, one result shape. */
export async function handleInvite(request: Request, context: AppLoadContext, form: FormData) {
  const actor = requireActor(context, request);
  const email = String(form.get('email') ?? '');
  const result = await context.services.accounts.invite(actor, {
    email,
    organizationId: String(form.get('organizationId') ?? ''),
    role: String(form.get('role') ?? ''),
  });
  if (result.ok) {
    const link = new URL(`/invitations/${result.value.token}`, request.url).toString();
    return data<InviteResult>({
      intent: 'invite',
      ok: true,
      email,
      link,
      expiresAt: result.value.expiresAt.toISOString(),
    });
  }
  const status = statusFor(result);
  return data<InviteResult>(
    {
      intent: 'invite',
      ok: false,
      email,
      message: result.message,
      fieldErrors: result.kind === 'invalid' ? result.fieldErrors : undefined,
    },
    { status },
  );
}

export async function handleDisable(request: Request, context: AppLoadContext, form: FormData) {
  const actor = requireActor(context, request);
  const result = await context.services.accounts.setUserDisabled(
    actor,
    String(form.get('userId') ?? ''),
    form.get('intent') === 'disable',
  );
  if (result.ok) return data({ intent: 'disable' as const, ok: true, message: undefined });
  return data({ intent: 'disable' as const, ok: false, message: result.message }, { status: statusFor(result) });
}
