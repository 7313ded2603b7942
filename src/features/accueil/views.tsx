import type { PageContext } from '../../kernel/views/page-context.ts';
import { Layout } from '../../kernel/views/layout.tsx';

function Tile({ title, href, description }: { title: string; href: string; description: string }) {
  return (
    <div class="fr-col-12 fr-col-md-4">
      <div class="fr-tile fr-enlarge-link">
        <div class="fr-tile__body">
          <div class="fr-tile__content">
            <h3 class="fr-tile__title">
              <a href={href}>{title}</a>
            </h3>
            <p class="fr-tile__detail">{description}</p>
          </div>
        </div>
      </div>
    </div>
  );
}

export function HomePage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Accueil">
      <h1>Carte d’identité et passeport</h1>
      <p class="fr-text--lead">
        Depuis mars 2017, vous pouvez demander votre carte nationale d’identité ou votre passeport dans n’importe quelle mairie
        équipée d’un dispositif de recueil. Préparez votre demande en ligne avant de vous déplacer : c’est plus rapide pour vous
        et pour la mairie.
      </p>

      <h2>Je suis un particulier</h2>
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-5w">
        <Tile title="Où aller ?" href="/ou-aller" description="Trouver la mairie équipée la plus proche, ou un lieu qui aide à faire la pré-demande en ligne." />
        <Tile title="Carte et liste des lieux" href="/ou" description="Toutes les mairies équipées, espaces numériques, MSAP et points numériques de la préfecture." />
        <Tile title="Faire ma pré-demande" href="/connexion" description="Créer mon compte, remplir le formulaire en ligne et noter mon numéro de pré-demande." />
        <Tile title="Acheter un timbre fiscal" href="/timbre" description="Le timbre fiscal électronique, reçu par courriel ou par SMS." />
        <Tile title="Guides pas à pas" href="/guides" description="Créer une adresse électronique, faire sa pré-demande, acheter un timbre : chaque étape expliquée, et ce qu’il vous faut avant de commencer." />
        <Tile title="Kit d’accompagnement" href="/kit" description="Qui fait quoi, où aller, comment faire : le kit toujours à jour, à lire, imprimer ou télécharger en PDF, pour le département ou votre commune." />
      </div>

      <h2>Je suis agent</h2>
      <div class="fr-grid-row fr-grid-row--gutters">
        <Tile title="Espace agents" href="/agent/connexion" description="Mairies, préfecture et instruction : se connecter pour traiter les demandes et suivre les dossiers." />
      </div>
    </Layout>
  );
}

const AGENT_CAPABILITIES: Record<string, string[]> = {
  agent_mairie: [
    'Recevoir les demandeurs et traiter les pré-demandes en ligne (mairie équipée d’un dispositif de recueil).',
    'À défaut, saisir les dossiers Cerfa papier.',
    'Remettre les titres disponibles.',
    'Aider à la pré-demande en ligne (mairie avec espace numérique) ou orienter vers la mairie équipée la plus proche.',
  ],
  agent_prefecture: ['Informer et orienter les usagers à l’accueil et au téléphone.', 'Suivre les dossiers du département.'],
  instructeur: ['Instruire les demandes de titres du département.'],
  admin: ['Gérer les comptes agents et les points d’accueil.', 'Suivre les messages en échec.'],
};

type Lien = [href: string, label: string];

/**
 * What each agent works on, by role and, for a mairie, by what its place is equipped with:
 * the DR counter's actions first; an espace numérique's assisted pré-demande; a mairie with
 * neither informs and orients. Only pages the agent can open are listed (tested).
 */
const MAIRIE_DR: { principaux: Lien[]; autres: Lien[] } = {
  principaux: [
    ['/mairie/recueil', 'Recevoir une pré-demande'],
    ['/mairie/cerfa', 'Saisir un Cerfa papier'],
    ['/mairie/remise', 'Remettre un titre'],
    ['/mairie/reception', 'Réceptionner des titres'],
  ],
  autres: [
    ['/mairie/demandes', 'Demandes de la mairie'],
    ['/agent/timbres', 'Vérifier un timbre fiscal'],
    ['/agent/jetons-api', 'Mes jetons d’API'],
    ['/pilotage', 'Tableau de bord'],
  ],
};
const MAIRIE_ESPACE_NUMERIQUE: { principaux: Lien[]; autres: Lien[] } = {
  principaux: [['/mairie/accompagnement', 'Accompagner une pré-demande']],
  autres: [
    ['/ou-aller', 'Orienter vers une mairie équipée'],
    ['/agent/timbres', 'Vérifier un timbre fiscal'],
    ['/pilotage', 'Tableau de bord'],
  ],
};
const MAIRIE_SANS_EQUIPEMENT: { principaux: Lien[]; autres: Lien[] } = {
  principaux: [['/ou-aller', 'Orienter vers une mairie équipée']],
  autres: [
    ['/kit', 'Kit d’accompagnement'],
    ['/agent/timbres', 'Vérifier un timbre fiscal'],
    ['/pilotage', 'Tableau de bord'],
  ],
};

