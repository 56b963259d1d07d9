import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormMessage, SelectField } from '../components/field';
import { translate } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { statusFor } from '../../services/outcome';
import { can } from '../../services/permissions';
import { ProgressBar } from '../components/progress-bar';
import { useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.questionnaire');

/* Reporting cycles. A State or JSWG member sees each cycle with a link to the organization's questionnaire and
 * its overall progress; the Secretariat creates cycles (dates read in the cycle's time zone) and opens each
 * cycle's status board. */

const DEFAULT_ZONE = 'America/Lima';

/** "2027-03-01 09:00" as shown on a wall clock in `zone`. */
function wallClock(date: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A date shown twice, said explicitly: in the cycle's zone and in UTC. Computed on the server (no hydration drift). */
function bothZones(date: Date, zone: string) {
  let local: string;
  try {
    local = wallClock(date, zone);
  } catch {
    local = wallClock(date, 'UTC');
  }
  return {
    iso: date.toISOString(),
    local: `${local} (${zone})`,
    utc: `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  };
}

/** Milliseconds `zone` is ahead of UTC at `instant`. */
function zoneOffset(instant: number, zone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour) % 24,
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** A `datetime-local` value read as a wall clock in `zone`, as an ISO instant; undefined when it cannot be read. */
function zonedToIso(local: string, zone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/.exec(local.trim());
  if (!m) return undefined;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  try {
    let instant = wall - zoneOffset(wall, zone);
    instant = wall - zoneOffset(instant, zone); // once more, for a date on the other side of a DST change
    return new Date(instant).toISOString();
  } catch {
    return local; // an unknown zone: the service says which field is wrong
  }
}

function cycleState(c: { opensAt: Date; closesAt: Date; publishedAt: Date | null }, now: number) {
  if (c.publishedAt) return 'published' as const;
  if (now < c.opensAt.getTime()) return 'upcoming' as const;
  if (now < c.closesAt.getTime()) return 'open' as const;
  return 'closed' as const;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { registration } = context.services;
  const secretariat = can(actor, { action: 'questionnaire.administer' });
  const answers = actor.organizationKind === 'state' || actor.organizationKind === 'jswg';
  const rows = await registration.listCycles();
  const now = Date.now();
  const cycles = await Promise.all(
    rows.map(async (c) => {
      let progress: { answered: number; total: number; status: string } | null = null;
      if (answers && !secretariat) {
        const q = await registration.questionnaire(actor, c.id);
        if (q.ok)
          progress = {
            answered: q.value.completeness.answered,
            total: q.value.completeness.total,
            status: q.value.questionnaire.status,
          };
        else if (q.kind !== 'invalid') throwFailure(q);
      }
      return {
        id: c.id,
        name: c.name,
        kind: c.kind,
        timeZone: c.timeZone,
        state: cycleState(c, now),
        opensAt: bothZones(c.opensAt, c.timeZone),
        closesAt: bothZones(c.closesAt, c.timeZone),
        publishesAt: bothZones(c.publishesAt, c.timeZone),
        progress,
      };
    }),
  );
  return { cycles, secretariat, answers, canCreate: secretariat };
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  const values = {
    name: text(form, 'name'),
    kind: text(form, 'kind'),
    opensAt: text(form, 'opensAt'),
    closesAt: text(form, 'closesAt'),
    publishesAt: text(form, 'publishesAt'),
    timeZone: text(form, 'timeZone').trim(),
    previousCycleId: text(form, 'previousCycleId'),
  };
  const result = await context.services.registration.createCycle(actor, {
    name: values.name,
    kind: values.kind,
    opensAt: zonedToIso(values.opensAt, values.timeZone),
    closesAt: zonedToIso(values.closesAt, values.timeZone),
    publishesAt: zonedToIso(values.publishesAt, values.timeZone),
    timeZone: values.timeZone,
    previousCycleId: values.previousCycleId || undefined,
  });
  if (result.ok)
    return {
      ok: true as const,
      message: translate(context.lang, 'q.created', { name: result.value.name }),
      values: undefined,
      fieldErrors: undefined,
    };
  if (result.kind === 'forbidden' || result.kind === 'not_found') throwFailure(result);
  const fieldErrors = result.kind === 'invalid' ? result.fieldErrors : undefined;
  return data(
    {
      ok: false as const,
      message: fieldErrors ? translate(context.lang, 'form.checkFields') : result.message,
      values,
      fieldErrors,
    },
    { status: statusFor(result) },
  );
}

type Zoned = ReturnType<typeof bothZones>;

function When({ value }: { value: Zoned }) {
  return (
    <>
      <time dateTime={value.iso}>{value.local}</time> <span className="muted">· {value.utc}</span>
    </>
  );
}

export default function Cycles() {
  const t = useT();
  const { cycles, secretariat, answers, canCreate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const values = result && !result.ok ? result.values : undefined;
  return (
    <section>
      <h1>{t('q.title')}</h1>
      <p>{t('q.intro')}</p>
      {!secretariat && !answers ? <p className="muted">{t('q.notApplicable')}</p> : null}
      {result?.ok ? <FormMessage tone="success">{result.message}</FormMessage> : null}

      {cycles.length === 0 ? <p className="empty">{t('q.noCycles')}</p> : null}
      <ul className="cycle-list">
        {cycles.map((c) => (
          <li key={c.id} className="card cycle">
            <h2>{c.name}</h2>
            <p>
              <span className={`badge status cycle-${c.state}`}>{t(`q.cycleState.${c.state}`)}</span>{' '}
              <span className="muted">· {t(`q.kind.${c.kind}`)}</span>
            </p>
            <dl className="facts">
              <dt>{t('q.opensAt')}</dt>
              <dd>
                <When value={c.opensAt} />
              </dd>
              <dt>{t('q.closesAt')}</dt>
              <dd>
                <When value={c.closesAt} />
              </dd>
              <dt>{t('q.publishesAt')}</dt>
              <dd>
                <When value={c.publishesAt} />
              </dd>
              <dt>{t('q.timeZone')}</dt>
              <dd>{c.timeZone}</dd>
            </dl>
            {c.progress ? (
              <>
                <p>
                  <Link to={`/questionnaire/${c.id}`}>{t('q.ourQuestionnaire', { name: c.name })}</Link>{' '}
                  <span className={`badge status status-${c.progress.status}`}>
                    {t(`q.status.${c.progress.status as 'drafting'}`)}
                  </span>
                </p>
                <ProgressBar
                  hideLabel
                  label={`${t('q.progressOverall')}: ${c.name}`}
                  answered={c.progress.answered}
                  total={c.progress.total}
                />
              </>
            ) : null}
            {secretariat ? (
              <p>
                <Link to={`/admin/cycles/${c.id}`}>{t('q.statusBoardLink', { name: c.name })}</Link>
              </p>
            ) : null}
            {c.progress || secretariat ? (
              <p>
                <Link to={`/disclosure/${c.id}`}>{t('nd.title')}</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>

      {canCreate ? (
        <section className="section-block" aria-labelledby="create-cycle">
          <h2 id="create-cycle">{t('q.create.title')}</h2>
          <Form method="post" noValidate className="narrow" aria-labelledby="create-cycle">
            {result && !result.ok ? <FormMessage tone="error">{result.message}</FormMessage> : null}
            {errors._form ? <FormMessage tone="error">{errors._form.join(' ')}</FormMessage> : null}
            <Field
              label={t('q.field.name')}
              hint={t('q.field.nameHint')}
              name="name"
              required
              defaultValue={values?.name}
              errors={errors.name}
            />
            <SelectField
              label={t('q.field.kind')}
              name="kind"
              defaultValue={values?.kind ?? 'registration'}
              errors={errors.kind}
              options={[
                { value: 'registration', label: t('q.kind.registration') },
                { value: 'update', label: t('q.kind.update') },
              ]}
            />
            <Field
              label={t('q.field.timeZone')}
              hint={t('q.field.timeZoneHint')}
              name="timeZone"
              required
              defaultValue={values?.timeZone ?? DEFAULT_ZONE}
              errors={errors.timeZone}
              list="time-zones"
            />
            <datalist id="time-zones">
              {[
                'America/Lima',
                'America/Bogota',
                'America/Mexico_City',
                'America/New_York',
                'America/Sao_Paulo',
                'America/Argentina/Buenos_Aires',
                'America/Santiago',
                'America/Panama',
                'America/Port_of_Spain',
                'UTC',
              ].map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
            <Field
              label={t('q.field.opensAt')}
              name="opensAt"
              type="datetime-local"
              required
              defaultValue={values?.opensAt}
              errors={errors.opensAt}
            />
            <Field
              label={t('q.field.closesAt')}
              name="closesAt"
              type="datetime-local"
              required
              defaultValue={values?.closesAt}
              errors={errors.closesAt}
            />
            <Field
              label={t('q.field.publishesAt')}
              name="publishesAt"
              type="datetime-local"
              required
              defaultValue={values?.publishesAt}
              errors={errors.publishesAt}
            />
            <SelectField
              label={t('q.field.previousCycle')}
              name="previousCycleId"
              defaultValue={values?.previousCycleId ?? ''}
              errors={errors.previousCycleId}
              placeholder={t('q.field.none')}
              options={cycles.map((c) => ({ value: c.id, label: c.name }))}
            />
            <p className="hint">{t('q.field.previousCycleHint')}</p>
            <div className="form-actions">
              <button type="submit">{t('q.create.submit')}</button>
            </div>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
