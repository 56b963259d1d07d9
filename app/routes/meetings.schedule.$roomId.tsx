import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { Field, FormMessage, TextAreaField } from '../components/field';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useT } from '../utils/i18n';
import { fieldErrorsOf, statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.scheduleVideoconference');

/** The schedule form of a room: its managers only (the service refuses everyone else, and so does this page). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const roomId = params.roomId ?? '';
  const snapshot = await context.services.roundtables.snapshot(actor, roomId);
  if (!snapshot.ok) throwFailure(snapshot);
  // The service's refusal, already in the reader's language (a sentence written here would stay in English).
  const allowed = await context.services.videoconferences.maySchedule(actor, roomId);
  if (!allowed.ok) throwFailure(allowed);
  return {
    room: { id: roomId, title: snapshot.value.room.title },
    members: snapshot.value.members
      .filter((m) => !m.removedAt && m.userId !== actor.userId)
      .map((m) => ({ userId: m.userId, name: m.displayName, organization: m.organizationCode })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  const input = {
    title: String(form.get('title') ?? ''),
    start: String(form.get('start') ?? ''),
    timeZone: String(form.get('timeZone') ?? ''),
    durationMinutes: String(form.get('durationMinutes') ?? ''),
    agenda: String(form.get('agenda') ?? ''),
    leaveOutUserIds: form.getAll('leaveOut').map(String),
  };
  const result = await context.services.videoconferences.schedule(actor, params.roomId ?? '', input);
  if (result.ok) return redirect(`/meetings/${result.value.id}?done=scheduled`);
  return data(
    { message: result.message, fieldErrors: fieldErrorsOf(result) ?? {}, input },
    { status: statusFor(result) },
  );
}

export default function ScheduleMeeting() {
  const t = useT();
  const { room, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  return (
    <section>
      <p>
        <Link to={`/roundtables/${room.id}`}>← {t('vc.backToRoom')}</Link>
      </p>
      <h1>{t('vc.schedule.title', { room: room.title })}</h1>
      <p>{t('vc.schedule.intro')}</p>
      {result ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      <Form method="post" noValidate>
        <Field
          label={t('vc.field.title')}
          name="title"
          defaultValue={result?.input.title ?? ''}
          errors={errors.title}
          required
        />
        <Field
          label={t('vc.field.start')}
          name="start"
          type="datetime-local"
          defaultValue={result?.input.start ?? ''}
          errors={errors.start}
          required
        />
        <Field
          label={t('vc.field.timeZone')}
          name="timeZone"
          hint={t('vc.field.timeZoneHint')}
          defaultValue={result?.input.timeZone ?? 'America/Lima'}
          errors={errors.timeZone}
          required
        />
        <Field
          label={t('vc.field.duration')}
          name="durationMinutes"
          type="number"
          min={5}
          max={600}
          step={5}
          defaultValue={result?.input.durationMinutes ?? '60'}
          errors={errors.durationMinutes}
          required
        />
        <TextAreaField
          label={t('vc.field.agenda')}
          name="agenda"
          defaultValue={result?.input.agenda ?? ''}
          errors={errors.agenda}
          rows={4}
        />
        {members.length ? (
          <fieldset>
            <legend>{t('vc.field.leaveOut')}</legend>
            {members.map((m) => (
              <div key={m.userId} className="checkbox">
                <input
                  type="checkbox"
                  id={`leave-${m.userId}`}
                  name="leaveOut"
                  value={m.userId}
                  defaultChecked={result?.input.leaveOutUserIds.includes(m.userId)}
                />
                <label htmlFor={`leave-${m.userId}`}>
                  {m.name} ({m.organization})
                </label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <button type="submit">{t('vc.submit.schedule')}</button>
      </Form>
    </section>
  );
}
