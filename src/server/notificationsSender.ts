/**
 * Sends the email outbox over SMTP (nodemailer), at most once per email, with retries, safe with
 * several server processes:
 * - a sender claims due emails with `SELECT ... FOR UPDATE SKIP LOCKED` and marks them `sending`
 *   in the same short transaction, so two processes never claim the same one;
 * - an email the SMTP server refused, or that could not be handed over at all (no connection),
 *   goes back to `pending` with a growing delay, and to `failed` after `maxAttempts`;
 * - an email whose outcome is unknown (the process stopped while sending) stays `sending` and is
 *   marked `unknown` after `claimTimeoutMs`, never sent again: a person gets a digest twice only
 *   if the operator resends it.
 * @module
 */
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Db } from './db.js';

/** What sends one email (nodemailer's transporter fits). */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; headers: Record<string, string> }): Promise<unknown>;
}

/** How the outbox is sent. */
export interface SenderOptions {
  /** The `From` address, e.g. `plc-kit <plc@trust.example>`. */
  from: string;
  /** Emails per pass; 20 by default. */
  batch?: number | undefined;
  /** Attempts before an email is `failed`; 5 by default. */
  maxAttempts?: number | undefined;
  /** The delay before the first retry, doubled each time; one minute by default. */
  retryMs?: number | undefined;
  /** How long an email may stay `sending` before it is marked `unknown`; ten minutes by default. */
  claimTimeoutMs?: number | undefined;
}

/** SMTP settings for {@link smtpTransport} (nodemailer's options). */
export interface SmtpOptions {
  host: string;
  port: number;
  secure?: boolean | undefined;
  auth?: { user: string; pass: string } | undefined;
  /** Refuse a server that does not offer STARTTLS (true by default except on loopback). */
  requireTLS?: boolean | undefined;
}

/** A nodemailer SMTP transport. */
export function smtpTransport(options: SmtpOptions): MailTransport {
  const loopback = options.host === '127.0.0.1' || options.host === 'localhost' || options.host === '::1';
  return nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    requireTLS: options.requireTLS ?? !loopback,
    ignoreTLS: loopback && !options.requireTLS,
    ...(options.auth ? { auth: options.auth } : {}),
  });
}

interface Claimed {
  trust_id: string;
  id: string;
  to_address: string;
  subject: string;
  body: string;
  unsubscribe_url: string;
  attempts: number;
}

