import { getRandomValues } from 'node:crypto';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 120 bits from the CSPRNG, base32: what the Lucia guide uses for ids and secrets. */
export function randomToken(): string {
  const bytes = new Uint8Array(15);
  getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Compares a presented secret with a stored hash without leaking, through timing, how much of it matched. */
export function secretMatches(secret: string, storedHashHex: string): boolean {
  const presented = sha256(new TextEncoder().encode(secret));
  let stored: Uint8Array;
  try {
    stored = decodeHex(storedHashHex);
  } catch {
    return false;
  }
  return stored.length === presented.length && constantTimeEqual(presented, stored);
}
