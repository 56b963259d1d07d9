import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { Field, FormMessage } from '../components/field';
import { MeetingTime } from '../components/meeting-time';
import { translate, type MessageKey } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useT } from '../utils/i18n';
import { fieldErrorsOf, statusFor } from '../../services/outcome';
import { can } from '../../services/permissions';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, 'title.meeting', args.data?.meeting.title);

/** A meeting for the people invited and the room's managers (the service decides who sees it). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.videoconferences.get(actor, params.id ?? '', context.lang);
  if (!result.ok) throwFailure(result);
  const { manage, videoConfigured, joinOpen } = result.value;
  // Moderators see who is in the call while it can run (LiveKit's ListParticipants, with roomAdmin for that room).
  const live =
    manage && videoConfigured && joinOpen
      ? await context.services.videoconferences.liveParticipants(actor, params.id ?? '')
      : null;
  return {
    ...result.value,
    live: live?.ok ? live.value : null,
    // Only shows the by-hand attendance form: the service decides (services/permissions.ts).
    secretariat: can(actor, { action: 'meeting.record_attendance' }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const id = params.id ?? '';
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const vc = context.services.videoconferences;
  let result;
  let done: MessageKey;
  switch (intent) {
    case 'reschedule':
      result = await vc.reschedule(actor, id, {
        start: String(form.get('start') ?? ''),
        timeZone: String(form.get('timeZone') ?? ''),
        durationMinutes: String(form.get('durationMinutes') ?? ''),
      });
      done = 'vc.done.rescheduled';
      break;
    case 'cancel':
      result = await vc.cancel(actor, id);
      done = 'vc.done.cancelled';
      break;
    case 'mark':
      result = await vc.markAttendance(actor, id, String(form.get('userId') ?? ''));
      done = 'vc.done.marked';
      break;
    case 'remove-from-call':
      result = await vc.removeFromCall(actor, id, String(form.get('identity') ?? ''));
      done = 'vc.done.removed';
      break;
    default:
      throw new Response('Unknown action', { status: 400 });
  }
  if (result.ok)
    return {
      intent,
      ok: true as const,
      message: translate(context.lang, done),
      fieldErrors: {} as Record<string, string[]>,
    };
  return data(
    { intent, ok: false as const, message: result.message, fieldErrors: fieldErrorsOf(result) ?? {} },
    { status: statusFor(result) },
  );
}

export default function MeetingPage() {
  const t = useT();
  const { meeting, manage, invited, joinOpen, videoConfigured, attendance, secretariat, live } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = result?.intent === 'reschedule' ? result.fieldErrors : {};
  const changeable = meeting.status === 'scheduled';
  return (
    <section className="meeting">
      <p>
        <Link to={`/roundtables/${meeting.roundtableId}`}>← {meeting.roundtableTitle}</Link> ·{' '}
        <Link to="/meetings">{t('vc.mine.title')}</Link>
      </p>
      <h1>{meeting.title}</h1>
      {params.get('done') === 'scheduled' && !result ? (
        <FormMessage tone="success">{t('vc.done.scheduled')}</FormMessage>
      ) : null}
      {result ? <FormMessage tone={result.ok ? 'success' : 'error'}>{result.message}</FormMessage> : null}
      <p>
        <strong>{t(`vc.status.${meeting.status}` as MessageKey)}</strong> ·{' '}
        {t('vc.duration', { n: meeting.durationMinutes })}
      </p>
      <MeetingTime meeting={meeting} />
      {meeting.agenda ? (
        <>
          <h2>{t('vc.agenda')}</h2>
          <p className="pre-line">{meeting.agenda}</p>
        </>
      ) : null}
      <p>
        <a href={`/meetings/${meeting.id}/invite.ics`} download>
          {t('vc.ics')}
        </a>
      </p>
      {meeting.status !== 'cancelled' && meeting.status !== 'ended' ? (
        !videoConfigured ? (
          <FormMessage tone="info">{t('vc.notConfigured')}</FormMessage>
        ) : joinOpen ? (
          <p>
            <Link className="button" to={`/meetings/${meeting.id}/call`}>
              {t('vc.join')}
            </Link>
          </p>
        ) : (
          <p className="muted">{t('vc.joinOpens')}</p>
        )
      ) : null}

      {live ? (
        <>
          <h2>{t('vc.live.title')}</h2>
          {live.length === 0 ? (
            <p className="empty">{t('vc.live.none')}</p>
          ) : (
            <ul>
              {live.map((p) => (
                <li key={p.identity}>
                  {p.name}{' '}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remove-from-call" />
                    <input type="hidden" name="identity" value={p.identity} />
                    <button type="submit" className="secondary">
                      {t('vc.live.remove', { name: p.name })}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}

      <h2>{t('vc.invited')}</h2>
      <ul>
        {invited.map((p) => (
          <li key={p.userId}>
            {p.name} ({p.organization}){p.moderator ? ` · ${t('vc.moderator')}` : ''}
            {p.leftOut ? ` · ${t('vc.leftOut')}` : ''}
            {p.removedFromRoom ? ` · ${t('vc.removedFromRoom')}` : ''}
          </li>
        ))}
      </ul>

      {manage && changeable ? (
        <>
          <h2>{t('vc.reschedule')}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="reschedule" />
            <Field label={t('vc.field.start')} name="start" type="datetime-local" errors={errors.start} required />
            <Field
              label={t('vc.field.timeZone')}
              name="timeZone"
              defaultValue={meeting.timeZone}
              hint={t('vc.field.timeZoneHint')}
              errors={errors.timeZone}
              required
            />
            <Field
              label={t('vc.field.duration')}
              name="durationMinutes"
              type="number"
              min={5}
              max={600}
              defaultValue={String(meeting.durationMinutes)}
              errors={errors.durationMinutes}
              required
            />
            <button type="submit">{t('vc.submit.reschedule')}</button>
          </Form>
          <h2>{t('vc.cancel')}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="danger">
              {t('vc.submit.cancel')}
            </button>
          </Form>
        </>
      ) : null}

      {attendance ? (
        <>
          <h2>{t('vc.attendance')}</h2>
          <p>
            <a href={`/meetings/${meeting.id}/attendance.csv`} download>
              {t('vc.attendanceCsv')}
            </a>
          </p>
          {attendance.length === 0 ? (
            <p className="empty">{t('vc.attendance.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('vc.att.person')}</th>
                  <th scope="col">{t('vc.att.organization')}</th>
                  <th scope="col">{t('vc.att.from')}</th>
                  <th scope="col">{t('vc.att.to')}</th>
                  <th scope="col">{t('vc.att.minutes')}</th>
                  <th scope="col">{t('vc.att.source')}</th>
                </tr>
              </thead>
              <tbody>
                {attendance.map((a) => (
                  <tr key={a.userId}>
                    <td>{a.name}</td>
                    <td>{a.organization}</td>
                    <td>{a.from.slice(0, 16).replace('T', ' ')}</td>
                    <td>{a.to ? a.to.slice(0, 16).replace('T', ' ') : '—'}</td>
                    <td>{a.minutes}</td>
                    <td>{t(a.source === 'webhook' ? 'vc.att.webhook' : 'vc.att.manual')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {secretariat && meeting.status !== 'cancelled' ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="mark" />
              <label htmlFor="mark-user">{t('vc.att.person')}</label>{' '}
              <select id="mark-user" name="userId">
                {invited
                  .filter((p) => !p.leftOut && !p.removedFromRoom)
                  .map((p) => (
                    <option key={p.userId} value={p.userId}>
                      {p.name} ({p.organization})
                    </option>
                  ))}
              </select>{' '}
              <button type="submit" className="secondary">
                {t('vc.markPresent')}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
