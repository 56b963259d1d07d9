import { useEffect, useId, useMemo, useState } from 'react';
import { useT } from '../utils/i18n';
import { describedBy, ErrorList } from './checkbox-group';

export interface MandateChoice {
  number: number;
  /** The topic or the official text, shortened; null when the catalogue has neither. */
  label: string | null;
  /** The language of the label, when it is not the page's. */
  lang?: 'en' | 'es';
  /** Every word the search looks in (topic, official text and section, in English and Spanish). */
  words: string;
}

export interface MandateSection {
  code: string | null;
  title: string | null;
  mandates: MandateChoice[];
}

/** Lower case without accents, so "corrupcion" finds "corrupción" and "CORRUPTION" finds "corruption". */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** Does the mandate match the query: its number exactly, or every word of the query somewhere in its words. */
export function matchesMandate(mandate: MandateChoice, query: string): boolean {
  const q = fold(query).trim();
  if (!q) return true;
  if (/^\d+$/.test(q)) return mandate.number === Number(q);
  const words = fold(`${mandate.number} ${mandate.label ?? ''} ${mandate.words}`);
  return q.split(/\s+/).every((w) => words.includes(w));
}

/**
 * The mandates of a request or an offer, chosen from the catalogue grouped by section (issue 15 item 7). The server
 * renders the whole grouped list of labelled checkboxes, so it works without JavaScript; once the page has loaded, a
 * labelled search box filters it by number or topic (accent- and case-insensitive, in English and Spanish), says
 * how many are shown in a polite live region, and never hides a mandate already chosen.
 */
export function MandatePicker({
  legend,
  hint,
  sections,
  selected,
  errors,
}: {
  legend: string;
  hint?: string;
  sections: MandateSection[];
  selected: string[];
  errors?: string[];
}) {
  const t = useT();
  const id = useId();
  const [hydrated, setHydrated] = useState(false);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState(() => new Set(selected));
  useEffect(() => setHydrated(true), []);
  const total = sections.reduce((n, s) => n + s.mandates.length, 0);
  const visible = useMemo(() => {
    const shown = new Set<number>();
    for (const s of sections)
      for (const m of s.mandates) if (chosen.has(String(m.number)) || matchesMandate(m, query)) shown.add(m.number);
    return shown;
  }, [sections, query, chosen]);
  const toggle = (value: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(value);
      else next.delete(value);
      return next;
    });
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const searchHintId = `${id}-search-hint`;
  return (
    <fieldset
      className="field-group mandate-picker"
      aria-describedby={describedBy(hint && hintId, errors?.length && errorId)}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {hydrated ? (
        <div className="field">
          <label htmlFor={`${id}-search`}>{t('picker.search')}</label>
          <p id={searchHintId} className="hint">
            {t('picker.searchHint')}
          </p>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter in the search box filters; it must not submit the whole form.
              if (e.key === 'Enter') e.preventDefault();
            }}
            aria-describedby={`${searchHintId} ${id}-count`}
            aria-controls={`${id}-list`}
            autoComplete="off"
          />
          <p id={`${id}-count`} className="hint" role="status" aria-live="polite">
            {query.trim() && !sections.some((s) => s.mandates.some((m) => matchesMandate(m, query)))
              ? t('picker.none', { query: query.trim() })
              : t('picker.shown', { n: visible.size, total })}
          </p>
        </div>
      ) : null}
      <div id={`${id}-list`}>
        {sections.map((section) => {
          const shown = section.mandates.filter((m) => visible.has(m.number));
          return (
            <fieldset
              key={section.code ?? 'none'}
              className="field-group mandate-section"
              hidden={!shown.length || undefined}
              // The site's styles give fieldsets and choices a display of their own, which `hidden` alone loses to.
              style={shown.length ? undefined : { display: 'none' }}
            >
              <legend>
                {section.code ? `${section.code}. ` : ''}
                {section.title ?? (section.code ? '' : t('picker.unsectioned'))}
              </legend>
              <div className="choices mandate-choices">
                {section.mandates.map((m) => (
                  <label
                    key={m.number}
                    className="choice"
                    hidden={!visible.has(m.number) || undefined}
                    style={visible.has(m.number) ? undefined : { display: 'none' }}
                  >
                    <input
                      type="checkbox"
                      name="mandates"
                      value={String(m.number)}
                      defaultChecked={selected.includes(String(m.number))}
                      onChange={(e) => toggle(String(m.number), e.currentTarget.checked)}
                    />
                    <span>
                      <strong>{m.number}</strong>{' '}
                      {m.label ? (
                        <span lang={m.lang}>{m.label}</span>
                      ) : (
                        <span className="muted">({t('picker.noText')})</span>
                      )}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}
