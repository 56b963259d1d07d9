/**
 * Explanations of a candidate's score, in English and in Spanish (the same reasons, one sentence each, written for
 * each language rather than translated word by word). They are built from the engine's views only, which hold no
 * withheld data, and they quote at most a few shared terms of two disclosed descriptions (a glossary concept by its
 * label in each language, a plain word as it appeared).
 */
import type { OfferView, PeerProfile, RequestView } from './model';
import { CRITERION_INDEX as I, type ScoreContext, type ScoredPair } from './score';
import { sharedTerms, cosine, type TextVector } from './text';
import {
  ASSISTANCE_TYPE_LABELS,
  ASSISTANCE_TYPE_LABELS_ES,
  CRITERIA,
  LANGUAGE_NAMES,
  LANGUAGE_NAMES_ES,
  type AssistanceType,
  type Candidate,
  type Contribution,
  type Criterion,
  type Language,
} from './types';
import { dayToIso } from './validate';
import { isWeak, NO_ABSTENTION, type AbstentionRule } from './calibrate';

const SHARED_TERMS_SHOWN = 4;

type Lang = 'en' | 'es';

/** The words each language needs around the values. */
const WORDS = {
  en: {
    and: 'and',
    or: 'or',
    types: ASSISTANCE_TYPE_LABELS,
    languages: LANGUAGE_NAMES,
    modality: { in_person: 'in-person', virtual: 'virtual', either: 'in-person or virtual' },
  },
  es: {
    and: 'y',
    or: 'o',
    types: ASSISTANCE_TYPE_LABELS_ES,
    languages: LANGUAGE_NAMES_ES,
    modality: { in_person: 'presencial', virtual: 'virtual', either: 'presencial o virtual' },
  },
} as const;

function list(items: readonly string[], lang: Lang = 'en'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${WORDS[lang].and} ${items[items.length - 1]}`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function languages(ls: readonly Language[], lang: Lang): string {
  return list(
    ls.map((l) => WORDS[lang].languages[l]),
    lang,
  );
}

function types(ts: readonly AssistanceType[], lang: Lang): string {
  return list(
    ts.map((t) => WORDS[lang].types[t]),
    lang,
  );
}

function modalityText(m: string, lang: Lang): string {
  return WORDS[lang].modality[m as keyof (typeof WORDS)['en']['modality']] ?? m;
}

/** One sentence in both languages. */
type Line = { en: string; es: string };

function mandateLine(req: RequestView, candidateMandates: readonly number[]): Line {
  const shared = req.mandates.filter((m) => candidateMandates.includes(m));
  const missing = req.mandates.filter((m) => !candidateMandates.includes(m));
  const n = req.mandates.length;
  if (missing.length === 0) {
    return n === 1
      ? {
          en: `Covers the requested ${plural(shared.length, 'mandate', 'mandates')} ${list(shared.map(String))}.`,
          es: `Cubre el mandato solicitado (${list(shared.map(String), 'es')}).`,
        }
      : {
          en: `Covers all requested mandates (${list(shared.map(String))}).`,
          es: `Cubre todos los mandatos solicitados (${list(shared.map(String), 'es')}).`,
        };
  }
  return {
    en: `Covers ${plural(shared.length, 'mandate', 'mandates')} ${list(shared.map(String))} of the ${n} requested (not ${list(missing.map(String))}).`,
    es: `Cubre ${plural(shared.length, 'el mandato', 'los mandatos')} ${list(shared.map(String), 'es')} de los ${n} solicitados (no ${list(missing.map(String), 'es')}).`,
  };
}

function neighbourLine(req: RequestView, offered: readonly number[]): Line {
  return {
    en: `On ${plural(offered.length, 'mandate', 'mandates')} ${list(offered.map(String))} of the same section, not on the requested ${list(req.mandates.map(String))}: proposed for its description, with a penalty.`,
    es: `En ${plural(offered.length, 'el mandato', 'los mandatos')} ${list(offered.map(String), 'es')} de la misma sección, no en ${plural(req.mandates.length, 'el solicitado', 'los solicitados')} (${list(req.mandates.map(String), 'es')}): se propone por su descripción, con una penalización.`,
  };
}

function typeLine(req: RequestView, offer: OfferView): Line {
  const shared = req.types.filter((t) => offer.types.includes(t));
  const missing = req.types.filter((t) => !offer.types.includes(t));
  if (shared.length === 0) {
    return {
      en: `Offers ${types(offer.types, 'en')}, not the requested ${types(req.types, 'en')}.`,
      es: `Ofrece ${types(offer.types, 'es')}, no lo solicitado (${types(req.types, 'es')}).`,
    };
  }
  return missing.length
    ? {
        en: `Offers ${types(shared, 'en')}, as requested; not ${types(missing, 'en')}.`,
        es: `Ofrece ${types(shared, 'es')}, como se solicitó; no ${types(missing, 'es')}.`,
      }
    : { en: `Offers ${types(shared, 'en')}, as requested.`, es: `Ofrece ${types(shared, 'es')}, como se solicitó.` };
}

function languageLine(req: RequestView, offer: OfferView | null, value: number): Line {
  if (!offer)
    return {
      en: 'Working languages to be agreed (no published offer).',
      es: 'Idiomas de trabajo por acordar (no hay oferta publicada).',
    };
  if (!req.languages || !offer.languages)
    return { en: 'Working languages not stated.', es: 'Idiomas de trabajo no indicados.' };
  const shared = req.languages.filter((l) => offer.languages!.includes(l));
  if (value === 1)
    return {
      en: `Works in ${LANGUAGE_NAMES[req.languages[0]]}, the request's first language.`,
      es: `Trabaja en ${LANGUAGE_NAMES_ES[req.languages[0]]}, el primer idioma de la solicitud.`,
    };
  if (shared.length)
    return {
      en: `Shares ${languages(shared, 'en')} as a working language.`,
      es: `Comparte ${languages(shared, 'es')} como idioma de trabajo.`,
    };
  return needsInterpretationLine(req.languages, offer.languages);
}

