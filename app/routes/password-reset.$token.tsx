import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { NewPasswordFields } from '../components/new-password-fields';
import { FormMessage } from '../components/field';
import { readForm } from '../utils/form.server';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => [
  ...pageTitle(args, 'title.newPassword'),
  { name: 'referrer', content: 'no-referrer' },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const state = await context.services.passwordReset.inspect(params.token ?? '');
  // An unusable link is a 410 (gone) or 404 with a way to ask again, never a crash.
  return data({ state }, { status: state === 'valid' ? 200 : state === 'unknown' ? 404 : 410 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const result = await context.services.passwordReset.reset(
    params.token ?? '',
    { password: String(form.get('password') ?? ''), confirmPassword: String(form.get('confirmPassword') ?? '') },
    { ip: context.ip },
  );
  // Every session ended, this browser's too: the person logs in with the new password.
  if (result.ok) return redirect('/login?reset=done');
  return data(
    { message: result.message, fieldErrors: result.kind === 'invalid' ? result.fieldErrors : undefined },
    { status: 400 },
  );
}

export default function ChooseNewPassword() {
  const t = useT();
  const { state } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (state !== 'valid') {
    return (
      <section className="narrow">
        <h1>{t('reset.newTitle')}</h1>
        <FormMessage tone="error">{t(`reset.state.${state}`)}</FormMessage>
        <p>
          <Link to="/password-reset">{t('reset.askAgain')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t('reset.newTitle')}</h1>
      <p>{t('reset.newIntro')}</p>
      {result?.message ? (
        <FormMessage tone="error">{result.fieldErrors ? t('form.checkFields') : result.message}</FormMessage>
      ) : null}
      <Form method="post" noValidate>
        <NewPasswordFields name="password" errors={result?.fieldErrors} />
        <button type="submit">{t('reset.save')}</button>
      </Form>
    </section>
  );
}
