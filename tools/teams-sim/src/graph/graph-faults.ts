import type { GraphFault } from './graph-errors.js';

const keyOf = (fault: GraphFault): string => `${fault.method?.toUpperCase() ?? '*'} ${String(fault.path ?? '*')}`;

function matches(fault: GraphFault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === 'string' ? path === fault.path || path.startsWith(`${fault.path}/`) : fault.path.test(path);
}

/**
 * The faults tests set on Graph. A fault for the same method and path as an earlier one replaces it; the most
 * recent matching fault answers; one with `times` is gone once it answered that many calls.
 */
export class GraphFaults {
  private faults: { fault: GraphFault; left: number }[] = [];

  set(fault: GraphFault | undefined): void {
    if (!fault) {
      this.faults = [];
      return;
    }
    this.faults = this.faults.filter((entry) => keyOf(entry.fault) !== keyOf(fault));
    this.faults.push({ fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  /** The fault this call gets, if any (counting down its `times`). */
  take(method: string, path: string): GraphFault | undefined {
    for (let i = this.faults.length - 1; i >= 0; i--) {
      const entry = this.faults[i]!;
      if (!matches(entry.fault, method, path)) continue;
      entry.left -= 1;
      if (entry.left <= 0) this.faults.splice(i, 1);
      return entry.fault;
    }
    return undefined;
  }
}
