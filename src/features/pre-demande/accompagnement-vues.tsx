import { Layout } from '../../kernel/views/layout.tsx';
import type { PageContext } from '../../kernel/views/page-context.ts';
import { Alert, ErrorSummary } from '../../kernel/views/components/alert.tsx';
import { CsrfField } from '../../kernel/views/components/csrf-field.tsx';
import { Input } from '../../kernel/views/components/input.tsx';
import type { Accompagnement } from './accompagnement-repository.ts';
import { CODE_MINUTES, formaterCode, SESSION_MINUTES } from './accompagnement-service.ts';
import { LIBELLES_STATUT } from './cycle-de-vie.ts';
import type { Aide, PreDemande } from './pre-demande-repository.ts';
import { titreDe } from './vues.tsx';

const heure = (date: Date) => date.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
const dateHeure = (date: Date) => date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

/** The sentence the citizen reads wherever the help is shown (Mon espace, result page, PDF). */
export function phraseAide(aide: Aide, nomCommune: (code: string) => string): string {
  return `Pré-demande commencée avec l’aide de ${aide.agentNom}, espace numérique de la mairie de ${nomCommune(aide.commune)}, le ${dateHeure(aide.le)}.`;
}

function etatDe(a: Accompagnement, enCours: boolean) {
  if (a.termineLe) return `Terminé à ${heure(a.termineLe)}`;
  if (!enCours) return a.rejointLe ? 'Terminé (durée dépassée)' : 'Code expiré sans avoir été utilisé';
  return a.rejointLe ? `En cours depuis ${heure(a.rejointLe)}` : `En attente de la personne (code valable jusqu’à ${heure(a.codeExpireLe)})`;
}

const enCoursMaintenant = (a: Accompagnement, now: Date) => !a.termineLe && (a.rejointLe ? a.rejointLe.getTime() + SESSION_MINUTES * 60_000 > now.getTime() : a.codeExpireLe > now);

