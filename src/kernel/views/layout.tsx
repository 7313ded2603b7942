import type { PageContext } from './page-context.ts';
import type { Children } from './html.ts';
import { CsrfField } from './components/csrf-field.tsx';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: Children;
  /** Pages that use the DSFR JavaScript behaviours; everything still works without it. */
  scripts?: string[];
}

export function Layout({ ctx, title, children, scripts = [] }: LayoutProps) {
  const fullTitle = `${title} — ${ctx.serviceName}`;
  return (
    <html lang="fr" data-fr-scheme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
        <meta name="format-detection" content="telephone=no" />
        <title>{fullTitle}</title>
        <link rel="stylesheet" href="/dsfr/dsfr.min.css" />
        <link rel="stylesheet" href="/dsfr/utility/utility.min.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml" />
        <script type="module" src="/dsfr/dsfr.module.min.js" />
        {scripts.map((src) => (
          <script type="module" src={src} />
        ))}
      </head>
      <body>
        <div class="fr-skiplinks">
          <nav role="navigation" aria-label="Accès rapide" class="fr-container">
            <ul class="fr-skiplinks__list">
              <li>
                <a class="fr-link" href="#contenu">Contenu</a>
              </li>
              <li>
                <a class="fr-link" href="#pied-de-page">Pied de page</a>
              </li>
            </ul>
          </nav>
        </div>
        {ctx.demo ? <DemoBanner /> : null}
        <Header ctx={ctx} />
        <main role="main" id="contenu" tabindex={-1} class="fr-container fr-py-4w">
          {children}
        </main>
        <Footer ctx={ctx} />
      </body>
    </html>
  );
}

// Look-alike sites that charge citizens are a real abuse: a demonstration must never be
// mistaken for the official service, hence a banner on every page outside production.
function DemoBanner() {
  return (
    <div class="fr-notice fr-notice--warning" id="bandeau-demonstration">
      <div class="fr-container">
        <div class="fr-notice__body">
          <p>
            <span class="fr-notice__title">Site de démonstration — aucune démarche réelle n'est traitée ici</span>
          </p>
        </div>
      </div>
    </div>
  );
}

function Header({ ctx }: { ctx: PageContext }) {
  return (
    <header role="banner" class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                <div class="fr-header__logo">
                  <p class="fr-logo">
                    République
                    <br />
                    française
                  </p>
                </div>
                <div class="fr-header__navbar">
                  <button class="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls="menu-principal" aria-haspopup="menu" id="bouton-menu" title="Menu">
                    Menu
                  </button>
                </div>
              </div>
              <div class="fr-header__service">
                <a href="/" title={`Accueil — ${ctx.serviceName}`}>
                  <p class="fr-header__service-title">{ctx.serviceName}</p>
                </a>
                <p class="fr-header__service-tagline">
                  Carte d'identité et passeport — {ctx.operatorName}
                </p>
              </div>
            </div>
            <div class="fr-header__tools">
              <div class="fr-header__tools-links">
                <HeaderLinks ctx={ctx} />
              </div>
            </div>
          </div>
        </div>
      </div>
      {/* On narrow screens the DSFR script copies the header links into this menu. */}
      <div class="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu">
        <div class="fr-container">
          <button class="fr-btn--close fr-btn" aria-controls="menu-principal" title="Fermer">
            Fermer
          </button>
          <div class="fr-header__menu-links" />
          <MainNavigation ctx={ctx} />
        </div>
      </div>
      {/* Without JavaScript that menu cannot open: on narrow screens the links are shown here instead. */}
      <noscript>
        <div class="fr-container gt-menu-sans-js">
          <HeaderLinks ctx={ctx} />
          {ctx.navigation.length > 0 && (
            <ul class="fr-links-group">
              {ctx.navigation.map((item) => (
                <li>
                  <a class="fr-link" href={item.href} {...(isCurrent(ctx.path, item.href) ? { 'aria-current': 'page' } : {})}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      </noscript>
    </header>
  );
}

/** The page being shown is this link's, or one below it. */
function isCurrent(path: string, href: string): boolean {
  return path === href || path.startsWith(`${href}/`);
}

function MainNavigation({ ctx }: { ctx: PageContext }) {
  if (ctx.navigation.length === 0) return null;
  return (
    <nav class="fr-nav" id="navigation-principale" role="navigation" aria-label="Menu principal">
      <ul class="fr-nav__list">
        {ctx.navigation.map((item) => (
          <li class="fr-nav__item">
            <a class="fr-nav__link" href={item.href} {...(isCurrent(ctx.path, item.href) ? { 'aria-current': 'page' } : {})}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function HeaderLinks({ ctx }: { ctx: PageContext }) {
  const principal = ctx.principal;
  return (
    <ul class="fr-btns-group">
      {principal ? (
        <>
          <li>
            <a class="fr-btn fr-icon-account-circle-line" href={principal.kind === 'agent' ? '/agent' : '/mon-espace'}>
              {principal.displayName}
            </a>
          </li>
          <li>
            <form method="post" action="/deconnexion" class="gt-inline-form">
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="fr-btn fr-icon-logout-box-r-line">
                Se déconnecter
              </button>
            </form>
          </li>
        </>
      ) : (
        <>
          <li>
            <a class="fr-btn fr-icon-account-circle-line" href="/connexion">
              Se connecter
            </a>
          </li>
          <li>
            <a class="fr-btn fr-icon-government-line" href="/agent/connexion">
              Espace agents
            </a>
          </li>
        </>
      )}
    </ul>
  );
}

function Footer({ ctx }: { ctx: PageContext }) {
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          <div class="fr-footer__brand fr-enlarge-link">
            <a href="/" title={`Retour à l’accueil — ${ctx.serviceName}`}>
              <p class="fr-logo">
                République
                <br />
                française
              </p>
            </a>
          </div>
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">
              {ctx.serviceName} est opéré par {ctx.operatorName}. Plateforme libre de demande de carte nationale
              d'identité et de passeport : orientation, pré-demande, timbre fiscal, recueil en mairie et remise.
            </p>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/accessibilite">
                Accessibilité : non conforme
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/mentions-legales">
                Mentions légales
              </a>
            </li>
            <li class="fr-footer__bottom-item">
              <a class="fr-footer__bottom-link" href="/donnees-personnelles">
                Données personnelles
              </a>
            </li>
            {ctx.devMailbox ? (
              <li class="fr-footer__bottom-item">
                <a class="fr-footer__bottom-link" href="/dev/boite">
                  Boîte de développement
                </a>
              </li>
            ) : null}
          </ul>
          <div class="fr-footer__bottom-copy">
            <p>Sauf mention contraire, les contenus de ce site sont proposés sous licence ouverte Etalab 2.0.</p>
          </div>
        </div>
      </div>
    </footer>
  );
}
