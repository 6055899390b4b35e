/**
 * Structured logs: one JSON object per line. Requests are logged once each with method, path
 * (never the query string, which can hold a survey token), status and duration; tokens and
 * bodies are never logged.
 * @module
 */

/** One log line. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [field: string]: unknown;
}

/** Where log lines go. */
export type Logger = (entry: LogEntry) => void;

/**
 * A logger writing one JSON line per entry to a stream (standard output by default), with the
 * time first.
 * @example
 * ```ts
 * const log = jsonLogger();
 * log({ level: 'info', msg: 'listening', url: 'http://127.0.0.1:8787' });
 * // {"time":"2025-09-04T08:30:00.000Z","level":"info","msg":"listening","url":"http://127.0.0.1:8787"}
 * ```
 */
export function jsonLogger(stream: { write(line: string): unknown } = process.stdout, now: () => Date = () => new Date()): Logger {
  return (entry) => {
    stream.write(`${JSON.stringify({ time: now().toISOString(), ...entry })}\n`);
  };
}

/** A logger that drops everything. */
export const silentLogger: Logger = () => {};
