/**
 * @mentions (issue 15), pure: which of the room's members a message names. A mention is `@` followed by a member's
 * display name as the room shows it (case-insensitive), ending at a space, punctuation or the end of the text, so
 * "@Ana Pérez," names Ana Pérez and "@Ana Pérezz" names no one. The longest name wins ("@Ana Pérez" is not "@Ana"
 * when both are members; two members with the same name are both named). Only the members given can be named:
 * nobody outside the room is ever told.
 */
export function mentionedMembers<T extends { userId: string; displayName: string }>(body: string, members: T[]): T[] {
  if (!body.includes('@')) return [];
  const candidates = members
    .filter((m) => m.displayName.trim().length > 0)
    .map((m) => ({ member: m, name: m.displayName.trim().toLocaleLowerCase() }))
    .sort((a, b) => b.name.length - a.name.length);
  const lower = body.toLocaleLowerCase();
  const found = new Map<string, T>();
  for (let at = lower.indexOf('@'); at >= 0; at = lower.indexOf('@', at + 1)) {
    // An address (someone@example.org) is not a mention: the @ must start a word.
    if (at > 0 && /[\p{L}\p{N}_.]/u.test(lower[at - 1])) continue;
    const rest = lower.slice(at + 1);
    const hit = candidates.find(
      ({ name }) => rest.startsWith(name) && !/[\p{L}\p{N}_]/u.test(rest.charAt(name.length)),
    );
    // Two members with the same name are both named: nothing tells them apart.
    if (hit) for (const c of candidates) if (c.name === hit.name) found.set(c.member.userId, c.member);
  }
  return [...found.values()];
}
