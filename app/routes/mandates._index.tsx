import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { CatalogueNote, MandateCard } from '../components/mandate';
import { UnplacedTopics } from '../components/mandate-topic';
import { searchMandates } from '../utils/mandate-search';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.mandates');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get('q') ?? '').slice(0, 200);
  const result = await context.services.catalogue.getCatalogue(url.searchParams.get('commitment') ?? undefined);
  if (!result.ok) {
    if (result.kind === 'not_found' && !url.searchParams.get('commitment'))
      return { catalogue: null, q, matches: null };
    throw new Response(result.message, { status: 404 });
  }
  const { commitment, sections, unsectioned, unsectionedTopics, mandates } = result.value;
  const sectionTitles = new Map(sections.map((s) => [s.code, [s.titleEn, s.titleEs].filter(Boolean).join(' ')]));
  const matches = q ? searchMandates(mandates, q, sectionTitles).map((m) => m.number) : null;
  // Only what the page shows goes to the browser (sources stay on the mandate page): the payload is serialized
  // into every response, and this page is benchmarked against plain JSON.
  const slim = ({ sources: _sources, researchSources: _research, topic, ...mandate }: (typeof mandates)[number]) => ({
    ...mandate,
    topic: topic ? { en: topic.en, es: topic.es, confidence: topic.confidence } : null,
  });
  const slimTopic = (u: (typeof unsectionedTopics)[number]) => ({ en: u.en, es: u.es, note: u.note });
  return {
    catalogue: {
      commitment,
      sections: sections.map((s) => ({
        ...s,
        mandates: s.mandates.map(slim),
        unplacedTopics: s.unplacedTopics.map(slimTopic),
      })),
      unsectioned: unsectioned.map(slim),
      unsectionedTopics: unsectionedTopics.map(slimTopic),
      statuses: mandates.map((m) => ({
        textStatusEn: m.textStatusEn,
        textStatusEs: m.textStatusEs,
        topicEn: !!m.topic?.en,
        topicEs: !!m.topic?.es,
      })),
      hasLinks: mandates.some((m) => m.indicators.length > 0 || m.provisions.length > 0),
    },
    q,
    matches,
  };
}

function Coverage({
  mandates,
}: {
  mandates: ReadonlyArray<{ textStatusEn: string; textStatusEs: string; topicEn: boolean; topicEs: boolean }>;
}) {
  const t = useT();
  const lang = useLang();
  const status = (m: { textStatusEn: string; textStatusEs: string }) =>
    lang === 'es' ? m.textStatusEs : m.textStatusEn;
  const total = mandates.length;
  const verified = mandates.filter((m) => status(m) === 'verified').length;
  const partial = mandates.filter((m) => status(m) === 'partial').length;
  const missing = total - verified - partial;
  // Summaries are counted apart: they never turn a "not yet imported" into text.
  const summarized = mandates.filter((m) => (lang === 'es' ? m.topicEs : m.topicEn)).length;
  const label = t('mandates.coverage', { verified, partial, missing, total });
  if (!total) return null;
  return (
    <figure>
      <div className="coverage" role="img" aria-label={label}>
        <span className="verified" style={{ width: `${(verified / total) * 100}%` }} />
        <span className="partial" style={{ width: `${(partial / total) * 100}%` }} />
        <span className="missing-bar" style={{ width: `${(missing / total) * 100}%` }} />
      </div>
      <figcaption className="muted">
        {label} {summarized ? t('mandates.coverageTopics', { n: summarized }) : null}
      </figcaption>
      {summarized ? <p className="muted">{t('mandates.topicExplain')}</p> : null}
    </figure>
  );
}

export default function Mandates() {
  const t = useT();
  const lang = useLang();
  const { catalogue, q, matches } = useLoaderData<typeof loader>();
  if (!catalogue) {
    return (
      <section>
        <h1>{t('mandates.title')}</h1>
        <p>{t('mandates.noCatalogue')}</p>
      </section>
    );
  }
  const shown = (n: number) => !matches || matches.includes(n);
  const title =
    lang === 'es' ? (catalogue.commitment.titleEs ?? catalogue.commitment.titleEn) : catalogue.commitment.titleEn;
  const code = catalogue.commitment.code;
  // A catalogue without the Spanish name shows the one it has rather than nothing.
  const summit =
    lang === 'es' ? (catalogue.commitment.summitEs ?? catalogue.commitment.summit) : catalogue.commitment.summit;
  return (
    <section>
      <h1>{t('mandates.title')}</h1>
      <p className="lead">{title}</p>
      <p className="muted">
        {[summit, catalogue.commitment.documentSymbol, catalogue.commitment.adoptedOn].filter(Boolean).join(' · ')}
      </p>
      <p>{t('mandates.intro')}</p>
      <Coverage mandates={catalogue.statuses} />
      {!catalogue.hasLinks ? (
        <p className="muted">
          {t('mandates.noIndicators')} {t('mandates.noProvisions')}
        </p>
      ) : null}
      <Form method="get" role="search" className="inline-form">
        <label htmlFor="mandate-search">{t('mandates.searchLabel')}</label>
        <input id="mandate-search" name="q" type="search" defaultValue={q} aria-describedby="mandate-search-hint" />
        <button type="submit">{t('search.submit')}</button>
        {q ? <Link to="/mandates">{t('mandates.clear')}</Link> : null}
        <p id="mandate-search-hint" className="hint">
          {t('mandates.searchHint')}
        </p>
      </Form>
      {matches ? (
        <p role="status">
          {matches.length ? t('mandates.results', { n: matches.length, q }) : t('mandates.noResults', { q })}
        </p>
      ) : null}
      {catalogue.sections.map((section) => {
        const visible = section.mandates.filter((m) => shown(m.number));
        if (matches && visible.length === 0) return null;
        const sectionTitle =
          lang === 'es' ? (section.titleEs ?? section.titleEn) : (section.titleEn ?? section.titleEs);
        return (
          <div key={section.id} className="section-block">
            <h2>
              {t('mandates.section', { code: section.code })}:{' '}
              {sectionTitle ?? <span className="missing">{t('mandates.sectionTitleMissing')}</span>}
            </h2>
            {section.note ? (
              <p className="note">
                <CatalogueNote note={section.note} noteEs={section.noteEs} />
              </p>
            ) : null}
            {visible.map((mandate) => (
              <MandateCard key={mandate.id} mandate={mandate} commitmentCode={code} />
            ))}
            {/* Not searchable by number (they have none): shown with the whole list only. */}
            {matches ? null : <UnplacedTopics topics={section.unplacedTopics} />}
          </div>
        );
      })}
      {catalogue.unsectioned.some((m) => shown(m.number)) ? (
        <div className="section-block">
          <h2>{t('mandates.noSection')}</h2>
          {catalogue.unsectioned
            .filter((m) => shown(m.number))
            .map((mandate) => (
              <MandateCard key={mandate.id} mandate={mandate} commitmentCode={code} />
            ))}
          {matches ? null : <UnplacedTopics topics={catalogue.unsectionedTopics} sectioned={false} />}
        </div>
      ) : null}
    </section>
  );
}
