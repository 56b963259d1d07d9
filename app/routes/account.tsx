import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormMessage } from '../components/field';
import { translate } from '../i18n';
import { requireActor } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';

export const meta: MetaFunction = () => [{ title: 'Account · Minka' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const mailLocale = await context.services.accounts.localeOf(actor);
  return {
    email: actor.email,
    displayName: actor.displayName,
    role: actor.role,
    organizationCode: actor.organizationCode,
    mailLocale,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  const result = await context.services.accounts.changePassword(actor, {
    currentPassword: String(form.get('currentPassword') ?? ''),
    newPassword: String(form.get('newPassword') ?? ''),
    confirmPassword: String(form.get('confirmPassword') ?? ''),
  });
  if (result.ok)
    return {
      ok: true as const,
      message: translate(context.lang, 'account.passwordChanged', { n: result.value.endedOtherSessions }),
      fieldErrors: undefined,
    };
  return data(
    {
      ok: false as const,
      message: result.message,
      fieldErrors: result.kind === 'invalid' ? result.fieldErrors : undefined,
    },
    { status: statusFor(result) },
  );
}

export default function Account() {
  const t = useT();
  const user = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>{t('account.title')}</h1>
      <dl className="facts">
        <dt>{t('field.name')}</dt>
        <dd>{user.displayName}</dd>
        <dt>{t('field.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('field.role')}</dt>
        <dd>
          {t(`role.${user.role}`)} · {user.organizationCode}
        </dd>
        <dt>{t('account.mailLanguage')}</dt>
        <dd>
          <span lang={user.mailLocale}>{user.mailLocale === 'es' ? 'Español' : 'English'}</span>
          <span className="muted"> · {t('account.mailLanguageHint')}</span>
        </dd>
      </dl>

      <h2>{t('account.changePassword')}</h2>
      {result ? (
        <FormMessage tone={result.ok ? 'success' : 'error'}>
          {result.ok ? result.message : t('form.checkFields')}
        </FormMessage>
      ) : null}
      <Form method="post" noValidate>
        <Field
          label={t('account.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          errors={result?.fieldErrors?.currentPassword}
        />
        <Field
          label={t('account.newPassword')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint={t('account.passwordRule')}
          errors={result?.fieldErrors?.newPassword}
        />
        <Field
          label={t('account.confirmPassword')}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          errors={result?.fieldErrors?.confirmPassword}
        />
        <button type="submit">{t('account.changePassword')}</button>
      </Form>

      <h2>{t('account.sessions')}</h2>
      <p>{t('account.logoutEverywhereHelp')}</p>
      <Form method="post" action="/logout">
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit" className="secondary">
          {t('account.logoutEverywhere')}
        </button>
      </Form>
    </section>
  );
}
