import { unsafeRawHtml } from '../../kernel/views/html.ts';
import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { LIBELLES_STATUT } from './cycle-de-vie.ts';
import type { Justificatif } from './justificatifs.ts';
import type { PreDemande, RendezVous } from './pre-demande-repository.ts';
import { qrSvg } from './qr.ts';
import { timbresRequis, USAGES_TIMBRE } from './tarifs.ts';
import { AchatTimbre, actif, dateCourte, ligneMairie, ListeJustificatifs, titreDe, type MairieProche, type TimbreRattache } from './vues.tsx';

export interface ResultatProps {
  ctx: PageContext;
  pd: PreDemande;
  justificatifs: Justificatif[];
  mairies: readonly MairieProche[];
  /** Who helped (assisted mode), as one sentence. */
  aide?: string | null;
  rendezVous?: readonly RendezVous[];
  timbres?: { requis: string[]; rattaches: readonly TimbreRattache[]; achatPossible: boolean; jour: string };
}

const euros = (centimes: number) => `${(centimes / 100).toLocaleString('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} €`;

export function ResultatPage({ ctx, pd, justificatifs, mairies, aide, rendezVous = [], timbres }: ResultatProps) {
  const answers = pd.state.answers;
  const active = actif(pd);
  return (
    <Layout ctx={ctx} title={`Pré-demande ${pd.numero}`}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/mon-espace">
          Mon espace identité
        </a>
      </p>
      <h1>Votre pré-demande</h1>
      <p class={`fr-badge ${active ? 'fr-badge--success' : 'fr-badge--info'}`}>{LIBELLES_STATUT[pd.statut]}</p>
      <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">
        <div class="fr-col-12 fr-col-md-7">
          <p class="fr-mb-1w">Numéro de pré-demande</p>
          <p class="fr-h2" id="numero-pre-demande">
            {pd.numero}
          </p>
          <p>
            {titreDe(answers)} pour {pd.personne}. {active && pd.expireLe ? `Valable jusqu’au ${dateCourte(pd.expireLe)}.` : ''}
          </p>
          <p>Notez ce numéro ou imprimez le récapitulatif : la mairie vous le demandera, avec les pièces ci-dessous.</p>
          <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <a class="fr-btn fr-icon-download-line fr-btn--icon-left" href={`/pre-demande/${pd.id}/recapitulatif.pdf`} download>
                Télécharger le récapitulatif (PDF)
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/ou-aller">
                Trouver une mairie équipée
              </a>
            </li>
          </ul>
        </div>
        <div class="fr-col-12 fr-col-md-5" id="qr-code">
          {pd.numero && active ? unsafeRawHtml(qrSvg(pd.numero)) : null}
        </div>
      </div>
      {aide ? <p class="fr-text--sm">{aide}</p> : null}
      {rendezVous.length > 0 ? (
        <>
          <h2 class="fr-mt-4w">Mes rendez-vous</h2>
          <ul>
            {rendezVous.map((rdv) => (
              <li>
                {rdv.date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' })} — {rdv.lieu}
                {rdv.lienGestion ? (
                  <>
                    {' '}
                    (<a href={rdv.lienGestion}>gérer ce rendez-vous</a>)
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {timbres && timbres.requis.length > 0 ? (
        <>
          <h2 class="fr-mt-4w">Timbre fiscal</h2>
          <p>À fournir : {timbres.requis.join(' ; ')}.</p>
          {timbres.rattaches.length > 0 ? (
            <>
              <p>Timbre(s) acheté(s) pour cette pré-demande :</p>
              <ul id="timbres-rattaches">
                {timbres.rattaches.map((t) => (
                  <li>
                    Timbre n° {t.numero} — {euros(t.montantCentimes)}
                    {{ consomme: ' — déjà utilisé', rembourse: ' — remboursé, ne peut plus servir', expire: ' — expiré, ne peut plus servir' }[t.statut] ?? ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {timbres.achatPossible && active ? <AchatTimbre csrf={ctx.csrfToken} usages={timbresRequis(answers, timbres.jour).map((s) => USAGES_TIMBRE[s.tarif])} numero={pd.numero} libelle={timbresRequis(answers, timbres.jour)[0]?.titre === 'cni' ? 'carte d’identité' : 'passeport'} /> : null}
        </>
      ) : null}
      <h2 class="fr-mt-4w">Pièces à apporter en mairie</h2>
      <ListeJustificatifs items={justificatifs} />
      <h2 class="fr-mt-4w">Mairies équipées les plus proches</h2>
      {mairies.length === 0 ? (
        <p>
          Consultez <a href="/ou-aller">Où aller ?</a> pour trouver une mairie équipée d’un dispositif de recueil.
        </p>
      ) : (
        <ul>
          {mairies.map((mairie) => (
            <li>{ligneMairie(mairie)}</li>
          ))}
        </ul>
      )}
      {pd.statut === 'expiree' || pd.statut === 'annulee' ? (
        <form method="post" action={`/pre-demande/${pd.id}/renouveler`} class="fr-mt-4w">
          <CsrfField token={ctx.csrfToken} />
          <p>Cette pré-demande n’est plus utilisable. Vous pouvez en faire une nouvelle à partir des mêmes réponses, puis les vérifier.</p>
          <button class="fr-btn" type="submit">
            Refaire une pré-demande avec ces réponses
          </button>
        </form>
      ) : null}
      {active ? (
        <form method="post" action={`/pre-demande/${pd.id}/annuler`} class="fr-mt-4w">
          <CsrfField token={ctx.csrfToken} />
          <button class="fr-btn fr-btn--tertiary" type="submit">
            Annuler cette pré-demande
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