const AGENT_LINKS: Record<string, { principaux: Lien[]; autres: Lien[] }> = {
  agent_prefecture: {
    principaux: [['/prefecture/recherche', 'Rechercher une demande']],
    autres: [
      ['/ou-aller', 'Orienter un usager'],
      ['/pilotage', 'Tableau de bord'],
    ],
  },
  instructeur: { principaux: [['/instruction', 'File d’instruction']], autres: [['/pilotage', 'Tableau de bord']] },
  admin: {
    principaux: [
      ['/admin/agents', 'Gérer les agents'],
      ['/admin/points', 'Lieux et mairies'],
    ],
    autres: [
      ['/admin/jetons-api', 'Jetons d’API des agents'],
      ['/admin/editeurs-api', 'Éditeurs de logiciels de rendez-vous'],
      ['/pilotage', 'Tableau de bord'],
    ],
  },
};

const DOUBLE_FACTEUR: Lien = ['/agent/double-facteur/activation', 'Double authentification'];

function liensAgent(role: string, niveauMairie: string | null) {
  const liens = role !== 'agent_mairie' ? (AGENT_LINKS[role] ?? { principaux: [], autres: [] }) : niveauMairie === 'dr' ? MAIRIE_DR : niveauMairie === 'espace_numerique' ? MAIRIE_ESPACE_NUMERIQUE : MAIRIE_SANS_EQUIPEMENT;
  return { principaux: liens.principaux, autres: [...liens.autres, DOUBLE_FACTEUR] };
}

export function AgentHomePage({ ctx, niveauMairie }: { ctx: PageContext; niveauMairie: string | null }) {
  const principal = ctx.principal!;
  const role = principal.role ?? 'agent_mairie';
  const liens = liensAgent(role, niveauMairie);
  return (
    <Layout ctx={ctx} title="Espace agents">
      <h1>Espace agents</h1>
      <p class="fr-text--lead">Bonjour {principal.displayName}.</p>
      <h2>Accès directs</h2>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        {liens.principaux.map(([href, label]) => (
          <li>
            <a class="fr-btn" href={href}>
              {label}
            </a>
          </li>
        ))}
        {liens.autres.map(([href, label]) => (
          <li>
            <a class="fr-btn fr-btn--secondary" href={href}>
              {label}
            </a>
          </li>
        ))}
      </ul>
      <h2>Ce que vous pouvez faire ici</h2>
      <ul>
        {(AGENT_CAPABILITIES[role] ?? []).map((line) => (
          <li>{line}</li>
        ))}
      </ul>
    </Layout>
  );
}

const LEGAL: Record<string, { title: string; paragraphs: string[] }> = {
  accessibilite: {
    title: 'Déclaration d’accessibilité',
    paragraphs: [
      'État de conformité : non conforme. Ce site n’a pas encore fait l’objet d’un audit de conformité au référentiel général d’amélioration de l’accessibilité (RGAA).',
      'Chaque page est néanmoins testée automatiquement et utilisable sans JavaScript. Si vous ne parvenez pas à accéder à un contenu ou à un service, contactez l’opérateur du site pour être orienté vers une alternative accessible.',
    ],
  },
  'mentions-legales': {
    title: 'Mentions légales',
    paragraphs: [
      'Ce service est un logiciel libre de démarches de carte nationale d’identité et de passeport.',
      'L’éditeur et l’hébergeur du service sont désignés par l’organisme qui l’opère.',
    ],
  },
  'donnees-personnelles': {
    title: 'Données personnelles',
    paragraphs: [
      'Les données saisies servent uniquement à la préparation et au suivi de votre demande de titre.',
      'Les mots de passe sont conservés sous forme d’empreinte (argon2id) ; les sessions sont conservées côté serveur et expirent après une période d’inactivité.',
      'Les actions des agents sur vos données sont tracées dans un journal d’audit.',
    ],
  },
};

export function LegalPage({ ctx, slug }: { ctx: PageContext; slug: keyof typeof LEGAL }) {
  const page = LEGAL[slug]!;
  return (
    <Layout ctx={ctx} title={page.title}>
      <h1>{page.title}</h1>
      {page.paragraphs.map((text) => (
        <p>{text}</p>
      ))}
    </Layout>
  );
}

export const LEGAL_SLUGS = Object.keys(LEGAL);
