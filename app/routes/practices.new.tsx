import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, type ClientActionFunctionArgs } from '@remix-run/react';
import { FormMessage } from '../components/field';
import {
  emptyPractice,
  PracticeForm,
  PracticeFormNotice,
  practiceInput,
  valuesFromInput,
} from '../components/practice-form';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useT } from '../utils/i18n';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';
import { isUnsentSave, sendOrKeep, skipReloadAfterUnsent } from '../utils/unsent-save';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.newGoodPractice');

/* A State's or JSWG organization's member starts a good practice from scratch: a private draft. */

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  // The service decides who drafts practices; anyone else gets its 403.
  const mine = await context.services.practices.mine(actor);
  if (!mine.ok) throwFailure(mine);
  const [commitment] = await context.services.catalogue.listCommitments();
  return { commitment: commitment?.code ?? '' };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const input = practiceInput(await readForm(request));
  const result = await context.services.practices.create(actor, input);
  if (result.ok) return redirect(`/practices/${result.value.id}/edit?saved=1`);
  return data(
    {
      message: result.message,
      fieldErrors: (result.kind === 'invalid' ? result.fieldErrors : undefined) ?? {},
      values: valuesFromInput(input),
    },
    { status: statusFor(result) },
  );
}

/** A submission that does not reach the server keeps the page and what was typed (decision 038). */
export const clientAction = ({ serverAction }: ClientActionFunctionArgs) =>
  sendOrKeep(() => serverAction<typeof action>());
export const shouldRevalidate = skipReloadAfterUnsent;

export default function NewPractice() {
  const t = useT();
  const { commitment } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof clientAction>();
  const result = isUnsentSave(reply) ? undefined : reply;
  return (
    <section className="form-page">
      <p>
        <Link to="/practices/mine">← {t('pr.mine.title')}</Link>
      </p>
      <h1>{t('pr.new.title')}</h1>
      <PracticeFormNotice />
      {result ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      <PracticeForm
        values={result?.values ?? emptyPractice}
        fieldErrors={result?.fieldErrors}
        commitment={commitment}
        submitLabel={t('pr.save')}
        unsent={isUnsentSave(reply) ? reply.reason : undefined}
      />
    </section>
  );
}
