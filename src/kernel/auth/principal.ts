export const AGENT_ROLES = ['agent_mairie', 'agent_prefecture', 'instructeur', 'admin'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const ROLE_LABELS: Record<AgentRole, string> = {
  agent_mairie: 'Agent de mairie',
  agent_prefecture: 'Agent de préfecture (accueil et téléphone)',
  instructeur: 'Instructeur',
  admin: 'Administrateur',
};

/** Who is signed in: a snapshot taken at sign-in and kept in the server-side session. */
export interface Principal {
  readonly userId: string;
  readonly kind: 'usager' | 'agent';
  readonly role: AgentRole | null;
  readonly communeInsee: string | null;
  readonly departement: string | null;
  readonly displayName: string;
}

export function isAgentRole(value: unknown): value is AgentRole {
  return typeof value === 'string' && (AGENT_ROLES as readonly string[]).includes(value);
}
