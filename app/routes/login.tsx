import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { Field, FormMessage } from '../components/field';
import { translate } from '../i18n';
import { requireAnonymous, safeRedirect } from '../utils/auth.server';
import { sessionCookie } from '../utils/cookies.server';
import { useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.login');

// Remix only sends an action's headers (here Retry-After on 429) when the route passes them on.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const email = String(form.get('email') ?? '');
  const redirectTo = safeRedirect(form.get('redirectTo'));
  const result = await context.services.accounts.login(
    { email, password: String(form.get('password') ?? '') },
    // The language the person reads Minka in becomes their account's (their e-mails are written in it).
    { ip: context.ip, userAgent: request.headers.get('user-agent'), locale: context.lang },
  );
  if (result.ok) {
    return redirect(redirectTo, {
      headers: { 'Set-Cookie': sessionCookie(result.value.token, result.value.expiresAt, context.secureCookies) },
    });
  }
  const lang = context.lang;
  if (result.kind === 'rate_limited') {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return data(
      { email, message: translate(lang, 'login.throttled', { minutes }), fieldErrors: undefined },
      { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
    );
  }
  const fieldErrors = result.kind === 'invalid' ? result.fieldErrors : undefined;
  return data(
    {
      email,
      message: fieldErrors ? translate(lang, 'form.checkFields') : translate(lang, 'login.failed'),
      fieldErrors,
    },
    { status: 400 },
  );
}

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  return (
    <section className="narrow">
      <h1>{t('login.title')}</h1>
      {result?.message ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      {!result && params.get('reset') === 'done' ? <FormMessage tone="success">{t('reset.done')}</FormMessage> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
        <Field
          label={t('field.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={result?.email}
          errors={result?.fieldErrors?.email}
        />
        <Field
          label={t('field.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          errors={result?.fieldErrors?.password}
        />
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('login.submit')}
        </button>
      </Form>
      <p>
        <Link to="/password-reset">{t('reset.forgot')}</Link>
      </p>
      <p className="muted">{t('login.noAccount')}</p>
    </section>
  );
}
