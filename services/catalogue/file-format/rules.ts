/**
 * Rules that span records (duplicates, references between records, status against text). They read the raw,
 * not-yet-validated value defensively, so that a file with a broken record still gets every other problem reported
 * in the same pass instead of one round of fixes per kind of error.
 */
export type Path = ReadonlyArray<string | number>;
export interface LocatedProblem {
  path: Path;
  message: string;
}

/** How messages name things: JSON speaks of `textStatusEn` and `mandates[3]`, CSV of `text_status_en` and `line 12`. */
export interface Vocabulary {
  record(path: Path): string;
  field(name: string): string;
}

type Raw = Record<string, unknown>;
const isRaw = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const items = (v: unknown): Raw[] => (Array.isArray(v) ? v.map((x) => (isRaw(x) ? x : {})) : []);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

export function crossRecordProblems(value: unknown, words: Vocabulary): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const add = (path: Path, message: string) => problems.push({ path, message });
  const root = isRaw(value) ? value : {};
  const commitment = isRaw(root.commitment) ? root.commitment : {};
  const sections = items(root.sections);
  const mandates = items(root.mandates);
  const indicators = items(root.indicators);
  const provisions = items(root.provisions);
  const links = items(root.links);
  const unplacedTopics = items(root.unplacedTopics);
  const f = words.field;

  /** Reports every repeat of a key after its first appearance, pointing back at the first. */
  function unique(
    collection: string,
    records: Raw[],
    key: (r: Raw) => string | null,
    at: string,
    describe: (r: Raw) => string,
  ) {
    const first = new Map<string, number>();
    records.forEach((r, i) => {
      const k = key(r);
      if (k === null) return;
      const seen = first.get(k);
      if (seen === undefined) first.set(k, i);
      else
        add(
          [collection, i, at],
          `${describe(r)} appears twice (first at ${words.record([collection, seen])}): remove one of them or correct it`,
        );
    });
    return first;
  }

  const sectionCodes = unique(
    'sections',
    sections,
    (s) => (isText(s.code) ? s.code : null),
    'code',
    (s) => `section code "${s.code}"`,
  );
  unique(
    'sections',
    sections,
    (s) => (isInt(s.position) ? String(s.position) : null),
    'position',
    (s) => `section ${f('position')} ${s.position}`,
  );

  const mandateNumbers = unique(
    'mandates',
    mandates,
    (m) => (isInt(m.number) ? String(m.number) : null),
    'number',
    (m) => `mandate number ${m.number}`,
  );
  const declared = isInt(commitment.mandateCount) ? commitment.mandateCount : null;
  const knownSections = [...sectionCodes.keys()];

  mandates.forEach((m, i) => {
    if (declared !== null && isInt(m.number) && m.number > declared) {
      add(
        ['mandates', i, 'number'],
        `mandate ${m.number} is beyond the commitment's ${f('mandateCount')} (${declared}): correct the number or the count`,
      );
    }
    if (isText(m.section) && !sectionCodes.has(m.section)) {
      const known = knownSections.length ? `known sections: ${knownSections.join(', ')}` : 'the file has no sections';
      add(['mandates', i, 'section'], `unknown section "${m.section}" (${known}): add the section or correct the code`);
    }
    const hasSection = isText(m.section);
    if (!hasSection && (m.sectionCertainty === 'stated' || m.sectionCertainty === 'inferred')) {
      add(
        ['mandates', i, 'sectionCertainty'],
        `is "${m.sectionCertainty}" but the mandate has no ${f('section')}: give the section, or set ${f('sectionCertainty')} to "unknown"`,
      );
    }
    if (hasSection && m.sectionCertainty === 'unknown') {
      add(
        ['mandates', i, 'sectionCertainty'],
        `is "unknown" but ${f('section')} is "${m.section}": say whether a source states it ("stated") or it is derived ("inferred"), or remove the section`,
      );
    }
    // A topic is a summary whose worth depends on how sure its number is: the two come together or not at all.
    const hasTopic = isText(m.topicEn) || isText(m.topicEs);
    const confidence = m.topicConfidence;
    if (hasTopic && (confidence === undefined || confidence === null)) {
      add(
        ['mandates', i, 'topicConfidence'],
        `is missing but the mandate has a topic: say how sure its number is ("verified" or "inferred"), or remove the topic`,
      );
    }
    if (!hasTopic && confidence !== undefined && confidence !== null) {
      add(
        ['mandates', i, 'topicConfidence'],
        `is ${JSON.stringify(confidence)} but ${f('topicEn')} and ${f('topicEs')} are missing: add the topic, or remove ${f('topicConfidence')}`,
      );
    }
    for (const lang of ['En', 'Es'] as const) {
      const status = m[`textStatus${lang}`];
      const text = m[`text${lang}`];
      const textField = f(`text${lang}`);
      const statusField = f(`textStatus${lang}`);
      if ((status === 'verified' || status === 'partial') && (text === undefined || text === null)) {
        add(
          ['mandates', i, `textStatus${lang}`],
          `is "${status}" but ${textField} is missing: add the text, or set ${statusField} to "missing"`,
        );
      }
      if (status === 'missing' && isText(text)) {
        add(
          ['mandates', i, `text${lang}`],
          `has text but ${statusField} is "missing": set ${statusField} to "verified" or "partial", or remove the text`,
        );
      }
    }
  });

  const mandateKey = (v: unknown) => (isInt(v) ? String(v) : null);
  indicators.forEach((ind, i) => {
    const key = mandateKey(ind.mandate);
    if (key !== null && !mandateNumbers.has(key))
      add(
        ['indicators', i, 'mandate'],
        `refers to mandate ${ind.mandate}, which is not in the file: add the mandate or correct the number`,
      );
  });
  unique(
    'indicators',
    indicators,
    (ind) => (isInt(ind.mandate) && isText(ind.code) ? `${ind.mandate}\u0000${ind.code}` : null),
    'code',
    (ind) => `indicator "${ind.code}" of mandate ${ind.mandate}`,
  );

  const provisionKey = (r: Raw) =>
    typeof r.treaty === 'string' && isText(r.reference) ? `${r.treaty}\u0000${r.reference}` : null;
  const provisionKeys = unique(
    'provisions',
    provisions,
    provisionKey,
    'reference',
    (p) => `provision ${p.treaty} "${p.reference}"`,
  );

  links.forEach((link, i) => {
    const key = mandateKey(link.mandate);
    if (key !== null && !mandateNumbers.has(key))
      add(
        ['links', i, 'mandate'],
        `refers to mandate ${link.mandate}, which is not in the file: add the mandate or correct the number`,
      );
    const pk = provisionKey(link);
    if (pk !== null && !provisionKeys.has(pk)) {
      add(
        ['links', i, 'reference'],
        `refers to provision ${link.treaty} "${link.reference}", which is not in the file's provisions: add it there or correct the reference`,
      );
    }
  });
  unplacedTopics.forEach((t, i) => {
    if (isText(t.section) && !sectionCodes.has(t.section)) {
      const known = knownSections.length ? `known sections: ${knownSections.join(', ')}` : 'the file has no sections';
      add(
        ['unplacedTopics', i, 'section'],
        `unknown section "${t.section}" (${known}): add the section or correct the code`,
      );
    }
    if (!isText(t.topicEn) && !isText(t.topicEs)) {
      add(
        ['unplacedTopics', i, 'topicEn'],
        `is missing, and so is ${f('topicEs')}: a topic row needs the topic in at least one language`,
      );
    }
  });

  unique(
    'links',
    links,
    (l) => (isInt(l.mandate) && provisionKey(l) ? `${l.mandate}\u0000${provisionKey(l)}` : null),
    'reference',
    (l) => `link of mandate ${l.mandate} to ${l.treaty} "${l.reference}"`,
  );

  return problems;
}
