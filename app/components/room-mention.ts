import { fold } from '../utils/mandate-search';

/**
 * The composer's @-autocomplete, pure (issue 15 item 11, decision 031). It inserts exactly the token the room
 * service reads as a mention (services/roundtables/mentions.ts): `@` and the member's display name as the room shows
 * it, then a space.
 */

/** At most this many characters typed after `@` still count as a name being typed (names have spaces). */
const MAX_QUERY = 40;
/** The list shows at most this many members. */
export const MAX_SUGGESTIONS = 8;

/**
 * The name being typed at the caret: an `@` that starts a word (not an address like someone@example.org), then
 * letters, spaces, dots, hyphens or apostrophes up to the caret, on one line. Null when the caret is not in one.
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && /[\p{L}\p{N}_.]/u.test(before[at - 1])) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || !/^[\p{L}\p{M}\p{N} .'’-]*$/u.test(query) || /\s\s/.test(query)) return null;
  return { start: at, query };
}

/**
 * Members whose name, or a word of it, starts with what was typed (case and accents ignored): names that start
 * with it first, then the rest, each alphabetically; the reader is left out (naming oneself tells no one).
 */
export function suggestMembers<T extends { userId: string; displayName: string }>(
  query: string,
  members: readonly T[],
  selfId: string,
  max = MAX_SUGGESTIONS,
): T[] {
  const q = fold(query).trimStart();
  const scored: Array<{ member: T; rank: number }> = [];
  for (const member of members) {
    if (member.userId === selfId || !member.displayName.trim()) continue;
    const name = fold(member.displayName.trim());
    if (name.startsWith(q)) scored.push({ member, rank: 0 });
    else if (name.split(/\s+/).some((word, i) => i > 0 && word.startsWith(q) && q.length > 0))
      scored.push({ member, rank: 1 });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.member.displayName.localeCompare(b.member.displayName))
    .slice(0, max)
    .map((s) => s.member);
}

/** Replaces `@query` (from `start` to the caret) with the mention token; the caret goes after its space. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  displayName: string,
): { text: string; caret: number } {
  const token = `@${displayName.trim()} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + token + after, caret: start + token.length };
}
