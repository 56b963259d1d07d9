import { randomUUID } from 'node:crypto';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useMutedUntil } from '../components/room-mute';
import { formatSize, typeLabel } from '../components/attachments';
import { Field, FormMessage } from '../components/field';
import { LocalTime } from '../components/local-time';
import { NextMeeting } from '../components/meeting-next';
import { RoomLive } from '../components/room-live';
import { requireActor, throwFailure } from '../utils/auth.server';
import { isMultipart, parseUploadForm } from '../utils/upload.server';
import { translate } from '../i18n';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { fieldErrorsOf, statusFor } from '../../services/outcome';
import { can } from '../../services/permissions';
import { pageTitle } from '../utils/page-title';

/** What the file picker offers; the server still decides from the content (services/storage/sniff.ts). */
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.odp,.csv,.png,.jpg,.jpeg,.gif,.webp';

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, 'title.roundtable', args.data?.room.title);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.roundtables.snapshot(actor, params.id ?? '');
  if (!result.ok) throwFailure(result);
  const { room, moderator, members, organizations, mandates, agenda, documents, messages, hasOlder, syncedAt } =
    result.value;
  const convener = can(actor, { action: 'roundtable.convene' });
  // The Secretariat may invite any State or JSWG organization; those already here are offered to bring in newcomers.
  const inRoom = new Set(organizations.map((o) => o.id));
  const inviteChoices =
    convener && room.status === 'open'
      ? (await context.services.accounts.listOrganizations())
          .filter((o) => o.kind !== 'secretariat')
          .map((o) => ({ id: o.id, nameEn: o.nameEn, nameEs: o.nameEs, inRoom: inRoom.has(o.id) }))
      : [];
  const [meetings, matchLink, requestLink] = await Promise.all([
    context.services.videoconferences.forRoom(actor, room.id),
    // A room grown from a match also holds organizations invited later: only the match's parties (and the
    // Secretariat) open the match, so only they get the link (the match service's rule, not the page's).
    room.matchId ? context.services.brokering.mayOpen(actor, room.matchId) : Promise.resolve(false),
    // The same for the request: whoever may not read it (a draft, withdrawn or held back) gets no link to it.
    room.requestId ? context.services.requests.mayOpen(actor, room.requestId) : Promise.resolve(false),
  ]);
  // Search in the room's history (issue 15): a plain GET form, so it works without JavaScript too.
  const q = new URL(request.url).searchParams.get('q');
  const found = q !== null ? await context.services.roundtables.search(actor, room.id, q) : null;
  const search = found
    ? found.ok
      ? { query: found.value.query, messages: found.value.messages, error: null }
      : { query: q ?? '', messages: [], error: found.message }
    : null;
  const memberView = (m: (typeof members)[number]) => ({
    userId: m.userId,
    displayName: m.displayName,
    role: m.role,
    mutedUntil: m.mutedUntil?.toISOString() ?? null,
    organizationCode: m.organizationCode,
    organizationNameEn: m.organizationNameEn,
    organizationNameEs: m.organizationNameEs,
  });
  return {
    // Until when a moderator muted the viewer (issue 15): the page disables what they may not do; the service refuses it.
    me: {
      userId: actor.userId,
      displayName: actor.displayName,
      mutedUntil: members.find((m) => m.userId === actor.userId && !m.removedAt)?.mutedUntil?.toISOString() ?? null,
    },
    // Only hides buttons: the service decides (the Secretariat names moderators and closes rooms).
    convener,
    inviteChoices,
    room: {
      id: room.id,
      title: room.title,
      kind: room.kind,
      status: room.status,
      matchId: room.matchId,
      requestId: room.requestId,
      /** Whether the viewer may open the match the room grew from: the link is shown to them only. */
      matchLink,
      /** The same for the cooperation request it answers. */
      requestLink,
      description: room.description,
    },
    moderator,
    members: members.filter((m) => !m.removedAt).map(memberView),
    // Only moderators see (and may add back) the people removed.
    removedMembers: moderator ? members.filter((m) => m.removedAt).map(memberView) : [],
    organizations,
    mandates,
    agenda: agenda.map((a) => ({ id: a.id, title: a.title, status: a.status, position: a.position })),
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      url: d.url,
      file:
        d.fileName && d.mediaType && d.sizeBytes !== null
          ? { fileName: d.fileName, mediaType: d.mediaType, sizeBytes: d.sizeBytes }
          : null,
      sharedByName: d.sharedByName,
      sharedAt: d.sharedAt.toISOString(),
      // Only shows the button: the service decides (moderators and whoever shared it).
      removable: moderator || d.sharedBy === actor.userId,
    })),
    maxSize: formatSize(context.services.roomDocuments.maxBytes),
    messages,
    hasOlder,
    syncedAt,
    editWindowMs: context.services.roundtables.editWindowMs,
    reactionSet: context.services.roundtables.reactionSet,
    textLimits: context.services.roundtables.textLimits,
    search,
    // For the no-JavaScript form: a fresh client id per page view, so a re-submitted form is not stored twice.
    formClientId: randomUUID(),
    nextMeeting: meetings.ok
      ? { next: meetings.value.next, manage: meetings.value.manage, count: meetings.value.meetings.length }
      : null,
  };
}

