import type { MetaArgs, MetaDescriptor } from '@remix-run/node';
import { isLang, translate, type MessageKey } from '../i18n';
import type { Lang } from '../load-context';

export const SITE_NAME = 'Minka';
export const TITLE_SEPARATOR = ' · ';

type MetaLangArgs = Pick<MetaArgs, 'matches'>;
type Vars = Record<string, string | number>;

/** The page's language in a `meta` function: the root loader's `lang`, English when the root has no data (it failed). */
export function metaLang({ matches }: MetaLangArgs): Lang {
  const root = matches.find((match) => match.id === 'root')?.data as { lang?: unknown } | undefined;
  return isLang(root?.lang) ? root.lang : 'en';
}

/**
 * `[{ title: 'Mandatos · Minka' }]`: the page's name in its language, then the site's.
 * - `pageTitle(args, 'title.mandates')`
 * - `pageTitle(args, 'title.mandateNumber', { n: 12 })`: the message's placeholders filled
 * - `pageTitle(args, 'title.initiative', data?.record.title)`: a name from the data (an initiative's own title) as
 *   it is; the message only when there is none (no data on an error page)
 */
export function pageTitle(args: MetaLangArgs, key: MessageKey, nameOrVars?: string | Vars | null): MetaDescriptor[] {
  const page =
    typeof nameOrVars === 'string' && nameOrVars !== ''
      ? nameOrVars
      : translate(metaLang(args), key, typeof nameOrVars === 'object' && nameOrVars ? nameOrVars : undefined);
  return [{ title: `${page}${TITLE_SEPARATOR}${SITE_NAME}` }];
}
