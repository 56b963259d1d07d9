import { describe, expect, it } from 'vitest';
import { csvCell } from './publication.server';

describe('csvCell', () => {
  it('neutralises formulas, including a leading TAB or CR', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('quotes plain text, arrays and empty values', () => {
    expect(csvCell('say "hi"')).toBe(`"say ""hi"""`);
    expect(csvCell(['a', 'b'])).toBe(`"a | b"`);
    expect(csvCell(null)).toBe(`""`);
    expect(csvCell(3)).toBe(`"3"`);
  });
});
