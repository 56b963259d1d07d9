import type { Viewer } from '../actor';
import { ok, type Outcome } from '../outcome';
import { cleanText } from '../text';
import type { MessageView, RoomDeps } from './access.server';
import type { createMessagesModule } from './messages.server';
import type { createRoomsModule } from './rooms.server';

export type TranscriptLang = 'en' | 'es';

/**
 * What people wrote, made inert in the Markdown transcript (issue 12): bidirectional overrides stripped (cleanText),
 * HTML's `& < >` as entities, Markdown's punctuation backslash-escaped (so no link, image, emphasis, table or
 * heading can be formed), and link schemes other than http(s) (`javascript:`, `data:`...) broken with an escaped
 * colon. One line: line breaks become spaces.
 */
export function transcriptInline(text: string): string {
  return escapeTranscriptLine(cleanText(text).replace(/\s*[\r\n]+\s*/g, ' '));
}

/**
 * A multi-line text (a message, the room's purpose): every line escaped as above, continuation lines indented by
 * `indent` and with a leading block marker (`-`, `+`, `>`, `=`, `1.`) escaped, so no line can pose as a numbered
 * message (`- #99 ...`), a heading, a list item or a quote.
 */
export function transcriptBlock(text: string, indent = ''): string {
  return cleanText(text)
    .split(/\r\n|\r|\n/)
    .map((line, i) => (i === 0 ? '' : indent) + escapeTranscriptLine(line))
    .join('\n');
}

function escapeTranscriptLine(line: string): string {
  return (
    line
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*{}[\]()#!|~]/g, (c) => `\\${c}`)
      // An underscore inside a word (user_name) cannot start emphasis in CommonMark: only the others are escaped.
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
      .replace(/\b([A-Za-z][A-Za-z0-9+.-]*):(?=\S)/g, (match, scheme: string) =>
        /^https?$/i.test(scheme) ? match : `${scheme}\\:`,
      )
      .replace(/^(\s*)([-+=]|\d+(?=[.)]))/, (_m, space: string, marker: string) =>
        /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
      )
  );
}

/** The transcript's own words (what people wrote is kept as written). */
const TRANSCRIPT_LABELS = {
  en: {
    kind: 'Kind',
    kinds: { technical_meeting: 'technical meeting', working_roundtable: 'working roundtable' },
    status: 'Status',
    statuses: { open: 'open', closed: 'closed (read-only)', archived: 'archived' },
    organizations: 'Organizations',
    mandates: 'Mandates',
    exported: 'Exported',
    purpose: 'Purpose',
    participants: 'Participants',
    moderator: 'moderator',
    agenda: 'Agenda',
    agendaStatuses: { pending: 'pending', in_discussion: 'in discussion', done: 'done' },
    noAgenda: '(no agenda)',
    documents: 'Documents',
    noDocuments: '(no documents)',
    sharedBy: (name: string, date: string) => `shared by ${name} on ${date}`,
    formerMember: 'a former member',
    messages: 'Messages (times in UTC)',
    deleted: '(message deleted)',
    hidden: (name: string, reason: string) => `(hidden by ${name}: ${reason})`,
    edited: '(edited)',
    replyTo: (ref: string) => `reply to ${ref}`,
  },
  es: {
    kind: 'Tipo',
    kinds: { technical_meeting: 'reunión técnica', working_roundtable: 'mesa de trabajo' },
    status: 'Estado',
    statuses: { open: 'abierta', closed: 'cerrada (solo lectura)', archived: 'archivada' },
    organizations: 'Organizaciones',
    mandates: 'Mandatos',
    exported: 'Exportada',
    purpose: 'Propósito',
    participants: 'Participantes',
    moderator: 'moderador',
    agenda: 'Orden del día',
    agendaStatuses: { pending: 'pendiente', in_discussion: 'en discusión', done: 'tratado' },
    noAgenda: '(sin orden del día)',
    documents: 'Documentos',
    noDocuments: '(sin documentos)',
    sharedBy: (name: string, date: string) => `compartido por ${name} el ${date}`,
    formerMember: 'un antiguo miembro',
    messages: 'Mensajes (horas en UTC)',
    deleted: '(mensaje eliminado)',
    hidden: (name: string, reason: string) => `(ocultado por ${name}: ${reason})`,
    edited: '(editado)',
    replyTo: (ref: string) => `respuesta a ${ref}`,
  },
} as const;