/** A working condition, not a preference: listed first, and the candidate ranks below every one sharing a language. */
function needsInterpretationLine(requested: readonly Language[], offered: readonly Language[]): Line {
  return {
    en: `Needs interpretation: no shared working language (request: ${languages(requested, 'en')}; candidate: ${languages(offered, 'en')}); ranked below every candidate that shares one.`,
    es: `Requiere interpretación: ningún idioma de trabajo en común (solicitud: ${languages(requested, 'es')}; candidato: ${languages(offered, 'es')}); se ordena después de todo candidato que comparta uno.`,
  };
}

function peerLanguageLine(req: RequestView, profile: PeerProfile | undefined, value: number): Line {
  if (!profile?.languages || !req.languages)
    return {
      en: 'Working languages to be agreed (no published offer).',
      es: 'Idiomas de trabajo por acordar (no hay oferta publicada).',
    };
  const shared = req.languages.filter((l) => profile.languages!.includes(l));
  if (value === 1)
    return {
      en: `${LANGUAGE_NAMES[req.languages[0]]}, the request's first language, is an official language of this State.`,
      es: `El ${LANGUAGE_NAMES_ES[req.languages[0]]}, primer idioma de la solicitud, es idioma oficial de este Estado.`,
    };
  if (shared.length)
    return {
      en: `Shares ${languages(shared, 'en')} as an official language.`,
      es: `Comparte ${languages(shared, 'es')} como idioma oficial.`,
    };
  return needsInterpretationLine(req.languages, profile.languages);
}

function modalityLine(req: RequestView, offer: OfferView | null, value: number): Line {
  if (!offer) return { en: 'Modality to be agreed.', es: 'Modalidad por acordar.' };
  if (value === 1) {
    const m = req.modality === 'either' ? offer.modality : req.modality;
    return { en: `Modality fits (${modalityText(m, 'en')}).`, es: `La modalidad coincide (${modalityText(m, 'es')}).` };
  }
  return {
    en: `Modality conflict: the request needs ${modalityText(req.modality, 'en')} work, the offer is ${modalityText(offer.modality, 'en')} only.`,
    es: `Conflicto de modalidad: la solicitud requiere trabajo ${modalityText(req.modality, 'es')}; la oferta es solo ${modalityText(offer.modality, 'es')}.`,
  };
}

