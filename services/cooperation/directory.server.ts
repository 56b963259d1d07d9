import Fuse from 'fuse.js';
import type { DomainEventBus } from '../events';
import type { CompleteOfferView, OffersService } from './offers.server';

/** Assistance types in both languages, so a search in either finds them ("capacitación" or "capacity"). */
export const TYPE_LABELS: Record<string, { en: string; es: string }> = {
  legislative: { en: 'legislative assistance', es: 'asistencia legislativa' },
  institutions: { en: 'creation or strengthening of institutions', es: 'creación o fortalecimiento de instituciones' },
  policy_design: { en: 'policy design', es: 'diseño de políticas' },
  capacity_building: { en: 'capacity-building training', es: 'capacitación y fortalecimiento de capacidades' },
  data: { en: 'data research, collection and analysis', es: 'investigación, recopilación y análisis de datos' },
  international_cooperation: {
    en: 'facilitation of international cooperation',
    es: 'facilitación de la cooperación internacional',
  },
  other: { en: 'other assistance', es: 'otra asistencia' },
};

export interface DirectoryQuery {
  q?: string;
  mandate?: number;
  type?: string;
  organization?: string;
  kind?: 'jswg' | 'peer_state';
  page?: number;
}

export interface DirectoryEntry {
  offer: CompleteOfferView;
  /** 0 is a perfect match (Fuse's score); null without a text query. */
  relevance: number | null;
}

const PAGE_SIZE = 20;

interface Indexed {
  offer: CompleteOfferView;
  typeText: string;
  organization: string;
}

/**
 * The public directory of regional capacities: published offers of JSWG organizations and peer States, with
 * fuzzy search that tolerates typos and accents in English and Spanish. Only published offers ever enter the
 * index, so a draft can never be found. The index is rebuilt lazily after any change to an offer.
 */
export function createDirectoryService({ offers, events }: { offers: OffersService; events: DomainEventBus }) {
  let index: Promise<{ fuse: Fuse<Indexed>; all: Indexed[] }> | null = null;
  // On every node (decision 033): an offer withdrawn through another node leaves this node's index too.
  events.onEveryNode('cooperation.changed', ({ kind }) => {
    if (kind === 'offer') index = null;
  });
  events.onRemoteGap(() => (index = null));

  function build() {
    return offers.listPublished().then((published) => {
      const all = published.map((offer) => ({
        offer,
        typeText: offer.types.map((t) => `${TYPE_LABELS[t]?.en ?? t} ${TYPE_LABELS[t]?.es ?? ''}`).join(' '),
        organization: `${offer.organizationCode} ${offer.organizationNameEn} ${offer.organizationNameEs}`,
      }));
      const fuse = new Fuse(all, {
        keys: [
          { name: 'offer.title', weight: 3 },
          { name: 'typeText', weight: 2 },
          { name: 'organization', weight: 2 },
          { name: 'offer.description', weight: 1 },
        ],
        includeScore: true,
        ignoreDiacritics: true,
        ignoreLocation: true,
        threshold: 0.35,
        minMatchCharLength: 2,
      });
      return { fuse, all };
    });
  }

  return {
    async search(query: DirectoryQuery) {
      index ??= build().catch((error) => {
        index = null;
        throw error;
      });
      const { fuse, all } = await index;
      const q = query.q?.trim().slice(0, 200) ?? '';
      let entries: DirectoryEntry[] = q
        ? fuse.search(q).map((r) => ({ offer: r.item.offer, relevance: r.score ?? null }))
        : all.map((i) => ({ offer: i.offer, relevance: null }));
      if (query.mandate) entries = entries.filter((e) => e.offer.mandates.includes(query.mandate!));
      if (query.type) entries = entries.filter((e) => (e.offer.types as string[]).includes(query.type!));
      if (query.organization) entries = entries.filter((e) => e.offer.organizationCode === query.organization);
      if (query.kind) entries = entries.filter((e) => e.offer.kind === query.kind);
      // Without a text query, a stable order that ranks nobody: by organization name, then title.
      if (!q)
        entries.sort(
          (a, b) =>
            a.offer.organizationNameEn.localeCompare(b.offer.organizationNameEn) ||
            a.offer.title.localeCompare(b.offer.title),
        );
      const total = entries.length;
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pageCount);
      const organizations = [
        ...new Map(
          all.map((i) => [
            i.offer.organizationCode,
            { code: i.offer.organizationCode, nameEn: i.offer.organizationNameEn, nameEs: i.offer.organizationNameEs },
          ]),
        ).values(),
      ].sort((a, b) => a.nameEn.localeCompare(b.nameEn));
      return {
        entries: entries.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
        total,
        page,
        pageCount,
        organizations,
      };
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectoryService>;
