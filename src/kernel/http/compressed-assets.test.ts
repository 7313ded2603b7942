import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createTestApp } from '../testing/test-app.ts';

let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp();
});
afterAll(async () => {
  await built.app.close();
});

describe('static assets', () => {
  it('serves the DSFR stylesheet brotli-compressed, and plain to clients that do not accept it', async () => {
    const compressed = await built.app.inject({ url: '/dsfr/dsfr.min.css', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(compressed.statusCode).toBe(200);
    expect(compressed.headers['content-encoding']).toBe('br');
    const plain = await built.app.inject({ url: '/dsfr/dsfr.min.css' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(compressed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    const notModified = await built.app.inject({ url: '/dsfr/dsfr.min.css', headers: { 'if-none-match': String(plain.headers.etag) } });
    expect(notModified.statusCode).toBe(304);
  });
});
