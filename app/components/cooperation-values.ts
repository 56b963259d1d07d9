/*
 * What a request's or an offer's form holds: the typed values (kept as strings so a failed submission shows them back
 * unchanged), reading them from the posted form, and turning them into the service input.
 */

export type CooperationKind = 'request' | 'offer';

/** What the user typed, kept as strings so a failed submission shows it back unchanged. */
export interface CooperationValues {
  title: string;
  description: string;
  mandates: string[];
  types: string[];
  languages: string[];
  modality: string;
  neededFrom: string;
  neededTo: string;
  capacity: string;
  funding: string;
  validFrom: string;
  validTo: string;
}

export const EMPTY_VALUES: CooperationValues = {
  title: '',
  description: '',
  mandates: [],
  types: [],
  languages: [],
  modality: '',
  neededFrom: '',
  neededTo: '',
  capacity: '',
  funding: '',
  validFrom: '',
  validTo: '',
};

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};
const list = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');

/** Reads the posted form (arrays as repeated fields) into the kept values. */
export function readCooperationForm(form: FormData): CooperationValues {
  return {
    title: text(form, 'title'),
    description: text(form, 'description'),
    mandates: list(form, 'mandates'),
    types: list(form, 'types'),
    languages: list(form, 'languages'),
    modality: text(form, 'modality'),
    neededFrom: text(form, 'neededFrom'),
    neededTo: text(form, 'neededTo'),
    capacity: text(form, 'capacity'),
    funding: text(form, 'funding'),
    validFrom: text(form, 'validFrom'),
    validTo: text(form, 'validTo'),
  };
}

/** The service input for a request or an offer; the service validates and coerces it. */
export function toServiceInput(kind: CooperationKind, v: CooperationValues): Record<string, unknown> {
  const common = {
    title: v.title,
    description: v.description,
    mandates: v.mandates,
    types: v.types,
    languages: v.languages,
    modality: v.modality,
  };
  if (kind === 'request') return { ...common, neededFrom: v.neededFrom, neededTo: v.neededTo };
  return {
    ...common,
    capacity: v.capacity === '' ? undefined : v.capacity,
    funding: v.funding,
    validFrom: v.validFrom,
    validTo: v.validTo,
  };
}

export interface StoredCooperationItem {
  title: string;
  description: string;
  mandates: number[];
  types: string[];
  languages: string[];
  modality: string | null;
  neededFrom?: string | null;
  neededTo?: string | null;
  capacity?: number | null;
  funding?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

/** Values of a stored request or offer, for the edit form. */
export function valuesFrom(item: StoredCooperationItem): CooperationValues {
  return {
    title: item.title,
    description: item.description,
    mandates: item.mandates.map(String),
    types: [...item.types],
    languages: [...item.languages],
    modality: item.modality ?? '',
    neededFrom: item.neededFrom ?? '',
    neededTo: item.neededTo ?? '',
    capacity: item.capacity === undefined || item.capacity === null ? '' : String(item.capacity),
    funding: item.funding ?? '',
    validFrom: item.validFrom ?? '',
    validTo: item.validTo ?? '',
  };
}

/** Service errors are keyed by dotted path ("mandates.0"); the form shows them on the field ("mandates"). */
export function groupFieldErrors(errors: Record<string, string[]> | undefined): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const field = key.split('.')[0];
    grouped[field] = [...new Set([...(grouped[field] ?? []), ...messages])];
  }
  return grouped;
}
