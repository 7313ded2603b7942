import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('starts with sensible defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.departement).toBe('24');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every invalid variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', DEPARTEMENT: '999', OUTBOX_WORKER: 'peut-être' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/DEPARTEMENT/);
    expect(problems.join('\n')).toMatch(/OUTBOX_WORKER/);
  });

  it('refuses production without real message delivery and https', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SMTP_URL[\s\S]*SMS_GATEWAY_URL[\s\S]*PUBLIC_URL/);
    const config = loadConfig({
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:25',
      SMS_GATEWAY_URL: 'https://sms.example/send',
      PUBLIC_URL: 'https://titres.example.gouv.fr',
    });
    expect(config.mode).toBe('production');
  });

  it('uses Plan IGN tiles by default, accepts none, and refuses a tile URL that is not https', () => {
    expect(loadConfig({}).tileUrl).toMatch(/^https:\/\/data\.geopf\.fr\/wmts\?.*TILEMATRIX=\{z\}/);
    expect(loadConfig({ TILE_URL: 'aucun' }).tileUrl).toBeUndefined();
    expect(() => loadConfig({ TILE_URL: 'http://tuiles.exemple/{z}/{x}/{y}.png' })).toThrow(/TILE_URL/);
  });
});
