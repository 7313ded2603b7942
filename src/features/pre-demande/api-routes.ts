import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../kernel/audit/audit-repository.ts';
import { hashToken } from '../../kernel/auth/tokens.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { apiRepository } from './api-repository.ts';
import type { Statut } from './cycle-de-vie.ts';
import { OPENAPI_STATUTS } from './api-openapi.ts';

/** The national anti-duplicate API's words (`declared`: an appointment is booked). */
export type StatutApi = 'validated' | 'declared' | 'consumed' | 'expired' | 'unknown';

export function statutApi(statut: Statut | undefined, expireLe: Date | null, now: Date): StatutApi {
  if (statut === 'validee') return expireLe && expireLe <= now ? 'expired' : 'validated';
  if (statut === 'declaree') return expireLe && expireLe <= now ? 'expired' : 'declared';
  if (statut === 'consommee') return 'consumed';
  if (statut === 'expiree') return 'expired';
  // A draft has no number, and a cancelled pré-demande must not be usable: both are unknown.
  return 'unknown';
}

const MAX_IDS = 50;
const REQUESTS_PER_MINUTE = 120;

export function registerApiPreDemandeRoutes(app: FastifyInstance, deps: { db: Db; rateLimiter: RateLimiter; now: () => Date }) {
  const repo = apiRepository(deps.db);
  const refuse = (reply: FastifyReply, status: number, code: string, message: string) => reply.status(status).header('cache-control', 'no-store').send({ code, message });

  async function editeur(request: FastifyRequest) {
    const match = /^Bearer ([\w-]{20,64})$/.exec(request.headers.authorization ?? '');
    return match ? repo.editeurActif(hashToken(match[1]!)) : undefined;
  }

  app.get('/api/v1/pre-demandes/openapi.json', async (_request, reply) => reply.send(OPENAPI_STATUTS));

  app.get('/api/v1/pre-demandes/status', async (request, reply) => {
    const caller = await editeur(request);
    if (!caller) return refuse(reply.header('www-authenticate', 'Bearer'), 401, 'UNAUTHORIZED', 'Jeton d’éditeur absent ou révoqué');
    const limit = await deps.rateLimiter.hit(`api-statuts:${caller.id}`, REQUESTS_PER_MINUTE, 60);
    if (!limit.allowed) return refuse(reply.header('retry-after', String(limit.retryAfterSeconds)), 429, 'TOO_MANY_REQUESTS', 'Trop de requêtes');
    const raw = (request.query as Record<string, unknown>).application_ids;
    const ids = typeof raw === 'string' ? [...new Set(raw.split(',').map((id) => id.trim().toUpperCase()).filter(Boolean))] : [];
    if (ids.length === 0 || ids.length > MAX_IDS) return refuse(reply, 400, 'BAD_REQUEST', `Paramètre application_ids : de 1 à ${MAX_IDS} numéros séparés par des virgules`);
    const found = await repo.statuts(ids.filter((id) => /^[A-Z0-9]{10}$/.test(id)));
    const now = deps.now();
    const body = Object.fromEntries(
      ids.map((id) => {
        const status = statutApi(found.get(id)?.statut, found.get(id)?.expireLe ?? null, now);
        return [id, { status, appointments: status === 'declared' ? (found.get(id)?.appointments ?? []) : [] }];
      }),
    );
    await recordAudit(deps.db, null, { action: 'api-statuts-pre-demandes', objectType: 'api_editeur', objectId: caller.id, details: { nombre: ids.length } });
    return reply.header('cache-control', 'no-store').send(body);
  });
}
