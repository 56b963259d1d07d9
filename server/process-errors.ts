import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';

/**
 * Every error nobody caught goes through the app's logger (JSON, with the request-less context), never bare
 * stderr. A rejected promise nobody awaited is logged and the server keeps serving: one stray promise in one
 * request must not end every other person's session. An uncaught exception leaves the process in an unknown
 * state, so it is logged as fatal and the server shuts down (through `onFatal`, the clean shutdown, exit 1);
 * the supervisor (systemd, the container runtime) starts it again.
 */
export function installProcessErrorHandlers(target: EventEmitter, logger: Logger, onFatal: (error: unknown) => void) {
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection');
  };
  const onException = (error: unknown) => {
    logger.fatal({ err: error }, 'uncaught exception; shutting down');
    onFatal(error);
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
