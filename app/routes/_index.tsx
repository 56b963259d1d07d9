import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { homeAudiencesFor } from '../home-features';
import { translate } from '../i18n';
import { useT } from '../utils/i18n';
import { metaLang, SITE_NAME, TITLE_SEPARATOR } from '../utils/page-title';

// The home page names the site first, then what it is for: the tagline under the site's name in the header.
export const meta: MetaFunction = (args) => {
  const lang = metaLang(args);
  return [
    { title: `${SITE_NAME}${TITLE_SEPARATOR}${translate(lang, 'app.tagline')}` },
    { name: 'description', content: translate(lang, 'meta.homeDescription') },
  ];
};

/** Each capability is linked only for readers who may open its page (the same rules as the navigation). */
export function loader({ context }: LoaderFunctionArgs) {
  return { audiences: homeAudiencesFor(context.actor ?? null) };
}

export default function Home() {
  const t = useT();
  const { audiences } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <div className="cards">
        {audiences.map((audience) => (
          <div className="card" key={audience.title}>
            <h2>{t(audience.title)}</h2>
            <p>{t(audience.body)}</p>
            <ul className="home-features">
              {audience.features.map((feature) => (
                <li key={feature.label}>
                  {feature.to ? <Link to={feature.to}>{t(feature.label)}</Link> : t(feature.label)}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <p>
        <Link to="/mandates" className="button">
          {t('home.browseMandates')}
        </Link>
      </p>
      <p className="muted">{t('home.noRanking')}</p>
    </section>
  );
}
