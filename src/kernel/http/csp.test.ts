import { describe, expect, it } from 'vitest';
import { createTestApp, testConfig } from '../testing/test-app.ts';

describe('content security policy', () => {
  it('allows images from the configured tile server only', async () => {
    const built = await createTestApp({ config: testConfig({}, { TILE_URL: 'https://tuiles.exemple.fr/plan/{z}/{x}/{y}.png' }) });
    try {
      const csp = String((await built.app.inject('/')).headers['content-security-policy']);
      expect(csp).toContain("img-src 'self' data: https://tuiles.exemple.fr");
      expect(csp).toContain("script-src 'self';");
    } finally {
      await built.app.close();
    }
  });
});
