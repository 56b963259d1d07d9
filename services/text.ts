/**
 * Text that people type, made safe to store and to show (issue 12, item 5 and 9). PostgreSQL refuses a NUL byte in
 * text and postgres.js refuses a lone UTF-16 surrogate: both used to surface as a 500. Bidirectional overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) can make a name or a message read backwards ("gnp.exe" shown as "exe.png");
 * plain direction marks (U+200E, U+200F) are left alone because right-to-left writers need them.
 *
 * Pure and dependency-free, so every boundary (HTTP forms, socket payloads, services) can call it.
 */

// C0 controls except TAB, LF and CR; DEL. NUL is among them.
// eslint-disable-next-line no-control-regex -- finding control characters is the purpose of this expression
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const BIDI_OVERRIDES = /[\u202a-\u202e\u2066-\u2069]/g;
// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Characters that cannot be stored at all (NUL) or encoded (lone surrogates). */
export function hasUnstorableCharacters(text: string): boolean {
  return text.includes('\u0000') || new RegExp(LONE_SURROGATES.source).test(text);
}

/**
 * Removes control characters (keeping TAB, LF, CR), bidirectional overrides and isolates, and replaces lone
 * surrogates with U+FFFD. Everything else, including emoji and right-to-left scripts, is kept as written.
 */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATES, '\ufffd').replace(CONTROL_CHARACTERS, '').replace(BIDI_OVERRIDES, '');
}

/** Cleans every string inside a JSON-like value (objects, arrays), leaving other values as they are. */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((item) => cleanDeep(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const cleaned: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) cleaned[key] = cleanDeep(item);
    return cleaned as T;
  }
  return value;
}
