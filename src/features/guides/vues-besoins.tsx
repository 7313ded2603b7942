import { Radios } from '../../kernel/forms/fields.tsx';
import { ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import type { Besoins, CHAMPS_SITUATION } from './besoins.ts';
import { CE_QU_IL_VOUS_FAUT as C } from './contenu/ce-qu-il-vous-faut.ts';

type Champ = (typeof CHAMPS_SITUATION)[number];
export interface EtatBesoins {
  options: { champ: Champ; options: { valeur: string; libelle: string }[] }[];
  saisie: Partial<Record<Champ, string>>;
  erreurs: Partial<Record<Champ, string>>;
  besoins?: Besoins;
  /** Query string of the printable sheet for this situation. */
  lienFiche?: string;
}

export function CeQuIlVousFautPage({ ctx, etat }: { ctx: PageContext; etat: EtatBesoins }) {
  const enErreur = Object.values(etat.erreurs).some(Boolean);
  return (
    <Layout ctx={ctx} title={`${enErreur ? 'Erreur — ' : ''}${C.titre}`}>
      <div class="gt-guide">
        <h1>{C.titre}</h1>
        {C.intro.map((p, i) => (
          <p class={i === 0 ? 'fr-text--lead' : undefined}>{p}</p>
        ))}
        <ErrorSummary errors={etat.erreurs} />
        {/* A GET form: the situation is no personal data, and the result can be bookmarked or shared. */}
        <form method="get" action="/guides/ce-qu-il-vous-faut" class="gt-ecran-seulement fr-mb-5w" aria-labelledby="situation-titre">
          <h2 id="situation-titre">{C.filtres.legende}</h2>
          {etat.options.map(({ champ, options }) => (
            <Radios name={champ} legend={C.filtres.libelles[champ] ?? champ} hint={undefined} options={options.map((o) => ({ value: o.valeur, label: o.libelle }))} value={etat.saisie[champ]} error={etat.erreurs[champ]} />
          ))}
          <button type="submit" class="fr-btn">
            {C.filtres.bouton}
          </button>
        </form>
        {etat.besoins ? <Resultat besoins={etat.besoins} lienFiche={etat.lienFiche} /> : null}
      </div>
    </Layout>
  );
}

function Resultat({ besoins, lienFiche }: { besoins: Besoins; lienFiche: string | undefined }) {
  return (
    <div id="resultat">
      <p class="fr-badge fr-badge--info fr-badge--no-icon gt-resume">{besoins.resume}</p>
      {lienFiche ? (
        <p class="gt-ecran-seulement">
          <a class="fr-link fr-icon-download-line fr-link--icon-left" href={lienFiche}>
            {C.fiche.lien}
          </a>
        </p>
      ) : null}

      <section class="fr-mb-5w" aria-labelledby="cout-titre">
        <h2 id="cout-titre">{C.cout.titre}</h2>
        {besoins.couts.length === 0 ? (
          <p>{C.cout.gratuit}</p>
        ) : (
          <>
            <p>{C.cout.timbre}</p>
            <ul>
              {besoins.couts.map((c) => (
                <li>
                  <strong>{c.libelle} : {c.montant}</strong>
                  <br />
                  <span class="fr-text--sm">{c.conditions}</span>
                </li>
              ))}
            </ul>
            <p>
              <a class="fr-link" href="/guides/timbre">
                {C.cout.lienTimbre}
              </a>
            </p>
          </>
        )}
      </section>

      <section class="fr-mb-5w" aria-labelledby="pieces-titre">
        <h2 id="pieces-titre">{C.pieces.titre}</h2>
        <p>{C.pieces.intro}</p>
        <ul>
          {besoins.pieces.map((p) => (
            <li class="fr-mb-2w">
              {p.libelle}
              {p.condition ? <span class="fr-hint-text">{p.condition}</span> : null}
              <span class="fr-hint-text">{p.pourquoi}</span>
            </li>
          ))}
        </ul>
      </section>

      <section class="fr-mb-5w" aria-labelledby="questions-titre">
        <h2 id="questions-titre">{C.questions.titre}</h2>
        <p>{C.questions.intro}</p>
        <ol>
          {besoins.etapes.map((etape) => (
            <li class="fr-mb-2w">
              <h3 class="fr-h6 fr-mb-1v">{etape.titre}</h3>
              {etape.condition ? <p class="fr-hint-text fr-mb-1v">{etape.condition}</p> : null}
              <ul>
                {etape.questions.map((q) => (
                  <li>
                    {q.libelle}
                    {q.aide ? <span class="fr-hint-text">{q.aide}</span> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
      <p class="gt-ecran-seulement">
        <a class="fr-btn" href={C.commencer.href}>
          {C.commencer.libelle}
        </a>
      </p>
    </div>
  );
}
