import type pg from 'pg';
import request from 'supertest';
import { expect } from 'vitest';
import { eventually } from '@herald/testing';

/**
 * Sends a notification through the API with `apiKey` and waits until it completed: each
 * recipient's key, bucket and code, as the notifier recorded them, by recipient key.
 */
export async function settledRecipients(gatewayUrl: string, apiKey: string, db: pg.Client, body: object, options: { timeoutMs?: number } = {}): Promise<[string, string, string | null][]> {
  const created = await request(gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${apiKey}`).send(body);
  expect(created.status).toBe(202);
  const id = created.body.id as string;
  await eventually(async () => {
    const response = await request(gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${apiKey}`);
    return response.body?.state === 'completed' || undefined;
  }, options.timeoutMs ?? 15_000, 'completed');
  const { rows } = await db.query('select recipient_key, bucket, code from notifier.notification_recipients where notification_id = $1 order by recipient_key', [id]);
  return rows.map((row: { recipient_key: string; bucket: string; code: string | null }) => [row.recipient_key, row.bucket, row.code]);
}
