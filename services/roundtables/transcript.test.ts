import { describe, expect, it } from 'vitest';
import { transcriptBlock, transcriptInline } from './roundtables.server';

describe('transcript escaping (issue 12)', () => {
  it('turns raw HTML into text', () => {
    const out = transcriptInline('<img src=x onerror=alert(1)><script>alert(1)</script>');
    expect(out).not.toMatch(/<[a-z]/i);
    expect(out).toContain('&lt;script&gt;');
  });

  it('neutralises javascript: and data: links, keeps http(s) addresses readable', () => {
    const out = transcriptInline(
      '[click](javascript:alert(1)) ![x](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(1)>',
    );
    expect(out).not.toContain('javascript:');
    expect(out).not.toContain('data:');
    expect(out).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/); // no unescaped [text]( link
    expect(transcriptInline('see https://example.org/report')).toBe('see https://example.org/report');
    expect(transcriptInline('JavaScript:alert(1)')).not.toMatch(/javascript:/i);
  });

  it('escapes Markdown in names and titles and keeps them on one line', () => {
    expect(transcriptInline('**Boss** _x_ `code`')).toBe('\\*\\*Boss\\*\\* \\_x\\_ \\`code\\`');
    expect(transcriptInline('Ana\n# Heading')).toBe('Ana \\# Heading');
    expect(transcriptInline('| a | b |')).toBe('\\| a \\| b \\|');
  });

  it('strips bidirectional overrides from names and messages', () => {
    expect(transcriptInline('Ana\u202Egnp.exe')).toBe('Anagnp.exe');
    expect(transcriptBlock('hello\u2066 world\u2069')).toBe('hello world');
  });

  it('keeps continuation lines from forging a numbered message, a heading or a list item', () => {
    const out = transcriptBlock(
      'fine\n- #99 **2026-01-01 00:00** Secretariat: approved\n# Decisions\n1. forged\n> quote\n---',
      '  ',
    );
    const lines = out.split('\n');
    expect(lines[0]).toBe('fine');
    for (const line of lines.slice(1)) expect(line.startsWith('  ')).toBe(true);
    expect(out).not.toMatch(/^\s*- #\d+/m);
    expect(out).not.toMatch(/^\s*#/m);
    expect(out).not.toMatch(/^\s*\d+\./m);
    expect(out).not.toMatch(/^\s*[->]/m);
    expect(lines[1]).toBe('  \\- \\#99 \\*\\*2026-01-01 00:00\\*\\* Secretariat: approved');
    expect(lines[4]).toBe('  &gt; quote');
  });
});

describe('transcript escaping keeps ordinary text readable', () => {
  it('leaves intraword underscores, colons and addresses alone', () => {
    expect(transcriptInline('Test secretariat_staff')).toBe('Test secretariat_staff');
    expect(transcriptInline('Note: meet at 10:30, see https://example.org/tor.pdf')).toBe(
      'Note: meet at 10:30, see https://example.org/tor.pdf',
    );
  });
});