function bestPeerVector(req: RequestView, profile: PeerProfile): TextVector | null {
  if (!req.vector) return null;
  let best: TextVector | null = null;
  let bestValue = 0;
  for (const m of req.mandates) {
    for (const v of profile.byMandate.get(m)?.vectors ?? []) {
      const c = cosine(req.vector, v);
      if (c > bestValue) {
        bestValue = c;
        best = v;
      }
    }
  }
  return best;
}

function textLine(req: RequestView, other: TextVector | null, value: number, peer: boolean): Line {
  if (!req.vector || (!other && !peer))
    return {
      en: 'Text relevance not used: a description is not available.',
      es: 'No se usa la afinidad de textos: falta una descripción.',
    };
  if (value === 0 || !other) {
    return peer
      ? {
          en: 'No disclosed good practice text relates to the description.',
          es: 'Ningún texto divulgado de buenas prácticas se relaciona con la descripción.',
        }
      : { en: 'The descriptions share no key terms.', es: 'Las descripciones no comparten términos clave.' };
  }
  const shared = sharedTerms(req.vector, other, SHARED_TERMS_SHOWN);
  const terms = shared.map((t) => t.en).join('; ');
  const termsEs = shared.map((t) => t.es).join('; ');
  const level = value >= 0.35 ? 0 : value >= 0.15 ? 1 : 2;
  const strength = {
    en: ['closely related', 'related', 'loosely related'][level],
    es: ['muy relacionad', 'relacionad', 'algo relacionad'][level],
  };
  return peer
    ? {
        en: `Its good practice or progress report is ${strength.en} (shared terms: ${terms}).`,
        es: `Su buena práctica o informe de avance está ${strength.es}o (términos en común: ${termsEs}).`,
      }
    : {
        en: `The descriptions are ${strength.en} (shared terms: ${terms}).`,
        es: `Las descripciones están ${strength.es}as (términos en común: ${termsEs}).`,
      };
}

function peerLine(req: RequestView, profile: PeerProfile | undefined): Line {
  const none = {
    en: 'No progress or good practice reported on the requested mandates.',
    es: 'No informó avances ni buenas prácticas en los mandatos solicitados.',
  };
  if (!profile) return none;
  const progress = req.mandates.filter((m) => profile.byMandate.get(m)?.progress);
  const practices = req.mandates.filter((m) => (profile.byMandate.get(m)?.goodPractices ?? 0) > 0);
  const en: string[] = [];
  const es: string[] = [];
  if (progress.length) {
    en.push(
      `reports advanced or completed progress on ${plural(progress.length, 'mandate', 'mandates')} ${list(progress.map(String))}`,
    );
    es.push(
      `informa avances adelantados o completos en ${plural(progress.length, 'el mandato', 'los mandatos')} ${list(progress.map(String), 'es')}`,
    );
  }
  if (practices.length) {
    en.push(
      `has a published good practice on ${plural(practices.length, 'mandate', 'mandates')} ${list(practices.map(String))}`,
    );
    es.push(
      `tiene una buena práctica publicada en ${plural(practices.length, 'el mandato', 'los mandatos')} ${list(practices.map(String), 'es')}`,
    );
  }
  if (!en.length) return none;
  return { en: `This State ${list(en)}.`, es: `Este Estado ${list(es, 'es')}.` };
}

function capacityLine(offer: OfferView): Line {
  return {
    en: `${offer.remaining} of ${offer.capacity} ${plural(offer.capacity, 'place', 'places')} left.`,
    es: `${plural(offer.remaining, 'Queda', 'Quedan')} ${offer.remaining} de ${offer.capacity} ${plural(offer.capacity, 'plaza', 'plazas')}.`,
  };
}

function periodLine(req: RequestView, offer: OfferView, value: number, now: number): Line {
  if (req.period) {
    const from = dayToIso(req.period.from);
    const to = dayToIso(req.period.to);
    if (value >= 1)
      return {
        en: `Available for the whole requested period (${from} to ${to}).`,
        es: `Disponible durante todo el período solicitado (${from} a ${to}).`,
      };
    const share = Math.round(value * 100);
    return {
      en: `Available for ${share}% of the requested period (${from} to ${to}).`,
      es: `Disponible durante el ${share} % del período solicitado (${from} a ${to}).`,
    };
  }
  if (offer.validFrom !== null && offer.validFrom > now)
    return {
      en: `Available from ${dayToIso(offer.validFrom)}.`,
      es: `Disponible desde el ${dayToIso(offer.validFrom)}.`,
    };
  return offer.validTo !== null
    ? {
        en: `Available now, until ${dayToIso(offer.validTo)}.`,
        es: `Disponible ahora, hasta el ${dayToIso(offer.validTo)}.`,
      }
    : { en: 'Available now.', es: 'Disponible ahora.' };
}

