import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { throwFailure } from '../../app/utils/auth.server';
import { conflict, forbidden, invalid, notFound, statusFor, tooLarge, type Failure } from '../../services/outcome';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const sources = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(path.join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [path.join(dir, entry.name)]
        : [],
  );

describe('one failure-to-HTTP mapping (issue 14)', () => {
  it('maps every failure kind to its status', () => {
    const rateLimited: Failure = { ok: false, kind: 'rate_limited', message: 'Wait.', retryAfterSeconds: 5 };
    expect([invalid('x'), forbidden(), notFound(), conflict('x'), tooLarge('x'), rateLimited].map(statusFor)).toEqual([
      400, 403, 404, 409, 413, 429,
    ]);
  });

  it('throwFailure agrees with the actions: a conflict in a loader is 409 (it was 400)', () => {
    const thrown = (failure: Failure) => {
      try {
        throwFailure(failure);
      } catch (response) {
        return (response as Response).status;
      }
    };
    expect([
      thrown(conflict('Already decided.')),
      thrown(tooLarge('Too big.')),
      thrown(forbidden()),
      thrown(notFound()),
    ]).toEqual([409, 413, 403, 404]);
  });

  it('no route or helper in app/ writes its own chain from failure kinds to statuses, or reads a status from English text', () => {
    const copies = sources('app').flatMap((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      const found = [...text.matchAll(/kind === '\w+' \? \d{3}|includes\('larger than'\)/g)].map(
        (m) => `${file}: ${m[0]}`,
      );
      return found;
    });
    // The invitation page answers 410 Gone for a used or expired invitation: a page state, not a failure kind.
    expect(
      copies.filter((c) => !c.startsWith('app/routes/invitations.$token.tsx')),
      'map failures with statusFor(failure) from services/outcome.ts',
    ).toEqual([]);
  });
});
