import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out wherever they occur. Secrets travel in headers (tokens, signatures,
 * cookies) and in objects we log (config, clients); both are covered here.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-slack-signature"]',
  'res.headers["set-cookie"]',
  '*.token',
  '*.adminToken',
  '*.botToken',
  '*.privateKey',
  '*.secret',
  '*.signingSecret',
  '*.webhookSecret',
  '*.password',
  'token',
  'adminToken',
  'secret',
  'password',
];

export function createLogger(
  options: { level: string; name: string },
  destination?: DestinationStream,
): Logger {
  const settings: LoggerOptions = {
    level: options.level,
    name: options.name,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(settings, destination) : pino(settings);
}

/** Nest's logger interface on top of pino, so Nest's own messages are structured too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, params: unknown[]): void {
    // Nest passes the context (a class name) last, and for errors a stack before it.
    const context = typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
      return;
    }
    const stack = typeof params[0] === 'string' && params[0].includes('\n    at ') ? params.shift() : undefined;
    if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...message, ...(stack ? { stack } : {}) });
    } else {
      this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}
