import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { NewPasswordFields } from '../components/new-password-fields';
import { Field, FormMessage } from '../components/field';
import { translate } from '../i18n';
import { requireActor } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';

export const meta: MetaFunction = () => [{ title: 'Account · Minka' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const [mailLocale, digest] = await Promise.all([
    context.services.accounts.localeOf(actor),
    context.services.roundtables.digestSetting(actor),
  ]);
  return {
    digestEnabled: digest.ok ? digest.value.enabled : true,
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
  if (form.get('intent') === 'digest') {
    // The daily digest of unread room messages (issue 15): each person turns it on or off for themselves.
    const digest = await context.services.roundtables.setDigest(actor, form.get('digest'));
    if (!digest.ok)
      return data(
        { ok: false as const, intent: 'digest' as const, message: digest.message, fieldErrors: undefined },
        { status: statusFor(digest) },
      );
    return {
      ok: true as const,
      intent: 'digest' as const,
      message: translate(context.lang, digest.value.enabled ? 'account.digest.savedOn' : 'account.digest.savedOff'),
      fieldErrors: undefined,
    };
  }
  const result = await context.services.accounts.changePassword(actor, {
    currentPassword: String(form.get('currentPassword') ?? ''),
    newPassword: String(form.get('newPassword') ?? ''),
    confirmPassword: String(form.get('confirmPassword') ?? ''),
  });
  if (result.ok)
    return {
      ok: true as const,
      intent: 'password' as const,
      message: translate(context.lang, 'account.passwordChanged', { n: result.value.endedOtherSessions }),
      fieldErrors: undefined,
    };
  return data(
    {
      ok: false as const,
      intent: 'password' as const,
      message: result.message,
      fieldErrors: result.kind === 'invalid' ? result.fieldErrors : undefined,
    },
    { status: statusFor(result) },
  );
}

export default function Account() {
  const t = useT();
  const user = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const result = acted?.intent === 'password' ? acted : undefined;
  const digestResult = acted?.intent === 'digest' ? acted : undefined;
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
        <NewPasswordFields name="newPassword" errors={result?.fieldErrors} />
        <button type="submit">{t('account.changePassword')}</button>
      </Form>

      <h2 id="digest-heading">{t('account.digest.heading')}</h2>
      {digestResult ? (
        <FormMessage tone={digestResult.ok ? 'success' : 'error'}>{digestResult.message}</FormMessage>
      ) : null}
      <Form method="post" aria-labelledby="digest-heading">
        <input type="hidden" name="intent" value="digest" />
        <fieldset>
          <legend>{t('account.digest.hint')}</legend>
          <label>
            <input type="radio" name="digest" value="on" defaultChecked={user.digestEnabled} /> {t('account.digest.on')}
          </label>
          <label>
            <input type="radio" name="digest" value="off" defaultChecked={!user.digestEnabled} />{' '}
            {t('account.digest.off')}
          </label>
        </fieldset>
        <button type="submit" className="secondary">
          {t('account.digest.save')}
        </button>
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
