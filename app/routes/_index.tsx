import { type MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { homeAudiences } from '../home-features';
import { useT } from '../utils/i18n';

export const meta: MetaFunction = () => [
  { title: 'Minka · Lima Commitment follow-up and cooperation' },
  {
    name: 'description',
    content:
      'Follow-up of the Lima Commitment against corruption, and cooperation among States and JSWG organizations.',
  },
];

export default function Home() {
  const t = useT();
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <div className="cards">
        {homeAudiences.map((audience) => (
          <div className="card" key={audience.title}>
            <h2>{t(audience.title)}</h2>
            <p>{t(audience.body)}</p>
            <ul className="home-features">
              {audience.features.map((feature) => (
                <li key={feature.label}>
                  <Link to={feature.to}>{t(feature.label)}</Link>
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
