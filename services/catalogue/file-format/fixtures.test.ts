import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCatalogue, type Catalogue, type CatalogueFormat, type CatalogueProblem } from './format';

// The catalogue fixtures shared with the end-to-end suite (tests/e2e/catalogue.spec.ts) and described in
// docs/catalogue-format.md. These tests keep them honest: if a fixture drifts, the e2e failures would be puzzling.
const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../tests/fixtures/catalogue/${name}`, import.meta.url)), 'utf8');

function accepted(name: string, format: CatalogueFormat): Catalogue {
  const result = parseCatalogue(fixture(name), format);
  if (!result.ok)
    throw new Error(`${name} was refused:\n${result.problems.map((p) => `${p.where}: ${p.message}`).join('\n')}`);
  return result.catalogue;
}

function refused(name: string, format: CatalogueFormat): CatalogueProblem[] {
  const result = parseCatalogue(fixture(name), format);
  if (result.ok) throw new Error(`${name} was accepted; it should have been refused`);
  return result.problems;
}

describe('catalogue fixtures', () => {
  it('example.json is the small test catalogue: 2 sections, 3 mandates, 2 indicators, 2 provisions, 1 link', () => {
    const catalogue = accepted('example.json', 'json');
    expect(catalogue.commitment.code).toBe('test-commitment');
    expect(catalogue.sections.map((s) => s.code)).toEqual(['A', 'B']);
    expect(catalogue.mandates.map((m) => m.number)).toEqual([1, 2, 3]);
    expect(catalogue.indicators).toHaveLength(2);
    expect(catalogue.provisions).toHaveLength(2);
    expect(catalogue.links).toEqual([{ mandate: 1, treaty: 'IACC', reference: 'Test Article T-1' }]);
  });

  it('example.csv holds exactly the same catalogue as example.json', () => {
    const fromCsv = accepted('example.csv', 'csv');
    const fromJson = accepted('example.json', 'json');
    expect(fromCsv).toEqual(fromJson);
    // Spot checks of the CSV conventions the equality relies on: quoted cells with commas and doubled quotes,
    // sources split on " | ", and empty cells read as null.
    expect(fromCsv.mandates[0].textEn).toBe(
      'Publish the example registry of test records, including the "sample" entries, every year.',
    );
    expect(fromCsv.mandates[0].sources).toEqual([
      'https://example.org/test-commitment/en',
      'https://example.org/test-commitment/es',
    ]);
    expect(fromCsv.sections[1].titleEn).toBeNull();
    expect(fromCsv.indicators[1].position).toBeNull();
  });

  it('example-corrected.json differs from example.json only in the English text of mandate 1', () => {
    const original = accepted('example.json', 'json');
    const corrected = accepted('example-corrected.json', 'json');
    expect(corrected.mandates[0].textEn).toBe(
      'Publish the example registry of test records, including the "sample" entries, every six months.',
    );
    expect(corrected.mandates[0].textEn).not.toBe(original.mandates[0].textEn);
    expect({ ...corrected, mandates: corrected.mandates.slice(1) }).toEqual({
      ...original,
      mandates: original.mandates.slice(1),
    });
    expect({ ...corrected.mandates[0], textEn: null }).toEqual({ ...original.mandates[0], textEn: null });
  });

  it('broken.csv reports each planted problem, and only those, at its line and column', () => {
    // Line 5 holds a quoted text that runs onto line 6 and line 8 is blank: line numbers are the file's lines.
    expect(refused('broken.csv', 'csv')).toEqual([
      {
        where: 'line 7, column section',
        message: 'unknown section "Z" (known sections: A, B): add the section or correct the code',
      },
      {
        where: 'line 9, column text_status_en',
        message: 'is "verified" but text_en is missing: add the text, or set text_status_en to "missing"',
      },
      {
        where: 'line 10, column number',
        message: 'mandate number 2 appears twice (first at line 7): remove one of them or correct it',
      },
      {
        where: 'line 12, column mandate',
        message: 'refers to mandate 9, which is not in the file: add the mandate or correct the number',
      },
    ]);
  });
});
