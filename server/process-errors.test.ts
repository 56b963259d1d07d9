import { EventEmitter } from 'node:events';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { installProcessErrorHandlers } from './process-errors';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('process-level errors', () => {
  it('logs an unhandled rejection as JSON through the logger and keeps running', () => {
    const target = new EventEmitter();
    const { logger, lines } = capturingLogger();
    const fatal: unknown[] = [];
    installProcessErrorHandlers(target, logger, (error) => fatal.push(error));
    target.emit('unhandledRejection', new Error('stray promise'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'unhandled promise rejection',
      err: { message: 'stray promise' },
    });
    expect(fatal).toEqual([]);
  });

  it('logs an uncaught exception as fatal and asks for a shutdown', () => {
    const target = new EventEmitter();
    const { logger, lines } = capturingLogger();
    const fatal: unknown[] = [];
    const uninstall = installProcessErrorHandlers(target, logger, (error) => fatal.push(error));
    const error = new TypeError('boom');
    target.emit('uncaughtException', error);
    expect(lines[0]).toMatchObject({
      level: 60,
      msg: 'uncaught exception; shutting down',
      err: { type: 'TypeError', message: 'boom' },
    });
    expect(fatal).toEqual([error]);
    uninstall();
    expect(target.listenerCount('uncaughtException')).toBe(0);
  });
});
