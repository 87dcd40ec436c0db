import { BlockList, isIP } from 'node:net';

/** Where Herald may call an app (the notifier's `callbackTargets` config). */
export interface CallbackTargets {
  /** Host names (`*.example.com` for its sub-domains) whose addresses are not checked: the operator trusts them. */
  allowedHosts: readonly string[];
  /** Private, loopback or link-local ranges that are let through, e.g. `10.20.0.0/16`. */
  allowedCidrs: readonly string[];
  /** Dev mode: loopback addresses, and plain http to them. */
  allowLoopback: boolean;
}

/** Addresses no callback goes to unless allowed: private, loopback, link-local, unspecified, CGNAT, multicast, reserved. */
const REFUSED: readonly [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], ['10.0.0.0', 8, 'ipv4'], ['100.64.0.0', 10, 'ipv4'], ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.0.0.0', 24, 'ipv4'], ['192.0.2.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'], ['198.18.0.0', 15, 'ipv4'], ['198.51.100.0', 24, 'ipv4'], ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'], ['::1', 128, 'ipv6'], ['64:ff9b::', 96, 'ipv6'], ['100::', 64, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'], ['fc00::', 7, 'ipv6'], ['fe80::', 10, 'ipv6'], ['fec0::', 10, 'ipv6'], ['ff00::', 8, 'ipv6'],
];
const LOOPBACK: readonly [string, number, 'ipv4' | 'ipv6'][] = [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']];

const blockList = (ranges: readonly [string, number, 'ipv4' | 'ipv6'][]) => {
  const list = new BlockList();
  for (const [address, prefix, family] of ranges) list.addSubnet(address, prefix, family);
  return list;
};
const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Which addresses of which hosts a callback may connect to. */
export class CallbackTargetPolicy {
  private readonly refused = blockList(REFUSED);
  private readonly loopback = blockList(LOOPBACK);
  private readonly allowed: BlockList;

  constructor(private readonly targets: CallbackTargets) {
    this.allowed = blockList(targets.allowedCidrs.map((cidr) => {
      const [address = '', prefix = ''] = cidr.split('/');
      return [address, Number(prefix), familyOf(address)] as const;
    }));
  }

  /** Why `address` (resolved from `host`) may not be called; undefined when it may. */
  refusal(host: string, address: string): string | undefined {
    if (this.trustsHost(host)) return undefined;
    const family = familyOf(address);
    if (this.targets.allowLoopback && this.loopback.check(address, family)) return undefined;
    if (this.allowed.check(address, family)) return undefined;
    if (this.refused.check(address, family)) return `${host} resolves to ${address}, a private, loopback, link-local or reserved address (allow it with HERALD_CALLBACK_ALLOWED_HOSTS or HERALD_CALLBACK_ALLOWED_CIDRS)`;
    return undefined;
  }

  /** Plain http goes only to loopback, in dev mode. */
  allowsPlainHttp(address: string): boolean {
    return this.targets.allowLoopback && this.loopback.check(address, familyOf(address));
  }

  private trustsHost(host: string): boolean {
    const name = host.toLowerCase();
    return this.targets.allowedHosts.some((raw) => {
      const pattern = raw.trim().toLowerCase();
      return pattern.startsWith('*.') ? name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1 : name === pattern;
    });
  }
}
