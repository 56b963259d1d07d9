import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { NewPasswordFields } from '../components/new-password-fields';
import { Field, FormMessage, SelectField } from '../components/field';
import { translate } from '../i18n';
import { requireActor } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.account');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const [mailLocale, digest, timeZone] = await Promise.all([
    context.services.accounts.localeOf(actor),
    context.services.roundtables.digestSetting(actor),
    context.services.accounts.timeZoneOf(actor),
  ]);
  return {
    digestEnabled: digest.ok ? digest.value.enabled : true,
    email: actor.email,
    displayName: actor.displayName,
    role: actor.role,
    organizationCode: actor.organizationCode,
    mailLocale,
    timeZone,
    timeZones: context.services.accounts.timeZoneChoices,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  if (form.get('intent') === 'timeZone') {
    // The zone meeting times are shown in, on My meetings and in meeting e-mails: each person chooses their own.
    const chosen = await context.services.accounts.setTimeZone({ ...actor, ip: context.ip }, form.get('timeZone'));
    if (!chosen.ok)
      return data(
        {
          ok: false as const,
          intent: 'timeZone' as const,
          message: chosen.message,
          fieldErrors: chosen.kind === 'invalid' ? chosen.fieldErrors : undefined,
        },
        { status: statusFor(chosen) },
      );
    return {
      ok: true as const,
      intent: 'timeZone' as const,
      message: translate(context.lang, 'account.timeZone.saved', { zone: chosen.value.timeZone }),
      fieldErrors: undefined,
    };
  }
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
  const zoneResult = acted?.intent === 'timeZone' ? acted : undefined;
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

      <TimeZoneForm current={user.timeZone} choices={user.timeZones} result={zoneResult} />

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

/**
 * The account's time zone: a list of every IANA zone (UTC first). Once the page runs in the browser it also says
 * which zone this device is set to and offers to choose it; without JavaScript the list alone works.
 */
function TimeZoneForm({
  current,
  choices,
  result,
}: {
  current: string;
  choices: readonly string[];
  result?: { ok: boolean; message: string; fieldErrors?: Record<string, string[]> };
}) {
  const t = useT();
  const [selected, setSelected] = useState(current);
  const [deviceZone, setDeviceZone] = useState<string | null>(null);
  useEffect(() => setDeviceZone(Intl.DateTimeFormat().resolvedOptions().timeZone || null), []);
  useEffect(() => setSelected(current), [current]);
  const deviceChoice = deviceZone && choices.includes(deviceZone) ? deviceZone : null;
  return (
    <>
      <h2 id="time-zone">{t('account.timeZone.heading')}</h2>
      {result ? <FormMessage tone={result.ok ? 'success' : 'error'}>{result.message}</FormMessage> : null}
      <Form method="post" aria-labelledby="time-zone">
        <input type="hidden" name="intent" value="timeZone" />
        <SelectField
          label={t('account.timeZone.label')}
          name="timeZone"
          hint={t('account.timeZone.hint')}
          value={selected}
          onChange={(event) => setSelected(event.target.value)}
          options={choices.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
          errors={result?.fieldErrors?.timeZone}
        />
        {deviceChoice ? (
          <p>
            {t('account.timeZone.device', { zone: deviceChoice })}{' '}
            {deviceChoice !== selected ? (
              <button type="button" className="secondary small" onClick={() => setSelected(deviceChoice)}>
                {t('account.timeZone.useDevice')}
              </button>
            ) : null}
          </p>
        ) : null}
        <button type="submit" className="secondary">
          {t('account.timeZone.save')}
        </button>
      </Form>
    </>
  );
}
