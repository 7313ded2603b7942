import { randomInt } from 'node:crypto';
import type { DemandesService } from './demandes-service.ts';

/**
 * Port to the producer of titles (in reality the national printing office). The adapter
 * shipped here simulates it: an accepted application is "produced" after a configurable
 * delay, receives a title number and is shipped to its collecting mairie, where the agent
 * receives it by scanning that number.
 */
const LETTRES = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function numeroDeTitre(maintenant: Date) {
  const annee = String(maintenant.getUTCFullYear()).slice(2);
  const lettres = `${LETTRES[randomInt(LETTRES.length)]}${LETTRES[randomInt(LETTRES.length)]}`;
  return `${annee}${lettres}${String(randomInt(100_000)).padStart(5, '0')}`;
}

export function productionSimulee(deps: { demandes: DemandesService; now: () => Date; delaiMinutes: number; onError: (error: unknown) => void }) {
  let timer: NodeJS.Timeout | undefined;
  const api = {
    /** Produces every application accepted at least `delaiMinutes` ago; returns how many. */
    async runOnce() {
      const limite = new Date(deps.now().getTime() - deps.delaiMinutes * 60_000);
      const dues = await deps.demandes.accordeesAvant(limite, 100);
      let produites = 0;
      for (const { id } of dues) {
        const resultat = await deps.demandes.appliquer('systeme', id, 'lancer_production', { numeroTitre: numeroDeTitre(deps.now()) });
        if (resultat.ok) produites += 1;
      }
      return produites;
    },
    start(intervalMs = 30_000) {
      timer = setInterval(() => void api.runOnce().catch(deps.onError), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
  return api;
}
