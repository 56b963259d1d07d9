import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { NewPasswordFields } from '../components/new-password-fields';
import { Field, FormMessage } from '../components/field';
import { sessionCookie } from '../utils/cookies.server';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.invitation');

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await context.services.accounts.inspectInvitation(params.token ?? '');
  // The link's state decides the page; an unusable link is a 410 (gone) or 404, never a crash.
  const status = invitation.state === 'valid' ? 200 : invitation.state === 'unknown' ? 404 : 410;
  return data({ ...invitation, loggedIn: !!context.actor }, { status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const displayName = String(form.get('displayName') ?? '');
  const result = await context.services.accounts.acceptInvitation(
    params.token ?? '',
    {
      displayName,
      password: String(form.get('password') ?? ''),
      confirmPassword: String(form.get('confirmPassword') ?? ''),
    },
    { ip: context.ip, userAgent: request.headers.get('user-agent'), locale: context.lang },
  );
  if (result.ok)
    return redirect('/', {
      headers: { 'Set-Cookie': sessionCookie(result.value.token, result.value.expiresAt, context.secureCookies) },
    });
  return data(
    { displayName, message: result.message, fieldErrors: result.kind === 'invalid' ? result.fieldErrors : undefined },
    { status: result.kind === 'invalid' ? 400 : 410 },
  );
}

export default function AcceptInvitation() {
  const t = useT();
  const lang = useLang();
  const invitation = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (invitation.state !== 'valid') {
    return (
      <section className="narrow">
        <h1>{t('invitation.title')}</h1>
        <FormMessage tone="error">{t(`invitation.state.${invitation.state}`)}</FormMessage>
        <p>
          <Link to="/login">{t('nav.login')}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t('invitation.title')}</h1>
      <p>
        {t('invitation.intro', {
          organization: (lang === 'es' ? invitation.organizationNameEs : invitation.organizationName) ?? '',
          role: invitation.role ? t(`role.${invitation.role}`) : '',
        })}
      </p>
      {invitation.loggedIn ? <FormMessage tone="info">{t('invitation.loggedInNotice')}</FormMessage> : null}
      {result?.message ? (
        <FormMessage tone="error">{result.fieldErrors ? t('form.checkFields') : result.message}</FormMessage>
      ) : null}
      <Form method="post" noValidate>
        <Field label={t('field.email')} name="email" type="email" value={invitation.email ?? ''} readOnly />
        <Field
          label={t('field.name')}
          name="displayName"
          autoComplete="name"
          required
          defaultValue={result?.displayName}
          errors={result?.fieldErrors?.displayName}
        />
        <NewPasswordFields name="password" errors={result?.fieldErrors} />
        <button type="submit">{t('invitation.accept')}</button>
      </Form>
    </section>
  );
}
