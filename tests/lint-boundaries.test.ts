import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layers of docs/decisions/001 are held by eslint.config.js. These cases lint a line as if it were written in a
// given file, so a rule that is loosened or lost fails here instead of passing silently.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it('db/ imports nothing from services/, not even a type', async () => {
    const code = "import { parseCatalogue } from '../services/catalogue/file-format/format';\nvoid parseCatalogue;\n";
    expect(await restrictedImports('db/zz-violation.ts', code)).toEqual([
      expect.stringContaining('a command that runs services belongs in server/cli/'),
    ]);
    const typeOnly = "import type { Actor } from '../../services/permissions';\nexport type A = Actor;\n";
    expect(await restrictedImports('db/schema/zz-violation.ts', typeOnly)).toHaveLength(1);
  });

  it('db/ imports nothing from the matching engine or a transport', async () => {
    for (const target of ['../matching/engine', '../server/env', '../realtime/events', '../app/root']) {
      const code = `import * as m from '${target}';\nvoid m;\n`;
      expect(await restrictedImports('db/zz-violation.ts', code), target).toHaveLength(1);
    }
  });

  it('db/ may import its own modules and packages', async () => {
    const code =
      "import { createDatabase } from './client';\nimport { z } from 'zod';\nvoid createDatabase;\nvoid z;\n";
    expect(await restrictedImports('db/zz-allowed.ts', code)).toEqual([]);
  });

  it('the command-line entry points in server/cli/ may run services', async () => {
    const code =
      "import { loadReferenceData } from '../../services/catalogue/reference.server';\nvoid loadReferenceData;\n";
    expect(await restrictedImports('server/cli/zz-allowed.ts', code)).toEqual([]);
  });

  it('services/ still may not import a transport', async () => {
    const code = "import { createServer } from '../server/app';\nvoid createServer;\n";
    expect(await restrictedImports('services/zz-violation.ts', code)).toEqual([
      expect.stringContaining('does not depend on transports'),
    ]);
  });
});