/** Every action goes through the service, which checks membership and moderation rights itself. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const id = params.id ?? '';
  if (isMultipart(request)) {
    // Sharing a file: the title comes before the file, so the service checks everything before reading a byte.
    const { fields, result: uploaded } = await parseUploadForm(request, 'file', (f, file) =>
      context.services.roomDocuments.upload(actor, id, { title: f.title || undefined }, file),
    );
    const title = fields.title ?? '';
    // No file part at all: the service still answers (access first, then "choose a file"), in the reader's language.
    const result =
      uploaded ??
      (await context.services.roomDocuments.upload(
        actor,
        id,
        { title: title || undefined },
        { fileName: '', data: (async function* () {})() },
      ));
    if (result.ok) return redirect(`/roundtables/${id}`);
    const status = statusFor(result);
    return data(
      {
        intent: 'file' as const,
        ok: false as const,
        message: result.message,
        fieldErrors: fieldErrorsOf(result) ?? {},
        title,
      },
      { status },
    );
  }
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const rooms = context.services.roundtables;
  let result;
  switch (intent) {
    case 'send':
      result = await rooms.post(actor, id, {
        clientId: String(form.get('clientId') ?? ''),
        body: String(form.get('body') ?? ''),
      });
      break;
    case 'react': {
      // Reactions without JavaScript (issue 15, decision 031): toggle, then back to the message.
      const messageId = Number(form.get('messageId'));
      const valid = Number.isSafeInteger(messageId) && messageId > 0;
      const reacted = await rooms.reactFromPage(actor, valid ? messageId : 0, form.get('reaction'));
      if (reacted.ok) return redirect(`/roundtables/${reacted.value.roundtableId}#message-${reacted.value.id}`);
      result = reacted;
      break;
    }
    case 'agenda-add':
      result = await rooms.addAgendaItem(actor, id, form.get('title'));
      break;
    case 'agenda-move':
      result = await rooms.moveAgendaItem(actor, id, String(form.get('itemId') ?? ''), form.get('direction'));
      break;
    case 'agenda-mark':
      result = await rooms.markAgendaItem(actor, id, String(form.get('itemId') ?? ''), form.get('status'));
      break;
    case 'mute':
      result = await rooms.mute(actor, id, String(form.get('userId') ?? ''), form.get('minutes'));
      break;
    case 'remove':
      result = await rooms.removeMember(actor, id, String(form.get('userId') ?? ''));
      break;
    case 'role':
      result = await rooms.setMemberRole(actor, id, String(form.get('userId') ?? ''), form.get('role'));
      break;
    case 'restore':
      result = await rooms.restoreMember(actor, id, String(form.get('userId') ?? ''));
      break;
    case 'invite-organization': {
      const invited = await rooms.addOrganization(actor, id, String(form.get('organizationId') ?? ''));
      if (!invited.ok) {
        result = invited;
        break;
      }
      // Said on the page rather than only shown in the list: an organization may bring nobody new.
      const name = context.lang === 'es' ? invited.value.nameEs : invited.value.nameEn;
      return {
        intent,
        ok: true as const,
        message: translate(context.lang, invited.value.alreadyInvited ? 'rooms.invitedAgain' : 'rooms.invitedDone', {
          name,
          n: invited.value.added,
        }),
        fieldErrors: {},
      };
    }
    case 'status':
      result = await rooms.setStatus(actor, id, form.get('status'));
      break;
    case 'document':
      result = await rooms.shareDocument(actor, id, { title: form.get('title'), url: form.get('url') });
      break;
    case 'document-remove':
      result = await context.services.roomDocuments.remove(actor, id, String(form.get('documentId') ?? ''));
      break;
    default:
      throw new Response('Unknown action', { status: 400 });
  }
  if (result.ok) return redirect(`/roundtables/${id}`);
  // What was typed goes back to the form that sent it (the link form's title and address).
  const typed =
    intent === 'document' ? { title: String(form.get('title') ?? ''), url: String(form.get('url') ?? '') } : {};
  return data(
    {
      intent,
      ok: false as const,
      message: result.message,
      fieldErrors: result.kind === 'invalid' ? (result.fieldErrors ?? {}) : {},
      ...typed,
    },
    { status: statusFor(result) },
  );
}

const isMuted = (m: { mutedUntil: string | null }) => !!m.mutedUntil && new Date(m.mutedUntil) > new Date();

interface MemberLine {
  userId: string;
  displayName: string;
  organizationCode: string | null;
  organizationNameEn: string | null;
  organizationNameEs: string | null;
}

function MemberOrganization({ member }: { member: MemberLine }) {
  const lang = useLang();
  if (!member.organizationCode) return null;
  return <span className="muted"> · {lang === 'es' ? member.organizationNameEs : member.organizationNameEn}</span>;
}

/** One moderation button on a person: a plain form (works without JavaScript), its name says whom it acts on. */
function MemberAction({
  intent,
  member,
  fields = {},
  label,
}: {
  intent: 'mute' | 'role' | 'remove' | 'restore';
  member: MemberLine;
  fields?: Record<string, string>;
  label: string;
}) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={member.userId} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="link-button">
        {label}
        <span className="visually-hidden"> {member.displayName}</span>
      </button>
    </Form>
  );
}

