import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's form says itself, next to each field, which one holds a forbidden character
     * (with `texteInterdit`), keeping the other answers: the input layer leaves its body alone.
     */
    saisieVerifieeParChamp?: boolean;
  }
}

/**
 * The one input layer. Every form, query string, path parameter and JSON body goes through
 * `registerInputGuard` before any route runs; routes then read text with `field`.
 */

/** A text field of a posted form or query string, cut to a sane length; '' when absent or not text. */
export function field(source: unknown, name: string, max = 256): string {
  const value = source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value.slice(0, max) : '';
}

// C0 controls other than tab, line feed and carriage return; DEL; lone UTF-16 surrogates
// (they cannot be stored as UTF-8 and make PostgreSQL answer with an error).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a text carries a character no field accepts. */
export function texteInterdit(text: string): boolean {
  return CONTROL.test(text) || LONE_SURROGATE.test(text);
}

/**
 * Walks parsed input: strings, arrays and objects (their keys too). Parsers build objects of
 * several prototypes (null, or an empty one of their own), so any object is walked except
 * binary data and streams; each object is visited once.
 */
export function saisieInterdite(value: unknown, seen = new Set<object>()): boolean {
  if (typeof value === 'string') return texteInterdit(value);
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || typeof (value as { pipe?: unknown }).pipe === 'function') return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((item) => saisieInterdite(item, seen));
  return Object.entries(value).some(([key, item]) => texteInterdit(key) || saisieInterdite(item, seen));
}

export const SAISIE_INTERDITE = 'La saisie contient un caractère invisible ou non valide (caractère de contrôle). Retirez-le, puis envoyez de nouveau le formulaire.';

/** An input refusal: the error handler answers 400 with SAISIE_INTERDITE, as a page or as JSON under /api. */
export class SaisieInterditeError extends Error {
  readonly statusCode = 400;
  readonly code = 'GT_SAISIE_INTERDITE';
  constructor() {
    super(SAISIE_INTERDITE);
  }
}

export function registerInputGuard(app: FastifyInstance) {
  // preValidation runs once the body is parsed and before any route guard or handler, so a
  // refused value never reaches a query, an audit row or a log line.
  app.addHook('preValidation', (request, _reply, done) => {
    // Uploads (multipart) are read by their own route, which checks what it takes from them.
    const parChamp = request.routeOptions.config?.saisieVerifieeParChamp === true;
    const body = parChamp || request.headers['content-type']?.startsWith('multipart/') ? undefined : request.body;
    done(saisieInterdite(request.params) || saisieInterdite(request.query) || saisieInterdite(body) ? new SaisieInterditeError() : undefined);
  });
}
