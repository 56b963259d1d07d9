/**
 * One page of a public list for the open-data API (/api/v1, docs/api.md): the envelope every list shares
 * (`data`, `meta`, `links`), 20 items a page; a page past the end gives the last page, a page that is not a number the
 * first. `keep` names the query parameters the links carry on (the filters).
 */
export function openDataPage<T>(request: Request, items: readonly T[], keep: readonly string[] = [], perPage = 20) {
  const url = new URL(request.url);
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const asked = Number(url.searchParams.get('page') ?? '1');
  const page = Math.min(Number.isInteger(asked) && asked >= 1 ? asked : 1, pages);
  const link = (n: number) => {
    const params = new URLSearchParams();
    for (const k of keep) {
      const v = url.searchParams.get(k);
      if (v !== null && v !== '') params.set(k, v);
    }
    params.set('page', String(n));
    return `${url.pathname}?${params}`;
  };
  return {
    data: items.slice((page - 1) * perPage, page * perPage),
    meta: { page, pages, per_page: perPage, total: items.length },
    links: { self: link(page), next: page < pages ? link(page + 1) : null, prev: page > 1 ? link(page - 1) : null },
  };
}