/** What one pass did. */
export interface SendReport {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * One pass over the outbox: claims the due emails, sends each, records the outcome.
 * @example
 * ```ts
 * const transport = smtpTransport({ host: 'smtp.trust.example', port: 587, auth });
 * await sendOutbox(db, transport, { from: 'plc-kit <plc@trust.example>' });
 * ```
 */
export async function sendOutbox(db: Db, transport: MailTransport, options: SenderOptions, now: () => Date = () => new Date()): Promise<SendReport> {
  const worker = randomBytes(6).toString('hex');
  const batch = options.batch ?? 20;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryMs = options.retryMs ?? 60_000;
  const claimTimeoutMs = options.claimTimeoutMs ?? 10 * 60_000;
  const at = now();
  await db.query(`UPDATE email_outbox SET status = 'unknown', last_error = 'the sender stopped while sending: not sent again' WHERE status = 'sending' AND claimed_at < $1`, [
    new Date(at.getTime() - claimTimeoutMs).toISOString(),
  ]);
  const claimed = await db.transaction(async (tx) => {
    const { rows } = await tx.query<Claimed>(
      `SELECT trust_id, id, to_address, subject, body, unsubscribe_url, attempts FROM email_outbox
       WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [at.toISOString(), batch],
    );
    for (const row of rows) {
      await tx.query(`UPDATE email_outbox SET status = 'sending', claimed_by = $3, claimed_at = $4, attempts = attempts + 1 WHERE trust_id = $1 AND id = $2`, [
        row.trust_id,
        row.id,
        worker,
        at.toISOString(),
      ]);
    }
    return rows;
  });
  const report: SendReport = { sent: 0, retrying: 0, failed: 0 };
  for (const email of claimed) {
    try {
      await transport.sendMail({
        from: options.from,
        to: email.to_address,
        subject: email.subject,
        text: email.body,
        // RFC 8058: mail clients offer a one-click "Unsubscribe" that POSTs to this address.
        headers: { 'List-Unsubscribe': `<${email.unsubscribe_url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      await db.query(`UPDATE email_outbox SET status = 'sent', sent_at = $3, last_error = NULL WHERE trust_id = $1 AND id = $2`, [email.trust_id, email.id, now().toISOString()]);
      report.sent += 1;
    } catch (error) {
      const attempts = Number(email.attempts) + 1;
      const message = (error as { response?: string; message?: string }).response ?? (error as Error).message ?? String(error);
      const failed = attempts >= maxAttempts;
      await db.query(`UPDATE email_outbox SET status = $3, next_attempt_at = $4, last_error = $5 WHERE trust_id = $1 AND id = $2`, [
        email.trust_id,
        email.id,
        failed ? 'failed' : 'pending',
        new Date(now().getTime() + retryMs * 2 ** (attempts - 1)).toISOString(),
        message.slice(0, 500),
      ]);
      if (failed) report.failed += 1;
      else report.retrying += 1;
    }
  }
  return report;
}

/** Notifications by email: where to send from, how, and when. */
export interface NotifierOptions extends SenderOptions {
  /** An SMTP server, or a transport of the host's own. */
  smtp: SmtpOptions | MailTransport;
  /** The server's public address, for the unsubscribe links (the listening address by default). */
  publicUrl?: string | undefined;
  /** Where people open plc-kit, linked from the digest. */
  appUrl?: string | undefined;
  /** How often notifications are derived and the outbox sent; five minutes by default. */
  intervalMs?: number | undefined;
  /** The hour (UTC, 0-23) each trust's daily digest is queued at or after; 15 by default. */
  digestHour?: number | undefined;
}

/** What a {@link createNotifier} pass did, for the log. */
export interface NotifierPass {
  trusts: number;
  notifications: number;
  digests: number;
  send: SendReport;
}

/**
 * The background work of notifications: every `intervalMs`, derive each trust's notifications,
 * queue each trust's daily digest once (whichever process gets there first claims the day), and
 * send the outbox.
 */
export function createNotifier(db: Db, options: NotifierOptions, publicUrl: () => string, now: () => Date = () => new Date()) {
  const transport = 'sendMail' in options.smtp ? options.smtp : smtpTransport(options.smtp);
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function pass(): Promise<NotifierPass> {
    const { refreshNotifications, queueDigests } = await import('./notifications.js');
    const at = now();
    const today = at.toISOString().slice(0, 10);
    const { rows: trusts } = await db.query<{ id: string }>('SELECT id FROM trusts');
    let notifications = 0;
    let digests = 0;
    for (const { id } of trusts) {
      notifications += await refreshNotifications(db, id, at);
      if (at.getUTCHours() < (options.digestHour ?? 15)) continue;
      const { rowCount } = await db.query(
        `INSERT INTO notification_checkpoints (trust_id, seq, digest_on) VALUES ($1, 0, $2)
         ON CONFLICT (trust_id) DO UPDATE SET digest_on = EXCLUDED.digest_on
         WHERE notification_checkpoints.digest_on IS NULL OR notification_checkpoints.digest_on < EXCLUDED.digest_on`,
        [id, today],
      );
      if (rowCount) digests += await queueDigests(db, id, at, { publicUrl: options.publicUrl ?? publicUrl(), appUrl: options.appUrl });
    }
    return { trusts: trusts.length, notifications, digests, send: await sendOutbox(db, transport, options, now) };
  }

  return {
    transport,
    /** One pass now (also what the timer runs). */
    runOnce(): Promise<NotifierPass> {
      const next = running.then(pass, pass);
      running = next.catch(() => undefined);
      return next;
    },
    start(onError: (error: unknown) => void): void {
      timer ??= setInterval(() => void this.runOnce().catch(onError), options.intervalMs ?? 5 * 60_000);
      timer.unref?.();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
