import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { SelectField } from '../components/field';
import { UtcTime } from '../components/utc-time';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.answerHistory');

/* Every saved version of an answer, and what changed between two of them (a word-level diff). */

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.registration.history(actor, params.answerId ?? '');
  if (!result.ok) throwFailure(result);
  const versions = result.value.map((v) => ({
    version: v.version,
    progress: v.progress,
    summary: v.summary,
    full: v.full,
    assistanceTypes: v.assistanceTypes,
    savedAt: v.savedAt,
  }));
  const url = new URL(request.url);
  const numbers = versions.map((v) => v.version);
  const pick = (name: string, fallback: number | undefined) => {
    const n = Number(url.searchParams.get(name));
    return numbers.includes(n) ? n : fallback;
  };
  let from = pick('from', numbers.at(-2));
  let to = pick('to', numbers.at(-1));
  if (from !== undefined && to !== undefined && from > to) [from, to] = [to, from];
  return { versions, from, to };
}

type Part = { kind: 'same' | 'added' | 'removed'; text: string };

/** Word-level diff (longest common subsequence over words and the spaces between them). */
function diffWords(before: string, after: string): Part[] {
  const a = before.split(/(\s+)/).filter((s) => s !== '');
  const b = after.split(/(\s+)/).filter((s) => s !== '');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: Part[] = [];
  const push = (kind: Part['kind'], text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > 4_000_000) {
    // Too long to align word by word: say what was removed and what was added.
    push('removed', midA.join(''));
    push('added', midB.join(''));
  } else {
    const n = midA.length;
    const m = midB.length;
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        lcs[i * (m + 1) + j] =
          midA[i] === midB[j]
            ? lcs[(i + 1) * (m + 1) + j + 1] + 1
            : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push('same', midA[i]);
        i++;
        j++;
      } else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) push('removed', midA[i++]);
      else push('added', midB[j++]);
    }
    while (i < n) push('removed', midA[i++]);
    while (j < m) push('added', midB[j++]);
  }
  push('same', a.slice(endA).join(''));
  return parts;
}

function Diff({ before, after }: { before: string; after: string }) {
  const t = useT();
  if (before === after) return <p className="muted">{t('q.history.noChange')}</p>;
  return (
    <p className="diff description">
      {diffWords(before, after).map((part, index) =>
        part.kind === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={index}>
            <span className="visually-hidden">[{t('q.history.added')}: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : (
          <del key={index}>
            <span className="visually-hidden">[{t('q.history.removed')}: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </del>
        ),
      )}
    </p>
  );
}

export default function AnswerHistory() {
  const t = useT();
  const { versions, from, to } = useLoaderData<typeof loader>();
  const older = versions.find((v) => v.version === from);
  const newer = versions.find((v) => v.version === to);
  const level = (p: string | null) => (p ? `${p}. ${t(`q.level.${p as 'A'}`)}` : t('q.empty'));
  const types = (list: string[]) => list.map((type) => t(`coop.type.${type as 'other'}`)).join('; ');
  const options = versions.map((v) => ({ value: String(v.version), label: t('q.version', { v: v.version }) }));
  return (
    <section className="answer-history">
      <p>
        <Link to="/questionnaire">{t('q.back')}</Link>
      </p>
      <h1>{t('q.history')}</h1>

      <h2>{t('q.history.versions')}</h2>
      <table>
        <caption className="visually-hidden">{t('q.history.versions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('q.history.versions')}</th>
            <th scope="col">{t('q.history.savedAt')}</th>
            <th scope="col">{t('q.field.progress')}</th>
            <th scope="col">{t('q.field.summary')}</th>
          </tr>
        </thead>
        <tbody>
          {[...versions].reverse().map((v) => (
            <tr key={v.version}>
              <th scope="row">{t('q.version', { v: v.version })}</th>
              <td>
                <UtcTime value={v.savedAt} />
              </td>
              <td>{v.progress ? level(v.progress) : '–'}</td>
              <td className="description">{v.summary || t('q.empty')}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="section-block" aria-labelledby="compare-heading">
        <h2 id="compare-heading">{t('q.history.compare')}</h2>
        {versions.length < 2 ? (
          <p className="empty">{t('q.history.only')}</p>
        ) : (
          <>
            <Form method="get" className="inline-form" key={`${from}-${to}`}>
              <SelectField label={t('q.history.from')} name="from" options={options} defaultValue={String(from)} />
              <SelectField label={t('q.history.to')} name="to" options={options} defaultValue={String(to)} />
              <button type="submit">{t('q.history.show')}</button>
            </Form>
            <p className="hint diff-legend">
              {t('q.history.legend')} <ins>{t('q.history.added')}</ins> · <del>{t('q.history.removed')}</del>
            </p>
            {older && newer ? (
              <>
                <h3>{t('q.history.comparing', { from: older.version, to: newer.version })}</h3>
                <dl className="facts diff-fields">
                  {older.progress || newer.progress ? (
                    <>
                      <dt>{t('q.field.progress')}</dt>
                      <dd>
                        <Diff
                          before={older.progress ? level(older.progress) : ''}
                          after={newer.progress ? level(newer.progress) : ''}
                        />
                      </dd>
                    </>
                  ) : null}
                  <dt>{t('q.field.summary')}</dt>
                  <dd>
                    <Diff before={older.summary} after={newer.summary} />
                  </dd>
                  <dt>{t('q.field.full')}</dt>
                  <dd>
                    <Diff before={older.full} after={newer.full} />
                  </dd>
                  {older.assistanceTypes.length || newer.assistanceTypes.length ? (
                    <>
                      <dt>{t('q.field.assistanceTypes')}</dt>
                      <dd>
                        <Diff before={types(older.assistanceTypes)} after={types(newer.assistanceTypes)} />
                      </dd>
                    </>
                  ) : null}
                </dl>
              </>
            ) : null}
          </>
        )}
      </section>
    </section>
  );
}