/** 1234567 → "1,234,567" (English) or "1.234.567" (Spanish), without depending on the runtime's locale data. */
function thousands(n: number, separator: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function fundingLine(offer: OfferView): Line | null {
  if (offer.funding === null) return null;
  if (offer.funding === true) return { en: 'Brings funding.', es: 'Aporta financiamiento.' };
  const usd = Math.round(offer.funding);
  return {
    en: `Brings funding (USD ${thousands(usd, ',')}).`,
    es: `Aporta financiamiento (USD ${thousands(usd, '.')}).`,
  };
}

const decimal = (x: number, lang: 'en' | 'es') => (lang === 'es' ? x.toFixed(2).replace('.', ',') : x.toFixed(2));

/** Why a candidate is not proposed, first reason first (the rule's parts in the order they are checked). */
function weakLines(
  rule: AbstentionRule,
  fit: { score: number; text: number | null; needsInterpretation: boolean; modalityConflict: boolean },
): Line[] {
  const lines: Line[] = [];
  if (fit.score < rule.belowScore) {
    lines.push({
      en: `Weak fit: scores below the threshold (${decimal(rule.belowScore, 'en')}) for proposing a counterpart.`,
      es: `Ajuste débil: puntaje por debajo del umbral (${decimal(rule.belowScore, 'es')}) para proponer una contraparte.`,
    });
  }
  if (fit.text !== null && fit.text < rule.belowText) {
    lines.push({
      en: `Weak fit: its description shares too few concepts with the need (relevance ${decimal(fit.text, 'en')}, at least ${decimal(rule.belowText, 'en')} needed to propose it).`,
      es: `Ajuste débil: su descripción comparte muy pocos conceptos con la necesidad (relevancia ${decimal(fit.text, 'es')}; se necesita al menos ${decimal(rule.belowText, 'es')} para proponerla).`,
    });
  }
  if (rule.withoutSharedLanguage && fit.needsInterpretation) {
    lines.push({
      en: 'Not proposed: shares no working language with the requesting State (a broker who arranges interpretation can still propose it).',
      es: 'No se propone: no comparte un idioma de trabajo con el Estado solicitante (quien gestione interpretación aún puede proponerla).',
    });
  }
  if (rule.onModalityConflict && fit.modalityConflict) {
    lines.push({
      en: 'Not proposed: its modality conflicts with the one requested.',
      es: 'No se propone: su modalidad no es compatible con la solicitada.',
    });
  }
  return lines;
}

/** Said of every State candidate: the Mechanism forbids ranking States by their progress (issue 16, item 3). */
const NOT_BY_LEVEL: Line = {
  en: 'States are ordered by how well their evidence fits the need, never by their progress level.',
  es: 'Los Estados se ordenan por cuánto se ajusta su experiencia a la necesidad, nunca por su nivel de avance.',
};

/**
 * The contributions and explanations (English and Spanish) of a scored pair. Working-condition problems (no
 * shared language, a modality conflict) come first, whatever their weight; then the reasons by contribution.
 */
export function describe(
  pair: ScoredPair,
  req: RequestView,
  offer: OfferView | null,
  ctx: ScoreContext,
  abstention: AbstentionRule = NO_ABSTENTION,
): Candidate {
  let applicableWeight = 0;
  for (let i = 0; i < CRITERIA.length; i++) if (pair.applicable & (1 << i)) applicableWeight += ctx.weightVector[i];
  const contributions: Contribution[] = CRITERIA.map((criterion, i) => {
    const applies = (pair.applicable & (1 << i)) !== 0;
    const weight = applies && applicableWeight > 0 ? ctx.weightVector[i] / applicableWeight : 0;
    return { criterion, value: pair.values[i], applies, weight, contribution: weight * pair.values[i] };
  });
  const profile = ctx.peers.get(pair.organizationId);
  const lines = new Map<Criterion, Line | null>();
  const v = pair.values;
  const warnings: Line[] = [];
  if (offer) {
    lines.set('mandate', pair.neighbour ? neighbourLine(req, offer.mandates) : mandateLine(req, offer.mandates));
    lines.set('type', typeLine(req, offer));
    lines.set('language', languageLine(req, offer, v[I.language]));
    lines.set('modality', modalityLine(req, offer, v[I.modality]));
    lines.set('text', textLine(req, offer.vector, v[I.text], false));
    lines.set('peer', offer.kind === 'peer_state' && v[I.peer] > 0 ? peerLine(req, profile) : null);
    lines.set(
      'commitment',
      offer.kind === 'jswg'
        ? { en: 'Published offer of a JSWG organization.', es: 'Oferta publicada de una organización del GTCC.' }
        : {
            en: 'Published peer-support offer of a State.',
            es: 'Oferta de apoyo entre pares publicada por un Estado.',
          },
    );
    lines.set('capacity', capacityLine(offer));
    lines.set('period', periodLine(req, offer, v[I.period], ctx.now));
    lines.set('funding', fundingLine(offer));
    if (v[I.modality] === 0) warnings.push(lines.get('modality')!);
  } else {
    lines.set('mandate', mandateLine(req, profile?.mandates ?? []));
    lines.set('type', {
      en: 'Assistance types not stated: suggested from its reported experience.',
      es: 'Tipos de asistencia no indicados: se sugiere por la experiencia que informó.',
    });
    lines.set('language', peerLanguageLine(req, profile, v[I.language]));
    lines.set('modality', { en: 'Modality to be agreed.', es: 'Modalidad por acordar.' });
    lines.set('text', textLine(req, profile ? bestPeerVector(req, profile) : null, v[I.text], true));
    lines.set('peer', peerLine(req, profile));
    lines.set('commitment', {
      en: 'Has published no offer on this; the Secretariat would need to ask.',
      es: 'No ha publicado una oferta sobre esto; la Secretaría tendría que consultarle.',
    });
    lines.set('capacity', null);
    lines.set('period', null);
    lines.set('funding', null);
  }
  if (pair.tier === 1) warnings.unshift(lines.get('language')!);
  const order = CRITERIA.map((c, i) => ({ c, i, contribution: contributions[i].contribution })).sort(
    (a, b) => b.contribution - a.contribution || a.i - b.i,
  );
  const explanations: string[] = warnings.map((l) => l.en);
  const explanationsEs: string[] = warnings.map((l) => l.es);
  for (const { c } of order) {
    if (ctx.weights[c] === 0) continue;
    const line = lines.get(c);
    if (!line || warnings.includes(line)) continue;
    explanations.push(line.en);
    explanationsEs.push(line.es);
  }
  if (pair.kind === 'peer' || offer?.kind === 'peer_state') {
    explanations.push(NOT_BY_LEVEL.en);
    explanationsEs.push(NOT_BY_LEVEL.es);
  }
  // Text relevance is evidence of fit only when both descriptions are disclosed (a State's: a text on a requested
  // mandate); otherwise the text floor does not apply.
  const textJudged = !!req.vector && (offer ? !!offer.vector : !!profile && bestPeerVector(req, profile) !== null);
  const modalityConflict = (pair.applicable & (1 << I.modality)) !== 0 && v[I.modality] === 0;
  const fit = {
    score: pair.score,
    text: textJudged ? v[I.text] : null,
    needsInterpretation: pair.tier === 1,
    modalityConflict,
  };
  const weak = isWeak(abstention, fit);
  if (weak) {
    const reasons = weakLines(abstention, fit);
    explanations.unshift(...reasons.map((l) => l.en));
    explanationsEs.unshift(...reasons.map((l) => l.es));
  }
  const candidate: Candidate = {
    candidateId: pair.candidateId,
    kind: pair.kind,
    organizationId: pair.organizationId,
    score: pair.score,
    needsInterpretation: pair.tier === 1,
    modalityConflict,
    textJudged,
    weak,
    contributions,
    explanations,
    explanationsEs,
  };
  if (pair.offerId !== undefined) candidate.offerId = pair.offerId;
  return candidate;
}