/** The agent's page: how the assisted mode works, the button that gives a code, recent sessions. */
export function AccueilAccompagnementPage({ ctx, recents, now, code }: { ctx: PageContext; recents: Accompagnement[]; now: Date; code?: { id: string; code: string; expireLe: Date } | undefined }) {
  return (
    <Layout ctx={ctx} title="Accompagner une pré-demande">
      <h1>Accompagner une pré-demande en ligne</h1>
      {code ? (
        <Alert type="success" title="Code d’accompagnement">
          <p class="fr-h2 fr-mb-1w" id="code-accompagnement">
            {formaterCode(code.code)}
          </p>
          <p>
            Donnez ce code à la personne. Il ne fonctionne qu’une fois, jusqu’à {heure(code.expireLe)}. Il n’apparaîtra plus ensuite.
          </p>
          <p>
            <a href={`/mairie/accompagnement/${code.id}`}>Suivre cet accompagnement</a>
          </p>
        </Alert>
      ) : null}
      <p>Une personne sans ordinateur ou peu à l’aise avec internet peut faire sa pré-demande sur le poste de la mairie, dans son propre compte, avec votre aide :</p>
      <ol>
        <li>Cliquez sur « Obtenir un code d’accompagnement » et notez le code.</li>
        <li>Déconnectez-vous du poste mis à la disposition du public.</li>
        <li>
          La personne se connecte à son compte, ou le crée sur place (vous pouvez l’aider à créer une adresse électronique). Elle tape elle-même son mot de passe : vous ne devez jamais le connaître.
        </li>
        <li>Dans « Mon espace identité », elle saisit le code : sa session devient « accompagnée » et votre aide est enregistrée sur la pré-demande qu’elle commence.</li>
        <li>À la fin, la personne se déconnecte. L’accompagnement se termine aussi de lui-même après {SESSION_MINUTES / 60} heures.</li>
      </ol>
      <form method="post" action="/mairie/accompagnement" class="fr-my-4w">
        <CsrfField token={ctx.csrfToken} />
        <button class="fr-btn" type="submit">
          Obtenir un code d’accompagnement
        </button>
        <p class="fr-hint-text fr-mt-1w">Le code est valable {CODE_MINUTES} minutes et ne sert qu’une fois.</p>
      </form>
      <h2>Mes derniers accompagnements</h2>
      {recents.length === 0 ? (
        <p>Aucun accompagnement pour le moment.</p>
      ) : (
        <ul>
          {recents.map((a) => (
            <li>
              <a href={`/mairie/accompagnement/${a.id}`}>Commencé le {dateHeure(a.creeLe)}</a> — {etatDe(a, enCoursMaintenant(a, now))}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** One session seen by its agent: while it lasts, the pré-demandes started in it; after, only how many. */
export function SuiviAccompagnementPage({ ctx, accompagnement, enCours, preDemandes }: { ctx: PageContext; accompagnement: Accompagnement; enCours: boolean; preDemandes: PreDemande[] }) {
  return (
    <Layout ctx={ctx} title="Suivi d’un accompagnement">
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/mairie/accompagnement">
          Accompagner une pré-demande
        </a>
      </p>
      <h1>Accompagnement du {dateHeure(accompagnement.creeLe)}</h1>
      <p class="fr-badge fr-badge--info">{etatDe(accompagnement, enCours)}</p>
      <h2 class="fr-mt-4w">Pré-demandes commencées pendant cet accompagnement</h2>
      {!enCours ? (
        <p>
          {preDemandes.length} pré-demande(s). L’accompagnement est terminé : leur détail n’est visible que par la personne, dans son espace.
        </p>
      ) : preDemandes.length === 0 ? (
        <p>Aucune pour le moment.</p>
      ) : (
        <ul>
          {preDemandes.map((pd) => (
            <li>
              {titreDe(pd.state.answers)} — {LIBELLES_STATUT[pd.statut]}
              {pd.numero ? ` — numéro ${pd.numero}` : ''}
            </li>
          ))}
        </ul>
      )}
      {enCours ? (
        <form method="post" action={`/mairie/accompagnement/${accompagnement.id}/terminer`} class="fr-mt-4w">
          <CsrfField token={ctx.csrfToken} />
          <button class="fr-btn fr-btn--secondary" type="submit">
            Terminer l’accompagnement
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

/** The citizen's side, in Mon espace identité: type the agent's code, or see and end the help. */
export function BlocAccompagnement({ ctx, enCours, nomCommune }: { ctx: PageContext; enCours: Accompagnement | undefined; nomCommune: (code: string) => string }) {
  if (enCours) {
    return (
      <div class="fr-mb-4w">
        <Alert type="info" title="Session accompagnée">
          <p>
            {enCours.agentNom}, de l’espace numérique de la mairie de {nomCommune(enCours.commune)}, vous aide. Son aide sera inscrite sur la pré-demande que vous commencez. Cette personne ne connaît pas votre mot de passe.
          </p>
          <form method="post" action="/accompagnement/terminer">
            <CsrfField token={ctx.csrfToken} />
            <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
              Terminer l’accompagnement
            </button>
          </form>
        </Alert>
      </div>
    );
  }
  return (
    <p class="fr-mb-4w">
      Un agent d’un espace numérique vous aide ? <a href="/accompagnement">Saisissez le code d’accompagnement qu’il vous a donné</a>.
    </p>
  );
}

export function RejoindrePage({ ctx, valeur, erreur }: { ctx: PageContext; valeur?: string; erreur?: string | undefined }) {
  return (
    <Layout ctx={ctx} title={`${erreur ? 'Erreur : ' : ''}Code d’accompagnement`}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/mon-espace">
          Mon espace identité
        </a>
      </p>
      <h1>Être accompagné par un espace numérique</h1>
      <p>L’agent de la mairie vous a donné un code de 8 caractères. En le saisissant, vous acceptez que son aide soit inscrite sur la pré-demande que vous allez commencer. Vous restez seul à connaître votre mot de passe.</p>
      <ErrorSummary errors={{ code: erreur }} />
      <form method="post" action="/accompagnement" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Input name="code" label="Code d’accompagnement" hint="Exemple : ABCD-2345" value={valeur} error={erreur} autocomplete="off" maxlength={20} required />
        <button class="fr-btn" type="submit">
          Valider le code
        </button>
      </form>
    </Layout>
  );
}
