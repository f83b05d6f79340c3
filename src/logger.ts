import { pino, type Logger, type LevelWithSilent } from 'pino';

/**
 * Paths whose values must never reach a log line: PluralKit tokens travel in
 * Authorization headers, token fields and modal values.
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'authorization',
  '*.authorization',
  '*.*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'modalValues',
  '*.modalValues',
  'content',
  '*.content',
];

export function createLogger(level: LevelWithSilent = 'info', destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'switchboard' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
