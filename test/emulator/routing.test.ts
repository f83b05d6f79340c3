import { beforeEach, describe, expect, it } from 'vitest';
import type { PluralKitEmulator, SeededSystem } from '../support/pluralkit-emulator/index.js';
import { call, expectPkError, useQuietEmulator } from './helpers.js';

const emulator = useQuietEmulator();
let pk: PluralKitEmulator;
let system: SeededSystem;

beforeEach(() => {
  pk = emulator();
  system = pk.seedSystem({ name: 'Routing' });
});

describe('route filter', () => {
  it('answers /v1 paths with 410', async () => {
    const response = await call(pk, 'GET', '/v1/s', { absolute: true });
    expect(response.status).toBe(410);
    expect(response.json).toEqual({ message: 'Unsupported API version', code: 0 });
  });

  it.each(['/v2/s', '/v2/m', '/v2/s/abcde', '/v2/a/123456789012345678', '/v2/msg/1'])('rejects v1-shaped %s under /v2', async (path) => {
    const response = await call(pk, 'GET', path, { absolute: true });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ message: 'Invalid path for API version', code: 0 });
  });

  it('rejects paths outside /v2 with 400 Unsupported API version', async () => {
    const response = await call(pk, 'GET', '/v3/systems/@me', { absolute: true });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ message: 'Unsupported API version', code: 0 });
  });

  it('redirects / to the API docs', async () => {
    const response = await call(pk, 'GET', '/', { absolute: true });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://pluralkit.me/api');
  });

  it('answers unmatched routes and trailing slashes with an empty 404', async () => {
    const unmatched = await call(pk, 'GET', '/nonsense');
    expect(unmatched.status).toBe(404);
    expect(unmatched.text).toBe('');
    const trailing = await call(pk, 'GET', `/systems/${system.id}/`);
    expect(trailing.status).toBe(404);
    expect(trailing.text).toBe('');
  });

  it('answers a wrong method on an existing path with an empty 405', async () => {
    const response = await call(pk, 'PUT', `/systems/${system.id}`, { body: {} });
    expect(response.status).toBe(405);
    expect(response.text).toBe('');
    const getOnPostOnly = await call(pk, 'GET', '/members');
    expect(getOnPostOnly.status).toBe(405);
  });

  it('answers CORS preflight with 200 and sends CORS headers everywhere', async () => {
    const preflight = await call(pk, 'OPTIONS', '/whatever/at/all');
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const normal = await call(pk, 'GET', `/systems/${system.id}`);
    expect(normal.headers.get('access-control-expose-headers')).toContain('X-RateLimit-Scope');
  });
});

describe('User-Agent', () => {
  it('rejects a missing User-Agent with an empty 400', async () => {
    const response = await call(pk, 'GET', `/systems/${system.id}`, { userAgent: false });
    expect(response.status).toBe(400);
    expect(response.text).toBe('');
  });

  it('resolves path refs before the User-Agent check', async () => {
    const response = await call(pk, 'GET', '/systems/zzzzzz', { userAgent: false });
    expectPkError(response, 404, 20001, 'System not found.');
  });

  it('accepts an empty User-Agent value', async () => {
    const response = await call(pk, 'GET', `/systems/${system.id}`, { userAgent: '' });
    expect(response.status).toBe(200);
  });
});

describe('authentication and path refs', () => {
  it('requires a token for @me', async () => {
    const response = await call(pk, 'GET', '/systems/@me');
    expectPkError(response, 401, 0, '401: Missing or invalid Authorization header');
  });

  it('treats an unknown token as unauthenticated rather than an error', async () => {
    const publicView = await call(pk, 'GET', `/systems/${system.id}`, { token: 'not-a-real-token' });
    expect(publicView.status).toBe(200);
    expect((publicView.json as { privacy: unknown }).privacy).toBeNull();
    const me = await call(pk, 'GET', '/systems/@me', { token: 'not-a-real-token' });
    expect(me.status).toBe(401);
  });

  it('matches the raw token exactly, without a Bearer prefix', async () => {
    const bearer = await call(pk, 'GET', '/systems/@me', { token: `Bearer ${system.token}` });
    expect(bearer.status).toBe(401);
    const raw = await call(pk, 'GET', '/systems/@me', { token: system.token });
    expect(raw.status).toBe(200);
  });

  it('resolves system refs by short ID in any case, with a dash, by UUID in any case and by Discord account', async () => {
    const linked = pk.seedSystem({ id: 'abcdef', accounts: ['123456789012345678'] });
    for (const ref of ['abcdef', 'ABCDEF', 'abc-def', linked.uuid.toUpperCase(), linked.uuid.replace(/-/g, ''), '123456789012345678']) {
      const response = await call(pk, 'GET', `/systems/${ref}`);
      expect(response.status, ref).toBe(200);
      expect((response.json as { id: string }).id).toBe('abcdef');
    }
  });

  it('answers unknown refs with the entity-specific 404', async () => {
    expectPkError(await call(pk, 'GET', '/systems/999999999999999999'), 404, 20001);
    expectPkError(await call(pk, 'GET', '/members/qqqqqq'), 404, 20002, 'Member not found.');
    expectPkError(await call(pk, 'GET', '/groups/qqqqqq'), 404, 20004, 'Group not found.');
    expectPkError(
      await call(pk, 'GET', `/systems/${system.id}/switches/00000000-0000-0000-0000-000000000000`),
      404,
      20007,
      'Switch not found.',
    );
  });

  it('answers a malformed switch ID with 500', async () => {
    const response = await call(pk, 'GET', `/systems/${system.id}/switches/not-a-uuid`);
    expectPkError(response, 500, 0, '500: Internal Server Error');
  });

  it('lets the .NET layer reject refs the Rust layer truncated', async () => {
    pk.seedSystem({ id: 'abcdef' });
    const longRef = await call(pk, 'GET', '/systems/abcdefgh');
    expectPkError(longRef, 404, 20001);
    const settings = await call(pk, 'GET', '/systems/abcdefgh/settings');
    expect(settings.status).toBe(200);
  });
});

describe('bodies', () => {
  it('answers a non-JSON content type with 415', async () => {
    const response = await call(pk, 'PATCH', '/systems/@me', { token: system.token, rawBody: 'name=x', contentType: 'text/plain' });
    expect(response.status).toBe(415);
  });

  it('answers malformed JSON with a generic 400', async () => {
    const response = await call(pk, 'PATCH', '/systems/@me', { token: system.token, rawBody: '{"name": ' });
    expect(response.json).toEqual({ message: '400: Bad Request', code: 0 });
  });

  it('answers a JSON array where an object is expected with a generic 400', async () => {
    const response = await call(pk, 'PATCH', '/systems/@me', { token: system.token, body: ['name'] });
    expectPkError(response, 400, 0, '400: Bad Request');
  });

  it('marks .NET-served responses with the version header and charset', async () => {
    const response = await call(pk, 'GET', `/systems/${system.id}`);
    expect(response.headers.get('x-pluralkit-version')).toBeTruthy();
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const rustServed = await call(pk, 'GET', `/systems/${system.id}/settings`);
    expect(rustServed.headers.get('x-pluralkit-version')).toBeNull();
  });
});
