import { data, type ActionFunctionArgs } from '@remix-run/node';
import { translate } from '../i18n';
import { requireActor, throwFailure } from './auth.server';
import { changeCooperationItem } from './cooperation-actions.server';
import { readForm } from './form.server';
import { statusFor } from '../../services/outcome';

type Kind = 'request' | 'offer';
const LINK_INTENTS = ['confirm-update', 'ignore-update', 'publish-own-text'];

/**
 * A request's or an offer's page (decision 014): confirm or ignore an update from the answer it was drafted from,
 * and publish in the organization's own words when that answer is withheld. Every other intent goes to the usual
 * save / publish / withdraw action.
 */
export async function changeLinkedItem(kind: Kind, args: ActionFunctionArgs) {
  // Read from a copy: the usual action reads the body again for its own intents.
  const form = await readForm(args.request.clone());
  const intent = String(form.get('intent') ?? '');
  if (!LINK_INTENTS.includes(intent)) return changeCooperationItem(kind, args);
  const { request, params, context } = args;
  const actor = requireActor(context, request);
  const id = params.id ?? '';
  const text = (name: string) => String(form.get(name) ?? '');
  const result =
    intent === 'publish-own-text'
      ? await (kind === 'request' ? context.services.requests : context.services.offers).publish(actor, id, {
          title: text('title'),
          description: text('description'),
        })
      : intent === 'confirm-update'
        ? await context.services.answerLinks.confirmUpdate(actor, kind, id)
        : await context.services.answerLinks.ignoreUpdate(actor, kind, id);
  if (result.ok) {
    const done =
      intent === 'publish-own-text'
        ? 'coop.published'
        : intent === 'confirm-update'
          ? 'link.pending.confirmed'
          : 'link.pending.ignored';
    return {
      intent,
      ok: true as const,
      values: undefined,
      fieldErrors: undefined,
      message: translate(context.lang, done),
    };
  }
  if (result.kind === 'not_found') throwFailure(result);
  const fieldErrors = result.kind === 'invalid' ? result.fieldErrors : undefined;
  return data(
    {
      intent,
      ok: false as const,
      values: undefined,
      ownText: intent === 'publish-own-text' ? { title: text('title'), description: text('description') } : undefined,
      fieldErrors,
      message: result.message,
    },
    { status: statusFor(result) },
  );
}
