/**
 * Finds where a JSON text stops being valid. JSON.parse on Node 20 gives a position for some errors only
 * ("Unexpected token '}', … is not valid JSON" has none), and a person fixing a 2,000-line file needs the line and
 * column every time. Run only after JSON.parse has failed.
 */
export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new Stop(at, message);
  };
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const shown = (c: string | undefined) => (c === undefined ? 'end of file' : c === '"' ? 'a double quote' : `'${c}'`);

  function value(): void {
    skipSpace();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(
      `unexpected ${shown(c)} where a value was expected (text in double quotes, a number, true, false, null, {…} or […])`,
    );
  }

  function object(): void {
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === '}') fail("a comma before '}' has nothing after it: remove the trailing comma");
      if (text[i] !== '"') fail(`unexpected ${shown(text[i])} where a property name in double quotes was expected`);
      string();
      skipSpace();
      if (text[i] !== ':') fail(`expected ':' after the property name, found ${shown(text[i])}`);
      i++;
      value();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected ',' or '}' after a property value, found ${shown(text[i])} (is a comma missing?)`);
    }
  }

  function array(): void {
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[i] === ']') fail("a comma before ']' has nothing after it: remove the trailing comma");
      value();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected ',' or ']' after a list item, found ${shown(text[i])} (is a comma missing?)`);
    }
  }

  function string(): void {
    const start = i;
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('this text is never closed: add the closing double quote', start);
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            fail('"\\u" must be followed by four hexadecimal digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          fail(`invalid escape "\\${e ?? ''}": write a backslash as "\\\\"`);
        }
        continue;
      }
      if (c < ' ') fail('a line break or control character inside text: write a line break as "\\n"');
      i++;
    }
  }

  function number(): void {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (!match) fail('invalid number');
    i += match![0].length;
  }

  try {
    value();
    skipSpace();
    if (i < text.length) fail(`unexpected ${shown(text[i])} after the end of the JSON document`);
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(text, error.offset), message: error.message };
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
