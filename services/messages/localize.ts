/**
 * Services return messages in English (one language in the domain code, easy to test and to log). The HTTP
 * boundary localizes what they return for the reader: failures' messages and field errors go through a catalog
 * keyed by the English text (gettext-style), where `{}` stands for an interpolated value.
 */
/**
 * `mapValue`, when given, rewrites each interpolated value of a template (not a whole exact message): e-mails use it
 * to write organization names in the reader's language.
 */
export type Localize = (message: string, mapValue?: (value: string) => string) => string;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createLocalizer(catalog: Readonly<Record<string, string>>): Localize {
  const exact = new Map<string, string>();
  const templates: Array<{ pattern: RegExp; target: string }> = [];
  for (const [source, target] of Object.entries(catalog)) {
    if (!source.includes('{}')) exact.set(source, target);
    else templates.push({ pattern: new RegExp(`^${source.split('{}').map(escape).join('(.+?)')}$`, 's'), target });
  }
  // A number the service grouped the English way ("5,000", from toLocaleString('en')) is written the Spanish way
  // ("5.000") inside the catalog's sentence: the catalog is Spanish (outside tester: "menos de 10,000 caracteres").
  const asWritten = (value: string) => (/^\d{1,3}(,\d{3})+$/.test(value) ? value.replace(/,/g, '.') : value);
  return (message, mapValue) => {
    // A function check, not a default: `array.map(localize)` passes the index as the second argument.
    const mapOne = typeof mapValue === 'function' ? mapValue : asWritten;
    const direct = exact.get(message);
    if (direct !== undefined) return direct;
    for (const { pattern, target } of templates) {
      const match = pattern.exec(message);
      if (!match) continue;
      let index = 1;
      return target.replace(/\{\}/g, () => mapOne(match[index++] ?? ''));
    }
    return message; // unknown text (already localized, or data): shown as it is
  };
}

interface FailureLike {
  ok: false;
  message: string;
  fieldErrors?: Record<string, string[]>;
}

function isFailure(value: unknown): value is FailureLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { ok?: unknown }).ok === false &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** A failure with its message and field errors localized; anything else is returned untouched. */
export function localizeResult<T>(value: T, localize: Localize): T {
  if (!isFailure(value)) return value;
  const fieldErrors =
    value.fieldErrors &&
    Object.fromEntries(
      Object.entries(value.fieldErrors).map(([field, messages]) => [
        field,
        messages.map((message) => localize(message)),
      ]),
    );
  return { ...value, message: localize(value.message), ...(fieldErrors ? { fieldErrors } : {}) };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * The same services, with every method of every service object localizing the failures it returns. Built once
 * per language; non-plain members (the event bus, class instances) are passed through as they are.
 */
export function localizeServices<S extends Record<string, unknown>>(services: S, localize: Localize): S {
  const wrapped: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(services)) {
    if (!isPlainObject(service)) {
      wrapped[name] = service;
      continue;
    }
    const methods: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(service)) {
      methods[key] =
        typeof member === 'function'
          ? (...args: unknown[]) => {
              const result = (member as (...a: unknown[]) => unknown).apply(service, args);
              return result instanceof Promise
                ? result.then((value) => localizeResult(value, localize))
                : localizeResult(result, localize);
            }
          : member;
    }
    wrapped[name] = methods;
  }
  return wrapped as S;
}
