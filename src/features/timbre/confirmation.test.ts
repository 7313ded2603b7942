import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuichetApp } from '../../app.ts';
import { createTestApp } from '../../kernel/testing/test-app.ts';
import { TestClient } from '../../kernel/testing/test-client.ts';
import { acheter, numerosDans, payer } from './achat-de-test.ts';
import { CONFIRMATION_VISIBLE_MINUTES } from './paiement-routes.tsx';

// Real time plus an offset, so rows stamped by the database stay consistent with the app's clock.
let offset = 0;
let built: GuichetApp;
beforeAll(async () => {
  built = await createTestApp({ now: () => new Date(Date.now() + offset) });
});
afterAll(async () => {
  await built.app.close();
});

describe('the confirmation on a shared computer', () => {
  it('shows the stamps to the buyer right after payment, and no longer to whoever comes next', async () => {
    const navigateur = new TestClient(built.app, '198.51.100.160');
    const paiementId = await acheter(navigateur);
    await payer(navigateur, paiementId);
    await navigateur.get('/timbre/retour');
    const page = await navigateur.get('/timbre/confirmation');
    const [numero] = numerosDans(page.body);
    expect(numero).toBeDefined();
    expect((await navigateur.get('/timbre/confirmation/timbres.pdf')).statusCode).toBe(200);

    // The next person on the same browser, past the purchase session: the cart cookie is still there.
    offset += (CONFIRMATION_VISIBLE_MINUTES + 1) * 60_000;
    const plusTard = await navigateur.get('/timbre/confirmation');
    expect(plusTard.statusCode).toBe(303);
    expect(plusTard.body).not.toContain(numero!);
    expect((await navigateur.get('/timbre/confirmation/timbres.pdf')).statusCode).toBe(404);
  });
});
