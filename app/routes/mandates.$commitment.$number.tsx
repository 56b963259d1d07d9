import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { MandateCard } from '../components/mandate';
import { MandateRecommendations } from '../components/recommendations';
import { can } from '../../services/permissions';
import { notFoundResponse, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction<typeof loader> = (args) =>
  args.data
    ? pageTitle(args, 'title.mandateNumber', { n: args.data.mandate.number })
    : pageTitle(args, 'title.mandate');

export async function loader({ params, context }: LoaderFunctionArgs) {
  const number = Number(params.number);
  if (!Number.isInteger(number) || number < 1) throw notFoundResponse();
  const result = await context.services.catalogue.getMandate(params.commitment ?? '', number);
  if (!result.ok) throwFailure(result);
  // Civil-society recommendations published on this mandate (issue 13, item 7); the submit link for their members only.
  const recommendations = await context.services.recommendations.publicForMandate(result.value.commitment.code, number);
  const canRecommend = can(context.actor, { action: 'recommendation.submit' });
  // Phase 2 and 3 on this mandate (issue 17): its published good practices and published cooperation initiatives,
  // both through their public reads (withheld content already out), alphabetically.
  // Issue 19: the published offers on it, and each initiative's published outcomes.
  const [practices, initiatives, offers] = await Promise.all([
    context.services.practices.publishedForMandate(result.value.commitment.code, number),
    context.services.initiativesPublic.publishedForMandate(result.value.commitment.code, number),
    context.services.offers.publishedForMandate(result.value.commitment.code, number),
  ]);
  return {
    ...result.value,
    recommendations,
    canRecommend,
    practices: practices.map((p) => ({
      id: p.id,
      title: p.title,
      en: p.organizationNameEn,
      es: p.organizationNameEs,
    })),
    initiatives: initiatives.map((i) => ({
      id: i.id,
      title: i.title,
      participants: i.participants.map((o) => ({ code: o.code, en: o.nameEn, es: o.nameEs })),
      outcomes: i.outcomes.map((o) => ({ id: o.id, text: o.text })),
    })),
    offers: offers.map((o) => ({ id: o.id, title: o.title, en: o.organizationNameEn, es: o.organizationNameEs })),
  };
}

export default function MandatePage() {
  const t = useT();
  const lang = useLang();
  const { commitment, section, mandate, recommendations, canRecommend, practices, initiatives, offers } =
    useLoaderData<typeof loader>();
  const sectionTitle = section
    ? ((lang === 'es' ? section.titleEs : section.titleEn) ?? section.titleEn ?? section.titleEs)
    : null;
  return (
    <section>
      <p>
        <Link to="/mandates">← {t('mandates.back')}</Link>
      </p>
      <p className="muted">{lang === 'es' ? (commitment.titleEs ?? commitment.titleEn) : commitment.titleEn}</p>
      <p className="muted">
        {section
          ? `${t('mandates.section', { code: section.code })}: ${sectionTitle ?? t('mandates.sectionTitleMissing')}`
          : t('mandates.noSection')}
      </p>
      <MandateCard mandate={mandate} commitmentCode={commitment.code} headingLevel={2} expanded />
      {mandate.topic && (lang === 'es' ? mandate.topic.es : mandate.topic.en) ? (
        <p className="muted">{t('mandates.topicExplain')}</p>
      ) : null}
      {mandate.sources.length ? (
        <>
          <h3>{t('mandates.sources')}</h3>
          <ul>
            {mandate.sources.map((source) => (
              <li key={source}>
                <a href={source} rel="noreferrer noopener">
                  {source}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {/* Where the summary and the section placement come from: research, kept apart from the official text's sources. */}
      {mandate.researchSources.length ? (
        <>
          <h3>{t('mandates.topicSources')}</h3>
          <ul>
            {mandate.researchSources.map((source) => (
              <li key={source}>
                {/^https?:\/\//.test(source) ? (
                  <a href={source} rel="noreferrer noopener">
                    {source}
                  </a>
                ) : (
                  source
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <section aria-labelledby="mandate-practices">
        <h3 id="mandate-practices">{t('pr.mandate.practices')}</h3>
        {practices.length ? (
          <>
            <p className="muted">{t('pr.mandate.order')}</p>
            <ul>
              {practices.map((p) => (
                <li key={p.id}>
                  <Link to={`/practices/${p.id}`}>{p.title}</Link> — {lang === 'es' ? p.es : p.en}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="empty">{t('pr.mandate.noPractices')}</p>
        )}
      </section>
      <section aria-labelledby="mandate-initiatives">
        <h3 id="mandate-initiatives">{t('pr.mandate.initiatives')}</h3>
        {initiatives.length ? (
          <>
            <p className="muted">{t('pr.mandate.order')}</p>
            <ul>
              {initiatives.map((i) => (
                <li key={i.id}>
                  <Link to={`/initiatives/${i.id}`}>{i.title}</Link> —{' '}
                  {i.participants.map((o) => (lang === 'es' ? o.es : o.en)).join(', ')}
                  {i.outcomes.length ? (
                    <>
                      <br />
                      <span className="muted">{t('pr.mandate.outcomes')}</span>
                      <ul>
                        {i.outcomes.map((o) => (
                          <li key={o.id} className="prewrap">
                            {o.text}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="empty">{t('pr.mandate.noInitiatives')}</p>
        )}
      </section>
      <section aria-labelledby="mandate-offers">
        <h3 id="mandate-offers">{t('pr.mandate.offers')}</h3>
        {offers.length ? (
          <>
            <p className="muted">{t('pr.mandate.order')}</p>
            <ul>
              {offers.map((o) => (
                <li key={o.id}>
                  <Link to={`/cooperation/offers/${o.id}`}>{o.title}</Link> — {lang === 'es' ? o.es : o.en}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="empty">{t('pr.mandate.noOffers')}</p>
        )}
      </section>
      <MandateRecommendations
        recommendations={recommendations}
        commitmentCode={commitment.code}
        mandate={mandate.number}
        canRecommend={canRecommend}
      />
    </section>
  );
}
