import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.participants');

/** Public: who takes part in the Mechanism. Alphabetical within each kind, never ordered by any measure. */
export async function loader({ context }: LoaderFunctionArgs) {
  const organizations = await context.services.accounts.listOrganizations();
  return {
    organizations: organizations
      .filter((o) => o.kind !== 'civil_society')
      .map((o) => ({
        code: o.code,
        kind: o.kind,
        nameEn: o.nameEn,
        nameEs: o.nameEs,
        subregion: o.subregion,
        note: o.note,
      })),
  };
}

export default function Participants() {
  const t = useT();
  const lang = useLang();
  const { organizations } = useLoaderData<typeof loader>();
  const collator = new Intl.Collator(lang);
  const groups = (['state', 'jswg', 'secretariat'] as const).map((kind) => ({
    kind,
    items: organizations
      .filter((o) => o.kind === kind)
      .sort((a, b) => collator.compare(lang === 'es' ? a.nameEs : a.nameEn, lang === 'es' ? b.nameEs : b.nameEn)),
  }));
  return (
    <section>
      <h1>{t('participants.title')}</h1>
      <p>{t('participants.intro')}</p>
      {groups.map((group) => (
        <div key={group.kind}>
          <h2>
            {t(`kind.${group.kind}.plural`)} ({group.items.length})
          </h2>
          {group.items.length === 0 ? (
            <p className="muted">{t('participants.none')}</p>
          ) : (
            <ul className="columns">
              {group.items.map((o) => (
                <li key={o.code}>
                  {lang === 'es' ? o.nameEs : o.nameEn} <span className="muted">({o.code})</span>
                  {o.subregion ? <span className="muted"> · {t(`subregion.${o.subregion}`)}</span> : null}
                  {o.note ? <span className="note-inline"> · {t('participants.reservation')}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
