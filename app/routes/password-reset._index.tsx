import { data, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { Field, FormMessage } from '../components/field';
import { translate } from '../i18n';
import { readForm } from '../utils/form.server';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.forgotPassword');

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

/**
 * "Forgot your password?" (issue 15): asks for the address and always answers the same sentence, whether or not it
 * has an account; the link goes by e-mail (services/accounts/password-reset.server.ts).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const email = String(form.get('email') ?? '').slice(0, 254);
  const result = await context.services.passwordReset.request({ email }, { ip: context.ip });
  if (result.ok)
    return { sent: true as const, email: '', message: translate(context.lang, 'reset.sent'), fieldErrors: undefined };
  if (result.kind === 'rate_limited') {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return data(
      {
        sent: false as const,
        email,
        message: translate(context.lang, 'reset.throttled', { minutes }),
        fieldErrors: undefined,
      },
      { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
    );
  }
  return data(
    {
      sent: false as const,
      email,
      message: result.message,
      fieldErrors: result.kind === 'invalid' ? result.fieldErrors : undefined,
    },
    { status: 400 },
  );
}

export default function ForgotPassword() {
  const t = useT();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <section className="narrow">
      <h1>{t('reset.title')}</h1>
      {result?.message ? <FormMessage tone={result.sent ? 'success' : 'error'}>{result.message}</FormMessage> : null}
      <p>{t('reset.intro')}</p>
      <Form method="post" noValidate>
        <Field
          label={t('field.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={result?.email}
          errors={result?.fieldErrors?.email}
        />
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('reset.send')}
        </button>
      </Form>
      <p>
        <Link to="/login">{t('reset.backToLogin')}</Link>
      </p>
    </section>
  );
}
