import type { GuichetApp } from '../../app.ts';
import type { Principal } from '../auth/principal.ts';
import { codeTotp } from '../auth/totp.ts';

/**
 * The authenticator app of the agents the test factories create: their TOTP secret and
 * recovery codes, so that test clients and browser tests can finish a sign-in the way a
 * person does (type the code shown on the phone) — with the app's own clock.
 */
interface Authentificateur {
  secret: string;
  codes: string[];
  now: () => Date;
  dernierCode?: string;
}
const AUTHENTIFICATEURS = new Map<string, Authentificateur>();

/** Enrolls the agent the way the enrolment page does (QR secret, first code), keeps the phone's side. */
export async function equiperDoubleFacteur(app: GuichetApp, agent: Principal, email: string) {
  const { secret } = await app.doubleFacteur.proposerActivation(agent, email);
  const resultat = await app.doubleFacteur.confirmerActivation(agent, codeTotp(secret, app.now()));
  if (!resultat.ok) throw new Error(`activation de la double authentification : ${resultat.raison}`);
  AUTHENTIFICATEURS.set(email.trim().toLowerCase(), { secret, codes: [...resultat.codes], now: app.now, dernierCode: codeTotp(secret, app.now()) });
}

/**
 * The code the person would type now: the app's current code, or — when that one was just
 * used (a second sign-in within the same 30 seconds, or a test on a frozen clock) — one of
 * the recovery codes, each once. Undefined for an agent these factories did not enroll.
 */
export function codeDuTelephone(email: string): string | undefined {
  const a = AUTHENTIFICATEURS.get(email.trim().toLowerCase());
  if (!a) return undefined;
  const code = codeTotp(a.secret, a.now());
  if (code !== a.dernierCode) {
    a.dernierCode = code;
    return code;
  }
  return a.codes.shift();
}
