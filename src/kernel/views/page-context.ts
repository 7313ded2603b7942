import type { Principal } from '../auth/principal.ts';

/** What every page template may know about the request it answers. */
export interface PageContext {
  readonly serviceName: string;
  readonly operatorName: string;
  readonly demo: boolean;
  readonly devMailbox: boolean;
  readonly principal: Principal | null;
  readonly csrfToken: string;
  readonly path: string;
}
