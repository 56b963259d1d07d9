import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormMessage, SelectField, TextAreaField } from '../components/field';
import { Pagination } from '../components/pagination';
import { requireActor } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { can } from '../../services/permissions';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.roundtables');

const ROOMS_PER_PAGE = 20;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const rooms = await context.services.roundtables.list(actor);
  const convener = can(actor, { action: 'roundtable.convene' });
  const organizations = convener
    ? (await context.services.accounts.listOrganizations())
        .filter((o) => o.kind !== 'secretariat')
        .map((o) => ({ id: o.id, nameEn: o.nameEn, nameEs: o.nameEs, kind: o.kind }))
    : [];
  // One status at a time, newest first, a page at a time. Archived rooms are the Secretariat's only.
  const statuses = convener ? (['open', 'closed', 'archived'] as const) : (['open', 'closed'] as const);
  const asked = new URL(request.url).searchParams;
  const status = statuses.find((s) => s === asked.get('status')) ?? 'open';
  const counts = Object.fromEntries(statuses.map((s) => [s, rooms.filter((r) => r.status === s).length])) as Record<
    (typeof statuses)[number],
    number
  >;
  const shown = rooms.filter((r) => r.status === status);
  const pageCount = Math.max(1, Math.ceil(shown.length / ROOMS_PER_PAGE));
  const page = Math.min(pageCount, Math.max(1, Math.floor(Number(asked.get('page')) || 1)));
  return {
    convener,
    organizations,
    // The lengths the service accepts, for the convene form's fields (one source, as on the room page).
    textLimits: context.services.roundtables.textLimits,
    status,
    statuses: statuses.map((s) => ({ status: s, count: counts[s] })),
    page,
    pageCount,
    anyRoom: rooms.some((r) => r.status !== 'archived' || convener),
    rooms: shown.slice((page - 1) * ROOMS_PER_PAGE, page * ROOMS_PER_PAGE).map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      status: r.status,
      unread: r.unread,
      createdAt: r.createdAt.toISOString(),
      matchId: r.matchId,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  const mandatesTyped = String(form.get('mandates') ?? '');
  const input = {
    title: String(form.get('title') ?? ''),
    kind: String(form.get('kind') ?? ''),
    description: String(form.get('description') ?? '') || undefined,
    organizationIds: form.getAll('organizationIds').map(String),
    // "2, 12" or "2 12": the service checks each is a mandate of the catalogue.
    mandates: mandatesTyped.split(/[\s,;]+/).filter(Boolean),
  };
  const result = await context.services.roundtables.create({ ...actor, ip: context.ip }, input);
  if (result.ok) return redirect(`/roundtables/${result.value.id}`);
  // Everything typed goes back to the form, the chosen organizations too.
  return data(
    {
      message: result.message,
      fieldErrors: result.kind === 'invalid' ? result.fieldErrors : undefined,
      values: { ...input, mandates: mandatesTyped },
    },
    { status: statusFor(result) },
  );
}

export default function Roundtables() {
  const t = useT();
  const lang = useLang();
  const { rooms, convener, organizations, status, statuses, page, pageCount, anyRoom, textLimits } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const orgErrors = result?.fieldErrors?.organizationIds;
  return (
    <section>
      <h1>{t('rooms.title')}</h1>
      <p>{t('rooms.intro')}</p>
      {!anyRoom ? (
        <p className="muted">{t('rooms.empty')}</p>
      ) : (
        <>
          <nav aria-label={t('rooms.filter')} className="status-tabs">
            {statuses.map((s) => (
              <Link key={s.status} to={`?status=${s.status}`} aria-current={s.status === status ? 'page' : undefined}>
                {t(`rooms.statusTab.${s.status}`)} ({s.count})
              </Link>
            ))}
          </nav>
          {rooms.length === 0 ? <p className="muted">{t('rooms.emptyStatus')}</p> : null}
          <ul className="room-list">
            {rooms.map((room) => (
              <li key={room.id}>
                <Link to={`/roundtables/${room.id}`}>{room.title}</Link>{' '}
                <span className="badge">{t(`rooms.kind.${room.kind}`)}</span>{' '}
                {room.unread ? <span className="badge unread">{t('rooms.unread', { n: room.unread })}</span> : null}{' '}
                <span className="muted">{t('rooms.opened', { date: room.createdAt.slice(0, 10) })}</span>
              </li>
            ))}
          </ul>
          <Pagination page={page} pageCount={pageCount} />
        </>
      )}
      {convener ? (
        <section className="card" aria-labelledby="new-room">
          <h2 id="new-room">{t('rooms.new')}</h2>
          {result?.message ? (
            <FormMessage tone="error">{result.fieldErrors ? t('form.checkFields') : result.message}</FormMessage>
          ) : null}
          <Form method="post" noValidate>
            <Field
              label={t('rooms.field.title')}
              name="title"
              required
              maxLength={textLimits.roomTitle}
              defaultValue={result?.values.title}
              errors={result?.fieldErrors?.title}
            />
            <SelectField
              label={t('rooms.field.kind')}
              name="kind"
              defaultValue={result?.values.kind}
              options={[
                { value: 'working_roundtable', label: t('rooms.kind.working_roundtable') },
                { value: 'technical_meeting', label: t('rooms.kind.technical_meeting') },
              ]}
              errors={result?.fieldErrors?.kind}
            />
            <TextAreaField
              label={t('rooms.field.description')}
              name="description"
              rows={3}
              maxLength={textLimits.roomDescription}
              hint={t('rooms.field.descriptionHint')}
              defaultValue={result?.values.description}
              errors={result?.fieldErrors?.description}
            />
            <Field
              label={t('rooms.field.mandates')}
              name="mandates"
              hint={t('rooms.field.mandatesHint')}
              defaultValue={result?.values.mandates}
              errors={result?.fieldErrors?.mandates}
            />
            {/* Checkboxes, grouped by kind: a multiple select needs Ctrl-clicks that many people do not know. */}
            <fieldset
              className="field-group"
              aria-describedby={`room-orgs-hint${orgErrors ? ' room-orgs-error' : ''}`}
              aria-invalid={orgErrors ? true : undefined}
            >
              <legend>{t('rooms.field.organizations')}</legend>
              <p id="room-orgs-hint" className="hint">
                {t('rooms.field.organizationsHint')}
              </p>
              {(['state', 'jswg'] as const).map((kind) => (
                <fieldset key={kind} className="choice-group">
                  <legend>{t(`kind.${kind}.plural`)}</legend>
                  <div className="choices">
                    {organizations
                      .filter((o) => o.kind === kind)
                      .map((o) => ({ id: o.id, name: lang === 'es' ? o.nameEs : o.nameEn }))
                      .sort((a, b) => a.name.localeCompare(b.name, lang))
                      .map((o) => (
                        <label key={o.id} className="choice">
                          <input
                            type="checkbox"
                            name="organizationIds"
                            value={o.id}
                            defaultChecked={result?.values.organizationIds.includes(o.id)}
                          />
                          <span>{o.name}</span>
                        </label>
                      ))}
                  </div>
                </fieldset>
              ))}
              {orgErrors ? (
                <p id="room-orgs-error" className="field-errors">
                  {orgErrors.join(' ')}
                </p>
              ) : null}
            </fieldset>
            <button type="submit">{t('rooms.create')}</button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
