import { data, type ActionFunctionArgs } from '@remix-run/node';
import { statusFor, type Failure } from '../../services/outcome';
import { translate, type MessageKey } from '../i18n';
import type { Lang } from '../load-context';
import { parseUploadForm } from './upload.server';

/*
 * What the Secretariat's initiative page (admin.initiatives.$id) and the public initiative page (initiatives.$id)
 * do alike in their actions (issue 19): read an outcome's fields, answer an intent, attach a document to an outcome.
 * Each page keeps its own intents and its own done messages; the services decide who may do what.
 */

/** An outcome's fields as its forms send them (log, propose, correct). */
export function outcomeInput(form: FormData) {
  return {
    text: form.get('text'),
    startedOn: form.get('startedOn'),
    endedOn: form.get('endedOn'),
    figures: String(form.get('figures') ?? ''),
  };
}

/**
 * The answer to one intent: on success the done message in the reader's language; on a refusal its message and field
 * errors with the failure's status. Both name the intent and target, so the page shows it on the form it came from.
 */
export function initiativeReply(
  lang: Lang,
  result: { ok: true } | Failure,
  intent: string,
  target: string,
  done: MessageKey,
) {
  if (result.ok) return { ok: true as const, intent, target, message: translate(lang, done) };
  return data(
    {
      ok: false as const,
      intent,
      target,
      message: result.message,
      fieldErrors: (result.kind === 'invalid' ? result.fieldErrors : undefined) ?? {},
    },
    { status: statusFor(result) },
  );
}

/**
 * A document for an outcome version: the outcome and title come before the file, so the service checks first. The
 * outcome must be of the page's initiative (`initiativeId`, from its URL): another initiative's is "not found".
 */
export async function attachOutcomeDocument(
  request: Request,
  actor: Parameters<ActionFunctionArgs['context']['services']['initiativeDocuments']['upload']>[0],
  context: ActionFunctionArgs['context'],
  initiativeId: string,
) {
  const upload = context.services.initiativeDocuments.upload;
  const scope = { initiativeId };
  const { fields, result: uploaded } = await parseUploadForm(request, 'file', (f, file) =>
    upload(actor, f.outcomeId ?? '', { title: f.title || undefined }, file, scope),
  );
  const target = fields.outcomeId ?? '';
  const result =
    uploaded ??
    (await upload(
      actor,
      target,
      { title: fields.title || undefined },
      { fileName: '', data: (async function* () {})() },
      scope,
    ));
  return initiativeReply(context.lang, result, 'document', target, 'ini.document.attached');
}
