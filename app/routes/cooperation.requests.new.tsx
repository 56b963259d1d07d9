import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, type ClientActionFunctionArgs } from '@remix-run/react';
import { CooperationForm } from '../components/cooperation-form';
import { forbiddenResponse, requireActor } from '../utils/auth.server';
import { translate } from '../i18n';
import { can } from '../../services/permissions';
import { createCooperationItem } from '../utils/cooperation-actions.server';
import { mandateChoices } from '../utils/mandate-choices.server';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';
import { isUnsentSave, sendOrKeep, skipReloadAfterUnsent } from '../utils/unsent-save';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.newAssistanceRequest');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  if (!can(actor, { action: 'request.draft', organizationId: actor.organizationId }))
    throw forbiddenResponse(translate(context.lang, 'error.forbidden.newRequest'));
  return {
    canPublish: can(actor, { action: 'request.publish', organizationId: actor.organizationId }),
    mandateSections: await mandateChoices(context),
  };
}

export const action = (args: ActionFunctionArgs) => createCooperationItem('request', args);

/** A submission that does not reach the server keeps the page and what was typed (decision 038). */
export const clientAction = ({ serverAction }: ClientActionFunctionArgs) =>
  sendOrKeep(() => serverAction<typeof action>());
export const shouldRevalidate = skipReloadAfterUnsent;

export default function NewRequest() {
  const t = useT();
  const { canPublish, mandateSections } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof clientAction>();
  const result = isUnsentSave(reply) ? undefined : reply;
  return (
    <section className="form-page">
      <p>
        <Link to="/cooperation">{t('coop.back')}</Link>
      </p>
      <h1>{t('coop.newRequest')}</h1>
      <p className="muted">{t(canPublish ? 'coop.requestIntro' : 'coop.requestIntroDelegate')}</p>
      <CooperationForm
        mandateSections={mandateSections}
        kind="request"
        mode="create"
        canPublish={canPublish}
        values={result?.values}
        fieldErrors={result?.fieldErrors}
        message={result?.message}
        unsent={isUnsentSave(reply) ? reply.reason : undefined}
      />
    </section>
  );
}
