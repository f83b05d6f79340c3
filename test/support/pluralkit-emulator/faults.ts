/** Scripted misbehaviour for the next N requests matching a route (see README). */

export interface FaultSpec {
  method?: string;
  /** Matched against the path after /v2 (e.g. "/systems/@me"), without the query string. */
  path: string | RegExp;
  /** How many matching requests this applies to; default 1. */
  times?: number;
  status?: number;
  body?: unknown;
  delayMs?: number;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Answer with a truncated JSON body. */
  malformed?: boolean;
  headers?: Record<string, string>;
  /**
   * Run the real request first — routing, rate limiting, the handler and its state change — and
   * only then apply the fault to the answer: `status`/`body`/`malformed` replace it, `reset`
   * drops the connection instead, `delayMs` holds it back. "PluralKit stored the switch, then
   * answered 500" or "stored it, but the answer came too late". Without it a fault acts before
   * the handler (`delayMs`: the state changes only after the delay; a replacement: never).
   */
  afterCommit?: boolean;
}

interface ArmedFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultRegistry {
  private faults: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new Error('injectFault: times must be positive');
    if (spec.status !== undefined && (spec.status < 100 || spec.status > 599)) throw new Error('injectFault: bad status');
    if (spec.afterCommit && !faultReplacesResponse(spec) && !spec.delayMs) {
      throw new Error('injectFault: afterCommit needs something to do after the handler (status, body, malformed, reset or delayMs)');
    }
    const headers = spec.headers
      ? Object.fromEntries(Object.entries(spec.headers).map(([name, value]) => [name.toLowerCase(), value]))
      : undefined;
    this.faults.push({ spec: { ...spec, headers }, remaining: times });
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes one use of the first fault that matches, if any. */
  take(method: string, apiPath: string): FaultSpec | undefined {
    const index = this.faults.findIndex(({ spec }) => {
      if (spec.method !== undefined && spec.method.toUpperCase() !== method) return false;
      return typeof spec.path === 'string' ? spec.path === apiPath : new RegExp(spec.path.source, spec.path.flags.replace('g', '')).test(apiPath);
    });
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault.spec;
  }
}

/** A fault that only delays (and maybe adds headers) lets the real handler answer afterwards. */
export function faultReplacesResponse(spec: FaultSpec): boolean {
  return spec.reset === true || spec.malformed === true || spec.status !== undefined || spec.body !== undefined;
}

export function malformedText(body: unknown): string {
  const text = JSON.stringify(body ?? { id: 'malformed', members: [1, 2, 3] });
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}