export default function RoundtableRoom() {
  const t = useT();
  const lang = useLang();
  const room = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const uploading = navigation.state === 'submitting' && navigation.formEncType === 'multipart/form-data';
  const fileResult = result?.intent === 'file' ? result : undefined;
  const linkResult = result?.intent === 'document' ? result : undefined;
  const open = room.room.status === 'open';
  // The agenda follows live updates from the socket; a reload of the page's data resets it.
  const [agenda, setAgenda] = useState(room.agenda);
  useEffect(() => setAgenda(room.agenda), [room.agenda]);
  // The mute as the page last loaded it, replaced at once by what the socket says (member:muted), lifted at its end.
  const [mutedUntil, setMutedUntil] = useMutedUntil(room.me.mutedUntil);
  return (
    <section className="room">
      <p>
        <Link to="/roundtables">← {t('rooms.title')}</Link>
      </p>
      <h1>{room.room.title}</h1>
      <p className="muted">
        {t(`rooms.kind.${room.room.kind}`)} · {t(`rooms.status.${room.room.status}`)} ·{' '}
        {room.organizations
          .map((o) => (lang === 'es' ? o.nameEs : o.nameEn))
          .sort((a, b) => a.localeCompare(b, lang))
          .join(', ')}
        {room.mandates.length ? <> · {t('rooms.mandates', { list: room.mandates.join(', ') })}</> : null}
        {room.room.matchId && room.room.matchLink ? (
          <>
            {' '}
            · <Link to={`/matches/${room.room.matchId}`}>{t('rooms.match')}</Link>
          </>
        ) : null}
        {room.room.requestId && room.room.requestLink ? (
          <>
            {' '}
            · <Link to={`/cooperation/requests/${room.room.requestId}`}>{t('rooms.request')}</Link>
          </>
        ) : null}
      </p>
      {!open ? <FormMessage tone="info">{t('rooms.readOnly')}</FormMessage> : null}
      {room.room.description ? <p className="room-description">{room.room.description}</p> : null}
      <NextMeeting roomId={room.room.id} data={room.nextMeeting} open={open} />
      {result?.message && !fileResult && !linkResult ? (
        <FormMessage tone={result.ok ? 'success' : 'error'}>{result.message}</FormMessage>
      ) : null}

      <div className="room-grid">
        <div className="room-main">
          <RoomLive
            roomId={room.room.id}
            me={room.me}
            initialMessages={room.messages}
            syncedAt={room.syncedAt}
            hasOlder={room.hasOlder}
            open={open}
            moderator={room.moderator}
            editWindowMs={room.editWindowMs}
            formClientId={room.formClientId}
            mutedUntil={mutedUntil}
            onMuted={setMutedUntil}
            onAgenda={(items) =>
              setAgenda(items.map((a) => ({ id: a.id, title: a.title, status: a.status, position: a.position })))
            }
            onRoomChanged={() => revalidator.revalidate()}
            reactionSet={room.reactionSet}
            textLimits={room.textLimits}
            members={room.members}
          />
        </div>
        <aside className="room-side">
          <section aria-labelledby="search-heading" className="room-search">
            <h2 id="search-heading">{t('rooms.search.heading')}</h2>
            <Form method="get" role="search" aria-labelledby="search-heading">
              <label htmlFor="room-search">{t('rooms.search.label')}</label>
              <input
                id="room-search"
                name="q"
                type="search"
                minLength={2}
                maxLength={100}
                defaultValue={room.search?.query ?? ''}
              />{' '}
              <button type="submit" className="secondary small">
                {t('rooms.search.submit')}
              </button>
            </Form>
            {room.search ? (
              room.search.error ? (
                <p className="field-errors">{room.search.error}</p>
              ) : (
                <>
                  <p role="status">
                    {t('rooms.search.count', { n: room.search.messages.length, query: room.search.query })}
                  </p>
                  <ol className="search-results">
                    {room.search.messages.map((m) => (
                      <li key={m.id}>
                        <a href={`#message-${m.id}`}>#{m.seq}</a> <strong>{m.authorName}</strong>{' '}
                        <LocalTime value={m.createdAt} withDate />
                        <p>{m.body}</p>
                      </li>
                    ))}
                  </ol>
                </>
              )
            ) : null}
          </section>
          <section aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">{t('rooms.agenda')}</h2>
            {agenda.length === 0 ? <p className="muted">{t('rooms.agendaEmpty')}</p> : null}
            <ol className="agenda" id="agenda-list" aria-live="polite">
              {agenda.map((item, index) => (
                <li key={`${item.id}-${item.status}`} className={`agenda-${item.status}`}>
                  <span className="agenda-title">{item.title}</span>{' '}
                  <span className="badge">{t(`rooms.agendaStatus.${item.status}`)}</span>
                  {room.moderator && open ? (
                    <div className="agenda-controls">
                      {agenda.length > 1 ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="agenda-move" />
                          <input type="hidden" name="itemId" value={item.id} />
                          {/* Labelled with the item's title, so a screen reader says which item moves. */}
                          <button
                            type="submit"
                            name="direction"
                            value="up"
                            className="secondary small"
                            disabled={index === 0}
                            aria-label={t('rooms.agendaUp', { title: item.title })}
                          >
                            ↑
                          </button>{' '}
                          <button
                            type="submit"
                            name="direction"
                            value="down"
                            className="secondary small"
                            disabled={index === agenda.length - 1}
                            aria-label={t('rooms.agendaDown', { title: item.title })}
                          >
                            ↓
                          </button>
                        </Form>
                      ) : null}
                      <Form method="post" className="inline">
                        <input type="hidden" name="intent" value="agenda-mark" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <label className="visually-hidden" htmlFor={`status-${item.id}`}>
                          {t('rooms.agendaStatusLabel')} {item.title}
                        </label>
                        <select id={`status-${item.id}`} name="status" defaultValue={item.status}>
                          {(['pending', 'in_discussion', 'done'] as const).map((s) => (
                            <option key={s} value={s}>
                              {t(`rooms.agendaStatus.${s}`)}
                            </option>
                          ))}
                        </select>{' '}
                        <button type="submit" className="secondary small">
                          {t('rooms.save')}
                        </button>
                      </Form>
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
            {room.moderator && open ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="agenda-add" />
                <label htmlFor="agenda-title">{t('rooms.agendaAdd')}</label>
                <input id="agenda-title" name="title" required maxLength={room.textLimits.agendaTitle} />
                <button type="submit" className="secondary small">
                  {t('rooms.add')}
                </button>
              </Form>
            ) : null}
          </section>

          <section aria-labelledby="members-heading">
            <h2 id="members-heading">{t('rooms.members')}</h2>
            <ul className="members">
              {room.members.map((m) => (
                <li key={m.userId} data-user-id={m.userId}>
                  {m.displayName}
                  <MemberOrganization member={m} />
                  {m.role === 'moderator' ? <span className="badge">{t('rooms.moderator')}</span> : null}
                  {isMuted(m) ? <span className="badge">{t('rooms.muted')}</span> : null}
                  {room.moderator && open && m.userId !== room.me.userId ? (
                    <span className="member-actions">
                      {/* 0 minutes lifts a mute. */}
                      <MemberAction
                        intent="mute"
                        member={m}
                        fields={{ minutes: isMuted(m) ? '0' : '15' }}
                        label={isMuted(m) ? t('rooms.unmute') : t('rooms.mute15')}
                      />{' '}
                      {room.convener ? (
                        <MemberAction
                          intent="role"
                          member={m}
                          fields={{ role: m.role === 'moderator' ? 'participant' : 'moderator' }}
                          label={m.role === 'moderator' ? t('rooms.unmakeModerator') : t('rooms.makeModerator')}
                        />
                      ) : null}{' '}
                      <MemberAction intent="remove" member={m} label={t('rooms.remove')} />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
            {room.removedMembers.length && open ? (
              <>
                <h3 id="removed-heading">{t('rooms.removedHeading')}</h3>
                <ul className="members" aria-labelledby="removed-heading">
                  {room.removedMembers.map((m) => (
                    <li key={m.userId}>
                      {m.displayName}
                      <MemberOrganization member={m} />{' '}
                      <MemberAction intent="restore" member={m} label={t('rooms.restore')} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {room.inviteChoices.length ? (
              <Form method="post" className="invite-form">
                <input type="hidden" name="intent" value="invite-organization" />
                <div className="field">
                  <label htmlFor="invite-organization">{t('rooms.inviteOrganization')}</label>
                  <p id="invite-organization-hint" className="hint">
                    {t('rooms.inviteOrganizationHint')}
                  </p>
                  <select
                    id="invite-organization"
                    name="organizationId"
                    required
                    defaultValue=""
                    aria-describedby="invite-organization-hint"
                  >
                    <option value="" disabled>
                      {t('rooms.inviteOrganizationChoose')}
                    </option>
                    {[false, true].map((already) => (
                      <optgroup
                        key={String(already)}
                        label={t(already ? 'rooms.inviteGroupIn' : 'rooms.inviteGroupNew')}
                      >
                        {room.inviteChoices
                          .filter((o) => o.inRoom === already)
                          .map((o) => ({ id: o.id, name: lang === 'es' ? o.nameEs : o.nameEn }))
                          .sort((a, b) => a.name.localeCompare(b.name, lang))
                          .map((o) => (
                            <option key={o.id} value={o.id}>
                              {o.name}
                            </option>
                          ))}
                      </optgroup>
                    ))}
                  </select>
                </div>
                <button type="submit" className="secondary small">
                  {t('rooms.invite')}
                </button>
              </Form>
            ) : null}
          </section>

          <section aria-labelledby="docs-heading">
            <h2 id="docs-heading">{t('rooms.documents')}</h2>
            {room.documents.length === 0 ? <p className="muted">{t('rooms.documentsEmpty')}</p> : null}
            <ul className="attachment-list" id="documents-list">
              {room.documents.map((d) => (
                <li key={d.id}>
                  {d.file ? (
                    <>
                      <a
                        href={`/roundtables/${room.room.id}/documents/${d.id}`}
                        download
                        aria-label={t('rooms.file.download', { name: d.file.fileName })}
                      >
                        {d.title}
                      </a>{' '}
                      <span className="muted">
                        ({d.file.fileName !== d.title ? `${d.file.fileName}, ` : ''}
                        {typeLabel(d.file.mediaType)}, {formatSize(d.file.sizeBytes)})
                      </span>
                    </>
                  ) : d.url ? (
                    <a href={d.url} rel="noreferrer noopener">
                      {d.title}
                    </a>
                  ) : null}{' '}
                  <span className="muted">
                    {d.sharedByName ? <>{t('rooms.file.sharedBy', { name: d.sharedByName })} · </> : null}
                    <LocalTime value={d.sharedAt} withDate />
                  </span>
                  {d.removable && open ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="document-remove" />
                      <input type="hidden" name="documentId" value={d.id} />
                      <button
                        type="submit"
                        className="link-button"
                        aria-label={t('rooms.file.removeLabel', { name: d.title })}
                      >
                        {t('rooms.file.remove')}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
            {open && mutedUntil ? <p className="muted">{t('rooms.mutedNoDocuments')}</p> : null}
            {open && !mutedUntil ? (
              <Form method="post" encType="multipart/form-data" className="attach-form" aria-labelledby="file-heading">
                <h3 id="file-heading">{t('rooms.file.label')}</h3>
                {fileResult ? <FormMessage tone="error">{fileResult.message}</FormMessage> : null}
                {/* The title comes before the file: the server reads it first and checks before storing a byte. */}
                <Field
                  label={t('rooms.file.title')}
                  name="title"
                  maxLength={200}
                  defaultValue={fileResult?.title ?? ''}
                  errors={fileResult?.fieldErrors?.title}
                />
                <Field
                  label={t('rooms.file.input')}
                  name="file"
                  type="file"
                  accept={ACCEPT}
                  required
                  hint={t('rooms.file.hint', { max: room.maxSize })}
                  errors={fileResult?.fieldErrors?.file}
                />
                <button type="submit" className="secondary small" disabled={uploading}>
                  {uploading ? t('rooms.file.uploading') : t('rooms.file.upload')}
                </button>
              </Form>
            ) : null}
            {open && !mutedUntil ? (
              <Form method="post" aria-labelledby="link-heading">
                <h3 id="link-heading">{t('rooms.link.heading')}</h3>
                {linkResult ? <FormMessage tone="error">{linkResult.message}</FormMessage> : null}
                <input type="hidden" name="intent" value="document" />
                <div className="field">
                  <label htmlFor="doc-title">{t('rooms.documentTitle')}</label>
                  <input
                    id="doc-title"
                    name="title"
                    required
                    maxLength={room.textLimits.documentTitle}
                    defaultValue={linkResult?.title ?? ''}
                  />
                </div>
                <div className="field">
                  <label htmlFor="doc-url">{t('rooms.documentUrl')}</label>
                  <input
                    id="doc-url"
                    name="url"
                    type="url"
                    required
                    placeholder="https://"
                    defaultValue={linkResult?.url ?? ''}
                  />
                </div>
                <button type="submit" className="secondary small">
                  {t('rooms.share')}
                </button>
              </Form>
            ) : null}
          </section>

          <p>
            <a href={`/roundtables/${room.room.id}/transcript.md`} download>
              {t('rooms.transcript')}
            </a>
          </p>
          {room.convener ? (
            <div className="room-status-actions">
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="status" value={open ? 'closed' : 'open'} />
                <button type="submit" className="secondary small">
                  {open ? t('rooms.close') : t('rooms.reopen')}
                </button>
              </Form>
              {room.room.status === 'closed' ? (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="status" />
                  <input type="hidden" name="status" value="archived" />
                  <button type="submit" className="secondary small" aria-describedby="archive-hint">
                    {t('rooms.archive')}
                  </button>
                  <p id="archive-hint" className="hint">
                    {t('rooms.archiveHint')}
                  </p>
                </Form>
              ) : null}
            </div>
          ) : null}
        </aside>
      </div>
    </section>
  );
}
