import type { MikroORM } from '@herald/persistence';
import type { Logger } from '@herald/telemetry';
import type { CallbackClient } from '../callbacks/callback.client.js';
import { postSignedCallback } from './signed-callback.js';

type Due = { id: string; notification_id: string; kind: string; attempts: number; callback_url: string; caller: string; state: string; total: number; delivered: number; failed: number; unknown: number; not_installed: number; skipped: number };

const MAX_ATTEMPTS = 8;
/** A claimed webhook is someone else's again if its sender has not finished by then (a crash). */
const LEASE_SECONDS = 30;

/**
 * Sends the delivery webhooks queued in `webhook_outbox` to each notification's `callbackUrl`,
 * signed like card actions (`X-Herald-Signature`), at least once: a short transaction leases due
 * rows (`for update skip locked`, so replicas share the work), the calls go out with no
 * transaction open (through the checked CallbackClient: no redirects, capped answers, no private
 * addresses), and a row leaves the outbox on a 2xx. Failures are retried with a growing
 * delay, 8 times at most. `X-Herald-Delivery-Id` lets the app drop a repeat.
 */
export class WebhookOutbox {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;

  constructor(
    private readonly database: MikroORM,
    private readonly secrets: Readonly<Record<string, string>>,
    private readonly client: CallbackClient,
    private readonly logger: Logger,
    private readonly intervalMs = 500,
  ) {}

  /** Once: Nest calls it for the HTTP application and again for the JetStream microservice. */
  onApplicationBootstrap(): void {
    this.timer ??= setInterval(() => void (this.draining ??= this.drain().finally(() => (this.draining = undefined))), this.intervalMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      for (const webhook of await this.lease()) await this.settle(webhook, await this.send(webhook));
    } catch (error) {
      this.logger.warn({ err: error }, 'webhook outbox not drained');
    }
  }

  /** Due webhooks, leased to this replica for LEASE_SECONDS. */
  private lease(): Promise<Due[]> {
    return this.database.em.fork().execute<Due[]>(
      `with due as (
         select id from webhook_outbox where next_attempt_at <= now() order by next_attempt_at limit 20 for update skip locked
       )
       update webhook_outbox o set next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS}) from due, notification_status s
       where o.id = due.id and s.notification_id = o.notification_id
       returning o.*, s.callback_url, s.caller, s.state, s.total, s.delivered, s.failed, s.unknown, s.not_installed, s.skipped`,
    );
  }

  private async settle(webhook: Due, error: string | undefined): Promise<void> {
    const em = this.database.em.fork();
    if (!error) {
      await em.execute('delete from webhook_outbox where id = ?', [webhook.id]);
    } else if (webhook.attempts + 1 >= MAX_ATTEMPTS) {
      this.logger.error({ notificationId: webhook.notification_id, kind: webhook.kind, error }, 'delivery webhook given up');
      await em.execute('delete from webhook_outbox where id = ?', [webhook.id]);
    } else {
      await em.execute('update webhook_outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = now() + make_interval(secs => ?) where id = ?', [error, 2 ** webhook.attempts, webhook.id]);
    }
  }

  /** Undefined when the app took it; else why not. */
  private async send(webhook: Due): Promise<string | undefined> {
    const secret = this.secrets[webhook.caller];
    if (!secret) return 'the caller has no API key any more';
    const buckets = { Delivered: webhook.delivered, Failed: webhook.failed, Unknown: webhook.unknown, NotInstalled: webhook.not_installed, Skipped: webhook.skipped };
    const body = JSON.stringify({ type: webhook.kind, notificationId: webhook.notification_id, state: webhook.state, total: webhook.total, buckets });
    try {
      const response = await postSignedCallback(this.client, webhook.callback_url, secret, body, { 'x-herald-delivery-id': webhook.id });
      if (response.status >= 300 && response.status < 400) return `HTTP ${response.status}: redirects are not followed`;
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
