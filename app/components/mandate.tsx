import { Link } from '@remix-run/react';
import type { Lang } from '../load-context';
import { useLang, useT } from '../utils/i18n';
import { MandateTopic, type MandateTopicData } from './mandate-topic';

export interface MandateCardData {
  number: number;
  sectionCertainty: 'stated' | 'inferred' | 'unknown';
  sectionCode: string | null;
  textEn: string | null;
  textEs: string | null;
  textStatusEn: 'verified' | 'partial' | 'missing';
  textStatusEs: 'verified' | 'partial' | 'missing';
  note: string | null;
  /** The note in Spanish, where the catalogue gives one. */
  noteEs?: string | null;
  /** A summary (not the official text) while the official text is missing; see MandateTopic. */
  topic?: MandateTopicData | null;
  indicators: ReadonlyArray<{ id: string; code: string; textEn: string | null; textEs: string | null }>;
  provisions: ReadonlyArray<{
    id: string;
    treaty: string;
    reference: string;
    titleEn: string | null;
    titleEs: string | null;
  }>;
}

/** The reader's language first; otherwise the other language, said so; otherwise "not yet imported". */
function officialText(lang: Lang, m: MandateCardData) {
  const mine = lang === 'es' ? { text: m.textEs, status: m.textStatusEs } : { text: m.textEn, status: m.textStatusEn };
  if (mine.status !== 'missing' && mine.text) return { ...mine, fallback: false };
  const other = lang === 'es' ? { text: m.textEn, status: m.textStatusEn } : { text: m.textEs, status: m.textStatusEs };
  if (other.status !== 'missing' && other.text) return { ...other, fallback: true };
  return { text: null, status: 'missing' as const, fallback: false };
}

/** A catalogue note in the reader's language where it has one; otherwise the English note, marked as English. */
export function CatalogueNote({ note, noteEs }: { note: string; noteEs: string | null }) {
  const lang = useLang();
  return lang === 'es' && noteEs ? <span lang="es">{noteEs}</span> : <span lang="en">{note}</span>;
}

export function MandateText({ mandate }: { mandate: MandateCardData }) {
  const t = useT();
  const lang = useLang();
  const official = officialText(lang, mandate);
  const otherLang: Lang = lang === 'es' ? 'en' : 'es';
  return (
    <>
      {official.status === 'missing' ? <p className="missing">{t('mandates.textMissing')}</p> : null}
      {official.status === 'partial' ? (
        <>
          <p className="muted">{t('mandates.textPartial')}</p>
          <blockquote lang={official.fallback ? otherLang : lang}>{official.text}</blockquote>
          <p className="missing">{t('mandates.textMissing')}</p>
        </>
      ) : null}
      {official.status === 'verified' ? <p lang={official.fallback ? otherLang : lang}>{official.text}</p> : null}
      {official.fallback ? (
        <p className="muted">{lang === 'es' ? t('mandates.otherLanguage') : t('mandates.otherLanguageEs')}</p>
      ) : null}
      {mandate.topic ? <MandateTopic topic={mandate.topic} /> : null}
      {mandate.note ? (
        <p className="note">
          <strong>{t('mandates.note')}:</strong> <CatalogueNote note={mandate.note} noteEs={mandate.noteEs ?? null} />
        </p>
      ) : null}
    </>
  );
}

export function MandateCard({
  mandate,
  commitmentCode,
  headingLevel = 3,
  expanded = false,
}: {
  mandate: MandateCardData;
  commitmentCode: string;
  headingLevel?: 2 | 3;
  expanded?: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const verified = (lang === 'es' ? mandate.textStatusEs : mandate.textStatusEn) === 'verified';
  return (
    <article className={`mandate${verified ? ' verified' : ''}`} aria-labelledby={`mandate-${mandate.number}`}>
      <Heading id={`mandate-${mandate.number}`}>
        <Link to={`/mandates/${commitmentCode}/${mandate.number}`}>{t('mandates.mandate', { n: mandate.number })}</Link>
        {mandate.sectionCertainty === 'inferred' ? (
          <span className="badge">{t('mandates.sectionInferred')}</span>
        ) : null}
      </Heading>
      <MandateText mandate={mandate} />
      {/* Only when there is something to show: 57 times "none yet" would drown the page (the page says it once). */}
      {mandate.indicators.length || mandate.provisions.length ? (
        <details open={expanded}>
          <summary>
            {t('mandates.indicators')} ({mandate.indicators.length}) · {t('mandates.provisions')} (
            {mandate.provisions.length})
          </summary>
          {mandate.indicators.length ? (
            <ul>
              {mandate.indicators.map((indicator) => (
                <li key={indicator.id}>
                  <strong>{indicator.code}</strong>{' '}
                  {(lang === 'es' ? indicator.textEs : indicator.textEn) ??
                    indicator.textEn ??
                    indicator.textEs ??
                    t('mandates.textMissing')}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('mandates.noIndicators')}</p>
          )}
          {mandate.provisions.length ? (
            <ul>
              {mandate.provisions.map((p) => (
                <li key={p.id}>
                  {p.treaty} {p.reference}
                  {p.titleEn || p.titleEs
                    ? ` — ${(lang === 'es' ? p.titleEs : p.titleEn) ?? p.titleEn ?? p.titleEs}`
                    : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('mandates.noProvisions')}</p>
          )}
        </details>
      ) : expanded ? (
        <>
          <p className="muted">{t('mandates.noIndicators')}</p>
          <p className="muted">{t('mandates.noProvisions')}</p>
        </>
      ) : null}
    </article>
  );
}
