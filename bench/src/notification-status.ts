/** What the API says of a notification (`GET /api/v1/notifications/{id}`). */
export interface NotificationStatus {
  state: string;
  total: number;
  buckets: Record<string, number>;
}

/** `POST /api/v1/notifications`: the new notification's id. */
export async function sendNotification(gatewayUrl: string, apiKey: string, body: object): Promise<string> {
  const response = await fetch(`${gatewayUrl}/api/v1/notifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return ((await response.json()) as { id: string }).id;
}

export async function notificationStatus(gatewayUrl: string, apiKey: string, id: string): Promise<NotificationStatus> {
  const response = await fetch(`${gatewayUrl}/api/v1/notifications/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
  return (await response.json()) as NotificationStatus;
}

/** Polls `check` until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
