import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { canPublishOfferRole, CooperationForm, readCooperationForm, toServiceInput } from '../components/cooperation-form';
import { translate } from '../i18n';
import { forbiddenResponse, requireActor } from '../utils/auth.server';
import { useT } from '../utils/i18n';

export const meta: MetaFunction = () => [{ title: 'New cooperation offer · Minka' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  if ((actor.organizationKind !== 'jswg' && actor.organizationKind !== 'state') || actor.role === 'civil_society_member') {
    throw forbiddenResponse('Only JSWG organizations and States can offer cooperation.');
  }
  return { canPublish: canPublishOfferRole(actor.role), peer: actor.organizationKind === 'state' };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await request.formData();
  const values = readCooperationForm(form);
  const publish = form.get('intent') === 'publish';
  const result = await context.services.offers.create(actor, toServiceInput('offer', values), { publish });
  if (result.ok) return redirect(`/cooperation/offers/${result.value.id}`);
  const fieldErrors = result.kind === 'invalid' ? result.fieldErrors : undefined;
  const message = fieldErrors ? translate(context.lang, 'form.checkFields') : result.message;
  return data({ values, fieldErrors, message }, { status: result.kind === 'forbidden' ? 403 : result.kind === 'conflict' ? 409 : 400 });
}

export default function NewOffer() {
  const t = useT();
  const { canPublish, peer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="form-page">
      <p>
        <Link to="/cooperation">{t('coop.back')}</Link>
      </p>
      <h1>{t(peer ? 'coop.newPeerOffer' : 'coop.newOffer')}</h1>
      <p className="muted">{t(peer ? 'coop.peerIntro' : 'coop.offerIntro')}</p>
      <CooperationForm kind="offer" mode="create" canPublish={canPublish} values={result?.values} fieldErrors={result?.fieldErrors} message={result?.message} />
    </section>
  );
}
