import type { FastifyInstance } from 'fastify';
import type { Db } from '../../kernel/db/database.ts';
import type { InTransaction } from '../../kernel/db/transactions.ts';
import type { RateLimiter } from '../../kernel/http/rate-limit.ts';
import { jetonsService } from './jetons-service.ts';
import { registerJetonsAgentsRoutes } from './routes.tsx';

/** Personal API tokens of agents: their management pages (checking them is the kernel's). */
export function registerJetonsAgents(app: FastifyInstance, deps: { db: Db; inTransaction: InTransaction; rateLimiter: RateLimiter; now: () => Date }) {
  registerJetonsAgentsRoutes(app, { jetons: jetonsService(deps), now: deps.now });
}
