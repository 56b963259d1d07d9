import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

// OWASP's minimum for Argon2id: 19 MiB, 2 iterations, parallelism 1. `algorithm: 2` is Argon2id
// (the const enum cannot be imported under isolatedModules).
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const passwordSchema = z.string().min(10, 'Use at least 10 characters.').max(256, 'Use at most 256 characters.');

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check when the account does not exist, so timing does not reveal emails. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('minka-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
