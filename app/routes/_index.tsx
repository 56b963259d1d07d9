import { type MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useT } from '../utils/i18n';

export const meta: MetaFunction = () => [{ title: 'Minka · Lima Commitment follow-up and cooperation' }, { name: 'description', content: 'Follow-up of the Lima Commitment against corruption, and cooperation among States and JSWG organizations.' }];

export default function Home() {
  const t = useT();
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.lead')}</p>
      <div className="cards">
        <div className="card">
          <h2>{t('home.states.title')}</h2>
          <p>{t('home.states.body')}</p>
        </div>
        <div className="card">
          <h2>{t('home.jswg.title')}</h2>
          <p>{t('home.jswg.body')}</p>
        </div>
        <div className="card">
          <h2>{t('home.secretariat.title')}</h2>
          <p>{t('home.secretariat.body')}</p>
        </div>
        <div className="card">
          <h2>{t('home.public.title')}</h2>
          <p>{t('home.public.body')}</p>
        </div>
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
