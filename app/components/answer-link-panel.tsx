import { Form, Link } from '@remix-run/react';
import { useT } from '../utils/i18n';
import { MAX_DESCRIPTION } from './assistance-vocabulary';
import { Field, FormMessage, TextAreaField } from './field';

/** What the owner's page knows about the answer a request or offer was drafted from (services' AnswerLinkView). */
export interface AnswerLinkSummary {
  cycleId: string;
  mandate: number;
  question: string;
  withheld: {
    whole: boolean;
    fields: Array<'summary' | 'full'>;
    pending: boolean;
    refused: boolean;
    letterReferences: string[];
  } | null;
  held: boolean;
  pendingUpdate: { title: string; description: string } | null;
}

interface LinkResult {
  intent: string;
  ok: boolean;
  fieldErrors?: Record<string, string[]>;
  message?: string;
  ownText?: { title: string; description: string };
}

/**
 * The answer a request or offer came from, for its own organization (decision 014): what is withheld and why, the
 * form to publish in the organization's own words when the answer is withheld, and an answer edit that waits for
 * confirmation (the current and the offered text side by side).
 */
export function AnswerLinkPanel({
  link,
  current,
  canDecide,
  canPublishOwnText,
  result,
}: {
  link: AnswerLinkSummary;
  current: { title: string; description: string };
  canDecide: boolean;
  canPublishOwnText: boolean;
  result: LinkResult | undefined;
}) {
  const t = useT();
  const { withheld, pendingUpdate } = link;
  const failedOwnText = result?.intent === 'publish-own-text' && !result.ok;
  const fields = withheld?.fields.map((f) => t(`link.withheld.field.${f}`)).join(', ') ?? '';
  return (
    <section className="section-block" aria-labelledby="answer-link-heading">
      <h2 id="answer-link-heading" className="visually-hidden">
        {t('link.openAnswer')}
      </h2>
      <p>
        {t('link.fromAnswer', { question: link.question, mandate: link.mandate })}{' '}
        <Link to={`/questionnaire/${link.cycleId}/${link.mandate}`}>{t('link.openAnswer')}</Link>
      </p>
      {link.held ? (
        <div className="form-message info" role="status">
          <h3>{t('link.held.title')}</h3>
          <p>{t('link.held.body')}</p>
        </div>
      ) : null}
      {withheld ? (
        <div className="form-message info" data-testid="withheld-notice">
          <h3>{t('link.withheld.title')}</h3>
          <p>{withheld.whole ? t('link.withheld.whole') : t('link.withheld.fields', { fields })}</p>
          <p>
            {t(
              withheld.pending
                ? 'link.withheld.pending'
                : withheld.refused
                  ? 'link.withheld.refused'
                  : 'link.withheld.granted',
            )}
          </p>
          {withheld.letterReferences.length ? (
            <p>{t('link.withheld.letters', { refs: withheld.letterReferences.join('; ') })}</p>
          ) : null}
          {canPublishOwnText ? (
            <Form method="post">
              <p>{t('link.withheld.publishIntro')}</p>
              {failedOwnText && result.message ? <FormMessage tone="error">{result.message}</FormMessage> : null}
              <OwnTextFields
                values={failedOwnText && result.ownText ? result.ownText : current}
                errors={failedOwnText ? result.fieldErrors : undefined}
              />
              <div className="form-actions">
                <button type="submit" name="intent" value="publish-own-text">
                  {t('link.withheld.publish')}
                </button>
              </div>
            </Form>
          ) : null}
        </div>
      ) : null}
      {pendingUpdate ? (
        <div className="form-message info" data-testid="pending-update">
          <h3>{t('link.pending.title')}</h3>
          <p>{t('link.pending.intro')}</p>
          <table>
            <caption className="visually-hidden">{t('link.pending.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coop.field.title')}</th>
                <th scope="col">{t('link.pending.current')}</th>
                <th scope="col">{t('link.pending.proposed')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('coop.field.title')}</th>
                <td>{current.title}</td>
                <td>
                  {pendingUpdate.title !== current.title ? <ins>{pendingUpdate.title}</ins> : pendingUpdate.title}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('coop.field.description')}</th>
                <td className="description">{current.description}</td>
                <td className="description">
                  {pendingUpdate.description !== current.description ? (
                    <ins>{pendingUpdate.description}</ins>
                  ) : (
                    pendingUpdate.description
                  )}
                </td>
              </tr>
            </tbody>
          </table>
          {canDecide ? (
            <div className="form-actions">
              <Form method="post" className="inline">
                <button type="submit" name="intent" value="confirm-update">
                  {t('link.pending.confirm')}
                </button>
              </Form>
              <Form method="post" className="inline">
                <button type="submit" name="intent" value="ignore-update" className="secondary">
                  {t('link.pending.ignore')}
                </button>
              </Form>
            </div>
          ) : (
            <p className="muted">{t('link.pending.noRole')}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}

function OwnTextFields({
  values,
  errors,
}: {
  values: { title: string; description: string };
  errors?: Record<string, string[]>;
}) {
  const t = useT();
  return (
    <>
      <Field
        label={t('coop.field.title')}
        name="title"
        errors={errors?.title}
        defaultValue={values.title}
        required
        maxLength={200}
      />
      <TextAreaField
        label={t('coop.field.description')}
        name="description"
        errors={errors?.description}
        defaultValue={values.description}
        required
        rows={6}
        maxLength={MAX_DESCRIPTION}
      />
    </>
  );
}
