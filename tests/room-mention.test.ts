import { describe, expect, it } from 'vitest';
import { mentionedMembers } from '../services/roundtables/mentions';
import { insertMention, mentionAt, suggestMembers } from '../app/components/room-mention';

const members = [
  { userId: 'me', displayName: 'Ana Pérez' },
  { userId: 'u1', displayName: 'Ana Paula Rojas' },
  { userId: 'u2', displayName: 'Álvaro Núñez' },
  { userId: 'u3', displayName: 'Pedro Quispe' },
  { userId: 'u4', displayName: 'Anabel Soto' },
  { userId: 'u5', displayName: '   ' },
];

describe('the composer’s @-autocomplete (issue 15 item 11)', () => {
  it('finds the name being typed at the caret, not an e-mail address nor text after a line break', () => {
    expect(mentionAt('Hello @An', 9)).toEqual({ start: 6, query: 'An' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('(@Ana P', 7)).toEqual({ start: 1, query: 'Ana P' });
    expect(mentionAt('write to ana@example.org', 24)).toBeNull();
    expect(mentionAt('@Ana\nnext line', 14)).toBeNull();
    expect(mentionAt('@Ana, please', 12)).toBeNull();
    expect(mentionAt('no mention here', 5)).toBeNull();
    // The caret decides: typing before the @ is not a mention.
    expect(mentionAt('Hi @Pedro', 2)).toBeNull();
    expect(mentionAt(`@${'a'.repeat(41)}`, 42)).toBeNull();
  });

  it('suggests members by the start of their name or of a word of it, ignoring case and accents, never the reader', () => {
    const names = (q: string) => suggestMembers(q, members, 'me').map((m) => m.displayName);
    expect(names('an')).toEqual(['Ana Paula Rojas', 'Anabel Soto']);
    expect(names('alv')).toEqual(['Álvaro Núñez']);
    expect(names('nun')).toEqual(['Álvaro Núñez']);
    expect(names('QUIS')).toEqual(['Pedro Quispe']);
    expect(names('')).toEqual(['Álvaro Núñez', 'Ana Paula Rojas', 'Anabel Soto', 'Pedro Quispe']);
    expect(names('zzz')).toEqual([]);
    expect(suggestMembers('', members, 'me', 2)).toHaveLength(2);
  });

  it('inserts the token the room service reads as a mention of that member, and the caret after it', () => {
    const typed = 'Thanks @ana p for the draft';
    const { text, caret } = insertMention(typed, 7, 13, 'Ana Paula Rojas');
    expect(text).toBe('Thanks @Ana Paula Rojas for the draft');
    expect(text.slice(0, caret)).toBe('Thanks @Ana Paula Rojas ');
    // The service names exactly the member chosen (the longest name wins over "Ana").
    expect(mentionedMembers(text, members).map((m) => m.userId)).toEqual(['u1']);
    const atEnd = insertMention('@Ped', 0, 4, 'Pedro Quispe');
    expect(atEnd).toEqual({ text: '@Pedro Quispe ', caret: 14 });
    expect(mentionedMembers(atEnd.text, members).map((m) => m.userId)).toEqual(['u3']);
  });
});
