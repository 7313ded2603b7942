import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import type { EtapeGuide, Guide, LienEtape } from './types.ts';
import { PAGES } from './contenu/pages.ts';

/** On paper a link cannot be clicked: its full address is printed next to it. */
function Lien({ lien, origine, bouton = false }: { lien: LienEtape; origine: string; bouton?: boolean }) {
  return (
    <p class="gt-guide__lien">
      <a class={bouton ? 'fr-btn fr-btn--secondary' : 'fr-link fr-icon-arrow-right-line fr-link--icon-right'} href={lien.href}>
        {lien.libelle}
      </a>
      <span class="gt-imprime-seulement"> : {new URL(lien.href, origine).href}</span>
    </p>
  );
}

export function GuidesPage({ ctx, guides }: { ctx: PageContext; guides: Guide[] }) {
  return (
    <Layout ctx={ctx} title={PAGES.index.titre}>
      <h1>{PAGES.index.titre}</h1>
      <p class="fr-text--lead">{PAGES.index.intro}</p>
      <ul class="fr-grid-row fr-grid-row--gutters gt-liste-tuiles">
        {[...guides.map((g) => ({ titre: g.titre, href: g.chemin, resume: g.resume })), PAGES.index.ceQuIlVousFaut].map((tuile) => (
          <li class="fr-col-12 fr-col-md-6">
            <div class="fr-tile fr-enlarge-link">
              <div class="fr-tile__body">
                <div class="fr-tile__content">
                  <h2 class="fr-tile__title">
                    <a href={tuile.href}>{tuile.titre}</a>
                  </h2>
                  <p class="fr-tile__detail">{tuile.resume}</p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function GuidePage({ ctx, guide, origine }: { ctx: PageContext; guide: Guide; origine: string }) {
  // The kit's step #0 is a prerequisite (« si je n’ai pas d’adresse… »), not one of the numbered steps.
  const prealable = guide.etapes.find((e) => e.numero === 0);
  const etapes = guide.etapes.filter((e) => e.numero !== 0);
  return (
    <Layout ctx={ctx} title={guide.titre}>
      <div class="gt-guide">
        <nav role="navigation" class="fr-breadcrumb gt-ecran-seulement" aria-label="vous êtes ici :">
          <ol class="fr-breadcrumb__list">
            <li>
              <a class="fr-breadcrumb__link" href="/">
                Accueil
              </a>
            </li>
            <li>
              <a class="fr-breadcrumb__link" href="/guides">
                {PAGES.index.titre}
              </a>
            </li>
            <li>
              <a class="fr-breadcrumb__link" aria-current="page">
                {guide.titre}
              </a>
            </li>
          </ol>
        </nav>
        <h1>{guide.titre}</h1>
        {guide.intro.map((p, i) => (
          <p class={i === 0 ? 'fr-text--lead' : undefined}>{p}</p>
        ))}
        {guide.tarifs.length > 0 ? <Tarifs guide={guide} /> : null}
        {prealable ? (
          <section class="fr-callout gt-etape" aria-labelledby="etape-0-titre">
            <h2 class="fr-callout__title" id="etape-0-titre">
              {PAGES.guide.prealable} : {prealable.titre}
            </h2>
            {prealable.paragraphes.map((p) => (
              <p class="fr-callout__text">{p}</p>
            ))}
            {prealable.lien ? <Lien lien={prealable.lien} origine={origine} bouton /> : null}
          </section>
        ) : null}
        {etapes.map((etape, index) => (
          <Etape etape={etape} position={index + 1} total={etapes.length} suivante={etapes[index + 1]} origine={origine} />
        ))}
        {guide.encadre ? (
          <section class="fr-callout fr-callout--blue-cumulus gt-etape" aria-labelledby="encadre-titre">
            <h2 class="fr-callout__title" id="encadre-titre">
              {guide.encadre.titre}
            </h2>
            {guide.encadre.paragraphes.map((p) => (
              <p class="fr-callout__text">{p}</p>
            ))}
            {guide.encadre.liens.map((lien) => (
              <Lien lien={lien} origine={origine} />
            ))}
          </section>
        ) : null}
        <p class="gt-ecran-seulement fr-mt-4w">{PAGES.guide.imprimer}</p>
      </div>
    </Layout>
  );
}

function Tarifs({ guide }: { guide: Guide }) {
  return (
    <section class="fr-mb-4w" aria-labelledby="tarifs-titre">
      <h2 id="tarifs-titre">{PAGES.guide.tarifs}</h2>
      <div class="fr-table fr-table--no-caption">
        <table>
          <caption>{PAGES.guide.tarifs}</caption>
          <thead>
            <tr>
              <th scope="col">{PAGES.guide.colonneTimbre}</th>
              <th scope="col">{PAGES.guide.colonnePrix}</th>
            </tr>
          </thead>
          <tbody>
            {guide.tarifs.map((t) => (
              <tr>
                <th scope="row">
                  {t.libelle}
                  <br />
                  <span class="fr-text--sm fr-text--regular">{t.conditions}</span>
                </th>
                <td class="gt-prix">{t.montant}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** One DSFR stepper per step: the page reads as the kit's sequence, on screen and on paper. */
function Etape({ etape, position, total, suivante, origine }: { etape: EtapeGuide; position: number; total: number; suivante: EtapeGuide | undefined; origine: string }) {
  const id = `etape-${etape.numero}`;
  return (
    <section class="gt-etape fr-mb-5w" id={id} aria-labelledby={`${id}-titre`}>
      <div class="fr-stepper">
        <h2 class="fr-stepper__title" id={`${id}-titre`}>
          {etape.titre}
          <span class="fr-stepper__state">
            Étape {position} sur {total}
          </span>
        </h2>
        <div class="fr-stepper__steps" data-fr-current-step={String(position)} data-fr-steps={String(total)} />
        {suivante ? (
          <p class="fr-stepper__details">
            <span class="fr-text--bold">Étape suivante :</span> {suivante.titre}
          </p>
        ) : null}
      </div>
      {etape.paragraphes.map((p) => (
        <p>{p}</p>
      ))}
      {etape.lien ? <Lien lien={etape.lien} origine={origine} /> : null}
    </section>
  );
}

export function BientotDisponiblePage({ ctx, page }: { ctx: PageContext; page: string | undefined }) {
  return (
    <Layout ctx={ctx} title={PAGES.bientot.titre}>
      <h1>{PAGES.bientot.titre}</h1>
      <div class="fr-alert fr-alert--info fr-mb-3w">
        <p>{PAGES.bientot.texte}</p>
        {page ? <p class="fr-text--sm">{PAGES.bientot.pageDemandee(page)}</p> : null}
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href="/guides">
            {PAGES.bientot.retourGuides}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/ou-aller">
            {PAGES.bientot.ouAller}
          </a>
        </li>
      </ul>
    </Layout>
  );
}
