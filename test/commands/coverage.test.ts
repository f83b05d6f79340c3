import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluralKitClient } from '../../src/pluralkit/client.js';
import { ADAPTER_ENDPOINTS, ADAPTER_HELPERS, coverageOf, describeCoverage, endpointOf, runCommandSuite } from '../support/endpoint-coverage.js';
import { startHarness, type Harness } from '../support/harness.js';

describe.each(['gateway', 'http'] as const)('every PluralKit endpoint of the adapter is reachable from a command (%s)', (transport) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ transport });
  });

  afterAll(async () => {
    await h.stop();
  });

  it('the endpoint table lists each adapter method that sends a request, once', () => {
    const methods = Object.getOwnPropertyNames(PluralKitClient.prototype).filter((name) => !ADAPTER_HELPERS.includes(name));
    expect(ADAPTER_ENDPOINTS.map((endpoint) => endpoint.adapter).sort()).toEqual(methods.sort());
    expect(new Set(ADAPTER_ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.route}`)).size).toBe(36);
  });

  it('one run of every command calls all 36 endpoints', async () => {
    const requests = await runCommandSuite(h);
    expect(requests.filter((request) => endpointOf(request) === undefined).map((request) => `${request.method} ${request.path}`)).toEqual([]);
    expect(requests.filter((request) => request.status >= 500)).toEqual([]);
    const coverage = coverageOf(requests);
    console.info(describeCoverage(coverage));
    expect(coverage.missing.map((endpoint) => `${endpoint.method} ${endpoint.route}`)).toEqual([]);
    expect(coverage.covered.length).toBe(ADAPTER_ENDPOINTS.length);
  }, 60_000);
});
