/** Graph's throttling as tests configure it: requests per tenant per second, and app installs per tenant per second. */
export interface GraphLimitOptions {
  /** Every Graph request of a tenant (installs included); unlimited when not set. */
  perTenantPerSecond?: number;
  /** `POST users/{id}/teamwork/installedApps` of a tenant; unlimited when not set. */
  installsPerTenantPerSecond?: number;
}

const WINDOW_MS = 1_000;

/** Sliding one-second windows per tenant; a call over a limit is not counted and gets the wait until it would fit. */
export class GraphLimits {
  private options: GraphLimitOptions = {};
  private readonly calls = new Map<string, number[]>();
  private readonly installs = new Map<string, number[]>();

  configure(options: GraphLimitOptions): void {
    this.options = { ...options };
  }

  /** 0 when the call may proceed (and it is counted), else the milliseconds until it would fit. */
  admit(tenantId: string, isInstall: boolean, now = Date.now()): number {
    const calls = recent(this.calls, tenantId, now);
    const installs = recent(this.installs, tenantId, now);
    const wait = Math.max(
      waitFor(calls, now, this.options.perTenantPerSecond),
      isInstall ? waitFor(installs, now, this.options.installsPerTenantPerSecond) : 0,
    );
    if (wait > 0) return wait;
    insertInOrder(calls, now);
    if (isInstall) insertInOrder(installs, now);
    return 0;
  }
}

function recent(all: Map<string, number[]>, key: string, now: number): number[] {
  let list = all.get(key);
  if (!list) all.set(key, (list = []));
  let drop = 0;
  while (drop < list.length && list[drop]! <= now - WINDOW_MS) drop++;
  if (drop > 0) list.splice(0, drop);
  return list;
}

/** Calls are admitted in the order their token checks end, which may differ a little from the order they arrived in. */
function insertInOrder(list: number[], at: number): void {
  let index = list.length;
  while (index > 0 && list[index - 1]! > at) index--;
  list.splice(index, 0, at);
}

function waitFor(calls: readonly number[], now: number, limit: number | undefined): number {
  if (limit === undefined || calls.length < limit) return 0;
  return Math.max(1, calls[calls.length - limit]! + WINDOW_MS - now);
}
