import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { codeDuTelephone } from './double-facteur.ts';

/** Servers clear a cookie by dating it in 1970. */
const CLEARED_BEFORE = Date.UTC(2000, 0, 1);

/**
 * A browser-like client over `app.inject()`: keeps cookies and reads the anti-CSRF token of
 * the last page, so tests submit forms the way a person does (GET the page, then POST it).
 */
export class TestClient {
  private readonly cookies = new Map<string, string>();
  private csrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress = '127.0.0.1',
  ) {}

  async get(url: string) {
    return this.track(await this.app.inject({ method: 'GET', url, headers: this.headers(), remoteAddress: this.remoteAddress }));
  }

  /**
   * POSTs a form; the CSRF token of the last page is added unless `_csrf` is given. An agent's
   * sign-in that asks for the second factor is finished as the person would, with the code
   * their phone shows (agents enrolled by the test factories), so callers see the outcome of
   * the whole sign-in.
   */
  async post(url: string, fields: Record<string, string> = {}) {
    const response = await this.postForm(url, fields);
    const code = response.headers.location === '/agent/connexion/code' && fields.email ? codeDuTelephone(fields.email) : undefined;
    if (!code) return response;
    await this.get('/agent/connexion/code');
    return this.postForm('/agent/connexion/code', { code });
  }

  private async postForm(url: string, fields: Record<string, string>) {
    const body = new URLSearchParams({ ...(this.csrf ? { _csrf: this.csrf } : {}), ...fields }).toString();
    return this.track(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { ...this.headers(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body,
        remoteAddress: this.remoteAddress,
      }),
    );
  }

  /** Any request as this browser: its cookies, and its anti-CSRF token in the header (and form body). */
  async request(options: { method: string; url: string; payload?: string; contentType?: string }) {
    const headers: Record<string, string> = {};
    const cookie = this.headers().cookie;
    if (cookie) headers.cookie = cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    if (options.contentType) headers['content-type'] = options.contentType;
    return this.track(await this.app.inject({ method: options.method as 'GET', url: options.url, headers, payload: options.payload, remoteAddress: this.remoteAddress }));
  }

  /** GETs the form page, then submits it. */
  async submit(pageUrl: string, action: string, fields: Record<string, string>) {
    await this.get(pageUrl);
    return this.post(action, fields);
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  /** The same browser, cookies included, talking to another instance (a restarted server). */
  withApp(app: FastifyInstance): TestClient {
    const client = new TestClient(app, this.remoteAddress);
    for (const [name, value] of this.cookies) client.cookies.set(name, value);
    return client;
  }

  private headers() {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  }

  private track(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      // Test apps often run on a fixed clock: judging `expires` against the wall clock would
      // make a test depend on the day it runs. Only a cookie the server clears counts as gone.
      const expired = (cookie.expires && cookie.expires.getTime() < CLEARED_BEFORE) || cookie.maxAge === 0 || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (match) this.csrf = match[1];
    return response;
  }
}
