/**
 * matching/ is pure and imports nothing of ours (ARCHITECTURE.md): this test holds that line for every
 * non-test source file, and keeps out the clock, randomness and Node's I/O.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sources(root);

describe('matching/ boundary', () => {
  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports only matching/ itself and zod', (_, file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [
      ...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]/g),
    ].map((m) => m[1] ?? m[2]);
    for (const spec of specifiers) {
      if (spec === 'zod') continue;
      expect(spec.startsWith('.'), `${spec} is not relative`).toBe(true);
      expect(/\.(ts|js)$/.test(spec), `${spec} should be extensionless`).toBe(false);
      const target = resolve(dirname(file), spec);
      expect(relative(root, target).startsWith('..'), `${spec} leaves matching/`).toBe(false);
    }
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s uses no clock, randomness or I/O', (_, file) => {
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const banned of [
      /Math\.random/,
      /Date\.now/,
      /new Date\(\s*\)/,
      /performance\.now/,
      /\bprocess\./,
      /\brequire\(/,
      /setTimeout|setInterval/,
      /\bfetch\(/,
    ]) {
      expect(code, `${banned} in ${file}`).not.toMatch(banned);
    }
  });
});
