import { useLang, useT } from '../utils/i18n';

/** What the catalogue service gives for a topic (services/catalogue TopicView), after the official text's precedence. */
export interface MandateTopicData {
  en: string | null;
  es: string | null;
  confidence: 'verified' | 'inferred';
}

export interface UnplacedTopicData {
  en: string | null;
  es: string | null;
  note: string | null;
}

/**
 * A mandate's topic: a summary in our own words, labelled as such with its confidence, never styled like the official
 * text. Only in the reader's language: the service has already dropped the language whose official text is verified,
 * so showing the other language's summary there would put a summary next to (or instead of) official wording.
 */
export function MandateTopic({ topic }: { topic: MandateTopicData }) {
  const t = useT();
  const lang = useLang();
  const text = lang === 'es' ? topic.es : topic.en;
  if (!text) return null;
  return (
    <div className="topic">
      <p>
        <span className="badge">
          {t('mandates.topicLabel', { confidence: t(`mandates.topicConfidence.${topic.confidence}`) })}
        </span>
      </p>
      <p className="note" lang={lang}>
        {text}
      </p>
    </div>
  );
}

/** Paragraphs found for a section whose numbers are not established: summaries too, and said so. */
export function UnplacedTopics({
  topics,
  sectioned = true,
}: {
  topics: ReadonlyArray<UnplacedTopicData>;
  sectioned?: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const shown = topics
    .map((topic) => ({ topic, text: (lang === 'es' ? topic.es : topic.en) ?? topic.en ?? topic.es }))
    .filter((x) => x.text);
  if (!shown.length) return null;
  return (
    <div className="unplaced-topics">
      <h3>{sectioned ? t('mandates.unplacedHeading') : t('mandates.unplacedHeadingNoSection')}</h3>
      <ul>
        {shown.map(({ topic, text }, i) => (
          <li key={i}>
            <span className="badge">{t('mandates.unplacedLabel')}</span>{' '}
            <span className="note" lang={(lang === 'es' ? topic.es : topic.en) ? lang : lang === 'es' ? 'en' : 'es'}>
              {text}
            </span>
            {topic.note ? (
              <span className="muted">
                {' '}
                ({t('mandates.unplacedBasis')}: <span lang="en">{topic.note}</span>)
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
