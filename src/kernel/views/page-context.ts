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
  /** The main navigation of the header (set by the composition root; empty: none). */
  readonly navigation: ReadonlyArray<NavigationItem>;
}

export interface NavigationItem {
  readonly href: string;
  readonly label: string;
}
