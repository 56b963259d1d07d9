/**
 * The organizations of the Mechanism, from ../shared/reference/actors.json: the 34 participating States (Venezuela's
 * invitation was revoked, so it is not one), the 13 JSWG members and the Summits Secretariat. Used by
 * build-reference.cli.ts; the output shape is what services/catalogue/organizations.server.ts imports.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ActorsReference {
  states: {
    count_participating: number;
    list: Array<{ name_en: string; iso_3166_1_alpha2: string; participated: boolean; reservation_text?: string }>;
  };
  summits_secretariat: { name_en: string; name_es: string; role: string };
  jswg: {
    members: Array<{ acronym_en: string; acronym_es: string; name_en: string; name_es: string; member_since: string }>;
  };
}

type Subregion = 'caribbean' | 'central_america' | 'south_america' | 'northern_america';

export interface OrganizationFileRecord {
  kind: 'state' | 'jswg' | 'secretariat';
  code: string;
  nameEn: string;
  nameEs: string;
  acronymEs: string | null;
  subregion: Subregion | null;
  note: string | null;
}

/**
 * Spanish short names from Debian iso-codes 4.15.0, translation of ISO 3166-1 into Spanish
 * (/usr/share/locale/es/LC_MESSAGES/iso_3166-1.mo), using the common name where iso-codes has one (Bolivia).
 * One exception: that catalogue spells Suriname "Surinám", while its own translation of the official name is
 * "República de Surinam" and Spanish usage is "Surinam"; the accent is taken for a slip and left out.
 * Kept here, not read at build time, so the output does not depend on the machine's iso-codes version.
 */
const NAME_ES: Record<string, string> = {
  AG: 'Antigua y Barbuda',
  AR: 'Argentina',
  BS: 'Bahamas',
  BB: 'Barbados',
  BZ: 'Belice',
  BO: 'Bolivia',
  BR: 'Brasil',
  CA: 'Canadá',
  CL: 'Chile',
  CO: 'Colombia',
  CR: 'Costa Rica',
  CU: 'Cuba',
  DM: 'Dominica',
  DO: 'República Dominicana',
  EC: 'Ecuador',
  SV: 'El Salvador',
  GD: 'Granada',
  GT: 'Guatemala',
  GY: 'Guyana',
  HT: 'Haití',
  HN: 'Honduras',
  JM: 'Jamaica',
  MX: 'México',
  NI: 'Nicaragua',
  PA: 'Panamá',
  PY: 'Paraguay',
  PE: 'Perú',
  KN: 'San Cristóbal y Nieves',
  LC: 'Santa Lucía',
  VC: 'San Vicente y las Granadinas',
  SR: 'Surinam',
  TT: 'Trinidad y Tobago',
  US: 'Estados Unidos',
  UY: 'Uruguay',
};

