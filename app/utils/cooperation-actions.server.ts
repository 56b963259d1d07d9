import { data, redirect, type ActionFunctionArgs } from '@remix-run/node';
import { readCooperationForm, toServiceInput } from '../components/cooperation-values';
import { translate } from '../i18n';
import { requireActor, throwFailure } from './auth.server';
import { readForm } from './form.server';
import { statusFor } from '../../services/outcome';

type Kind = 'request' | 'offer';
const serviceOf = (context: ActionFunctionArgs['context'], kind: Kind) =>
  kind === 'request' ? context.services.requests : context.services.offers;

/** The "new request" and "new offer" forms: create (as a draft, or published), then open the new item. */
export async function createCooperationItem(kind: Kind, { request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  const values = readCooperationForm(form);
  const publish = form.get('intent') === 'publish';
  const result = await serviceOf(context, kind).create(actor, toServiceInput(kind, values), { publish });
  if (result.ok) return redirect(`/cooperation/${kind}s/${result.value.id}`);
  const fieldErrors = result.kind === 'invalid' ? result.fieldErrors : undefined;
  const message = fieldErrors ? translate(context.lang, 'form.checkFields') : result.message;
  return data({ values, fieldErrors, message }, { status: statusFor(result) });
}

/** A request's or an offer's page: save the edit form, publish, or withdraw. Another organization's draft is a 404. */
export async function changeCooperationItem(kind: Kind, { request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  const intent = form.get('intent');
  const id = params.id ?? '';
  const service = serviceOf(context, kind);
  if (intent === 'save') {
    const values = readCooperationForm(form);
    const result = await service.update(actor, id, toServiceInput(kind, values));
    if (result.ok)
      return {
        intent: 'save' as const,
        ok: true as const,
        values: undefined,
        fieldErrors: undefined,
        message: translate(context.lang, 'coop.saved'),
      };
    if (result.kind === 'not_found') throwFailure(result);
    const fieldErrors = result.kind === 'invalid' ? result.fieldErrors : undefined;
    return data(
      {
        intent: 'save' as const,
        ok: false as const,
        values,
        fieldErrors,
        message: fieldErrors ? translate(context.lang, 'form.checkFields') : result.message,
      },
      { status: statusFor(result) },
    );
  }
  if (intent === 'publish' || intent === 'withdraw') {
    const result = intent === 'publish' ? await service.publish(actor, id) : await service.withdraw(actor, id);
    if (result.ok)
      return {
        intent,
        ok: true as const,
        values: undefined,
        fieldErrors: undefined,
        message: translate(context.lang, intent === 'publish' ? 'coop.published' : 'coop.withdrawn'),
      };
    if (result.kind === 'not_found') throwFailure(result);
    // A draft that is not complete yet: what is missing, field by field (issue 15 item 6).
    const fieldErrors = result.kind === 'invalid' ? result.fieldErrors : undefined;
    return data(
      { intent, ok: false as const, values: undefined, fieldErrors, message: result.message },
      { status: statusFor(result) },
    );
  }
  throw new Response('Unknown action', { status: 400 });
}