/** The room's transcript in Markdown: what the Secretariat turns into minutes. */
export function createTranscriptModule(
  { now }: RoomDeps,
  rooms: Pick<ReturnType<typeof createRoomsModule>, 'snapshot'>,
  messages: Pick<ReturnType<typeof createMessagesModule>, 'since'>,
) {
  return {
    /**
     * The minutes' raw material: the room's purpose, mandates, participants, agenda, documents and every message as
     * Markdown, times in UTC, deleted messages marked. Messages carry their place in the room (#n), which replies
     * refer to. Headings and labels in the reader's language; what people wrote, as they wrote it.
     */
    async transcript(viewer: Viewer, roundtableId: string, lang: TranscriptLang = 'en'): Promise<Outcome<string>> {
      const snapshot = await rooms.snapshot(viewer, roundtableId);
      if (!snapshot.ok) return snapshot;
      const all: MessageView[] = [];
      let after = 0;
      for (;;) {
        const page = await messages.since(viewer, roundtableId, after);
        if (!page.ok) return page;
        all.push(...page.value.messages);
        if (!page.value.truncated) break;
        after = page.value.messages[page.value.messages.length - 1].seq;
      }
      const { room, organizations: orgs, agenda, documents, members, mandates: mandateNumbers } = snapshot.value;
      const l = TRANSCRIPT_LABELS[lang];
      const orgName = (o: { nameEn: string | null; nameEs: string | null }) =>
        transcriptInline((lang === 'es' ? o.nameEs : o.nameEn) ?? '');
      const md = transcriptInline;
      const day = (d: Date) => d.toISOString().slice(0, 10);
      // Links as they were shared; files by name and their address in Minka (members sign in to download them).
      const documentLine = (d: (typeof documents)[number]) =>
        `- ${md(d.title)}: ${d.url ? md(d.url) : `${md(d.fileName ?? '')} (/roundtables/${room.id}/documents/${d.id})`}, ${l.sharedBy(d.sharedByName ? md(d.sharedByName) : l.formerMember, day(d.sharedAt))}`;
      const people = members.filter((m) => !m.removedAt);
      const seqOf = new Map(all.map((m) => [m.id, m.seq]));
      const lines = [
        `# ${md(room.title)}`,
        '',
        `- ${l.kind}: ${l.kinds[room.kind]}`,
        `- ${l.status}: ${l.statuses[room.status]}`,
        `- ${l.organizations}: ${orgs
          .map(orgName)
          .sort((a, b) => a.localeCompare(b, lang))
          .join(', ')}`,
        ...(mandateNumbers.length ? [`- ${l.mandates}: ${mandateNumbers.join(', ')}`] : []),
        `- ${l.exported}: ${now().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
        ...(room.description ? ['', `## ${l.purpose}`, '', transcriptBlock(room.description)] : []),
        '',
        `## ${l.participants}`,
        '',
        ...people.map(
          (m) =>
            `- ${md(m.displayName)}${m.organizationCode ? ` (${orgName({ nameEn: m.organizationNameEn, nameEs: m.organizationNameEs })})` : ''}${m.role === 'moderator' ? `, ${l.moderator}` : ''}`,
        ),
        '',
        `## ${l.agenda}`,
        '',
        ...(agenda.length
          ? agenda.map((item, i) => `${i + 1}. ${md(item.title)} (${l.agendaStatuses[item.status]})`)
          : [l.noAgenda]),
        '',
        `## ${l.documents}`,
        '',
        ...(documents.length ? documents.map(documentLine) : [l.noDocuments]),
        '',
        `## ${l.messages}`,
        '',
        ...all.map((m) => {
          const when = m.createdAt.replace('T', ' ').slice(0, 16);
          if (m.deleted) return `- #${m.seq} **${when}** ${md(m.authorName)}: _${l.deleted}_`;
          if (m.hidden)
            return `- #${m.seq} **${when}** ${md(m.authorName)}: _${l.hidden(md(m.hidden.byName), md(m.hidden.reason))}_`;
          const reply = m.replyToId ? ` (${l.replyTo(`#${seqOf.get(m.replyToId) ?? '?'}`)})` : '';
          return `- #${m.seq} **${when}** ${md(m.authorName)}${reply}${m.pinned ? ' 📌' : ''}: ${transcriptBlock(m.body, '  ')}${m.editedAt ? ` _${l.edited}_` : ''}`;
        }),
        '',
      ];
      return ok(lines.join('\n'));
    },
  };
}