/** UN M49 geoscheme (https://unstats.un.org/unsd/methodology/m49/): Mexico is in Central America there. */
const SUBREGION: Record<string, Subregion> = {
  ...Object.fromEntries(
    ['AG', 'BS', 'BB', 'CU', 'DM', 'DO', 'GD', 'HT', 'JM', 'KN', 'LC', 'VC', 'TT'].map((c) => [c, 'caribbean']),
  ),
  ...Object.fromEntries(['BZ', 'CR', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA'].map((c) => [c, 'central_america'])),
  ...Object.fromEntries(
    ['AR', 'BO', 'BR', 'CL', 'CO', 'EC', 'GY', 'PY', 'PE', 'SR', 'UY'].map((c) => [c, 'south_america']),
  ),
  CA: 'northern_america',
  US: 'northern_america',
};

/**
 * The reference names some members by the body that sits in the JSWG ("Secretaría General de la …") or adds
 * remarks in parentheses. The platform shows the organization's name; the remark moves to the note.
 */
const JSWG_NAMES: Record<string, { nameEn: string; nameEs: string; note: string }> = {
  OAS: {
    nameEn: 'Organization of American States',
    nameEs: 'Organización de los Estados Americanos',
    note: 'Takes part through its General Secretariat (SG/OAS); the OAS Secretary General chairs the JSWG, whose technical secretariat is the Summits Secretariat.',
  },
  'World Bank': { nameEn: 'World Bank', nameEs: 'Banco Mundial', note: 'World Bank Group.' },
  CAF: {
    nameEn: 'CAF – Development Bank of Latin America',
    nameEs: 'Banco de Desarrollo de América Latina (CAF)',
    note: 'Formerly Andean Development Corporation (Corporación Andina de Fomento).',
  },
  OECD: {
    nameEn: 'Organisation for Economic Co-operation and Development',
    nameEs: 'Organización para la Cooperación y el Desarrollo Económicos',
    note: 'Takes part through its Secretariat.',
  },
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Bolivia's reservation is a footnote of the Mechanism, not of actors.json; it is quoted from the supplied text. */
function bolivianReservation(): string {
  const mechanism = readFileSync(path.resolve(repoRoot, '../shared/seeds/mechanism.txt'), 'utf8');
  const found = /Bolivia notes that[^\n]*/.exec(mechanism);
  if (!found) throw new Error("Bolivia's footnote was not found in shared/seeds/mechanism.txt");
  return found[0].replace(/\s+/g, ' ').trim(); // the supplied text has double spaces between sentences
}

export function buildOrganizations(actors: ActorsReference) {
  const participating = actors.states.list.filter((s) => s.participated);
  if (participating.length !== actors.states.count_participating || participating.length !== 34) {
    throw new Error(`expected 34 participating States, found ${participating.length}`);
  }
  const states: OrganizationFileRecord[] = participating.map((s) => {
    const code = s.iso_3166_1_alpha2;
    if (!NAME_ES[code] || !SUBREGION[code]) throw new Error(`no Spanish name or subregion for ${code}`);
    let note: string | null = null;
    if (code === 'NI')
      note = `Nicaragua does not approve the Lima Commitment. Footnote i of the Commitment: "${s.reservation_text}"`;
    if (code === 'BO') note = `Reservation recorded in a footnote of the Mechanism: "${bolivianReservation()}"`;
    return {
      kind: 'state',
      code,
      nameEn: s.name_en,
      nameEs: NAME_ES[code],
      acronymEs: null,
      subregion: SUBREGION[code],
      note,
    };
  });

  const jswg: OrganizationFileRecord[] = actors.jswg.members.map((m) => {
    const names = JSWG_NAMES[m.acronym_en];
    const since = `JSWG member since: ${m.member_since}.`;
    return {
      kind: 'jswg',
      code: m.acronym_en,
      nameEn: names?.nameEn ?? m.name_en,
      nameEs: names?.nameEs ?? m.name_es,
      acronymEs: m.acronym_es,
      subregion: null,
      note: names ? `${names.note} ${since}` : since,
    };
  });
  if (jswg.length !== 13) throw new Error(`expected 13 JSWG members, found ${jswg.length}`);

  const secretariat: OrganizationFileRecord = {
    kind: 'secretariat',
    code: 'SUMMITS-SECRETARIAT',
    nameEn: actors.summits_secretariat.name_en.replace(/ \(OAS\)$/, ''),
    nameEs: actors.summits_secretariat.name_es,
    acronymEs: null,
    subregion: null,
    note: `Part of the OAS. ${actors.summits_secretariat.role}`,
  };

  return {
    _about:
      'Organizations of the Lima Commitment follow-up mechanism, generated by server/cli/build-reference.cli.ts from ' +
      'shared/reference/actors.json (States: ISO 3166-1 alpha-2 codes, Spanish names from Debian iso-codes, UN M49 ' +
      'subregions; JSWG: the 13 members listed in June 2022, not confirmed member by member for 2018-2020). ' +
      'Venezuela is not a participating State (its invitation to the VIII Summit was revoked).',
    organizations: [...states, ...jswg, secretariat],
  };
}
