import { useEffect, useState } from 'react';
import type { ConsoleStatusSnapshot } from '@herald/contracts';
import type { ConsoleApi } from '../api/console-api.js';
import { followStatus } from '../api/status-stream.js';

/** The message's live status from its event stream (no reload needed), and whether the stream is up. */
export function useLiveStatus(api: ConsoleApi, messageId: string) {
  const [status, setStatus] = useState<ConsoleStatusSnapshot | null>(null);
  const [connected, setConnected] = useState(false);
  useEffect(() => followStatus(api, messageId, setStatus, setConnected), [api, messageId]);
  return { status, connected };
}
