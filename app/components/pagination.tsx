import { Link, useSearchParams } from '@remix-run/react';
import { useT } from '../utils/i18n';

/** Previous / "page X of Y" / next, keeping every other query parameter of the current URL. */
export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const t = useT();
  const [params] = useSearchParams();
  if (pageCount <= 1) return null;
  const link = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    return `?${next}`;
  };
  return (
    <nav aria-label={t('pagination.label')} className="pagination">
      {page > 1 ? <Link to={link(page - 1)}>{t('pagination.previous')}</Link> : null}
      <span>{t('pagination.page', { page, pages: pageCount })}</span>
      {page < pageCount ? <Link to={link(page + 1)}>{t('pagination.next')}</Link> : null}
    </nav>
  );
}
