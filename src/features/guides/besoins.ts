import { holds, nextOf, type Answers, type Journey } from '../../kernel/forms/index.ts';
import { CONTENU_PRE_DEMANDE, justificatifs, timbresRequis } from '../pre-demande/index.ts';
import { euros, type EntreeCatalogue } from '../timbre/index.ts';
import { CE_QU_IL_VOUS_FAUT as C } from './contenu/ce-qu-il-vous-faut.ts';

/**
 * « Ce qu’il vous faut » for one situation, computed from the pré-demande's own journey
 * (which steps a person in this situation will see), its justificatifs rules and the stamp
 * catalogue. Answers beyond the situation are unknown here, so every value they may take
 * is tried: what appears only for some of them says so.
 */
export const CHAMPS_SITUATION = ['titre', 'motif', 'pour'] as const;
export type Situation = Record<(typeof CHAMPS_SITUATION)[number], string>;

export interface QuestionPrevue {
  libelle: string;
  aide?: string;
}
export interface EtapePrevue {
  titre: string;
  /** Absent when everyone in this situation sees the step. */
  condition?: string;
  questions: QuestionPrevue[];
}
export interface PiecePrevue {
  libelle: string;
  pourquoi: string;
  condition?: string;
}
export interface CoutPrevu {
  libelle: string;
  montant: string;
  conditions: string;
}
export interface Besoins {
  situation: Situation;
  /** « Passeport — Première demande — Pour moi (personne majeure) ». */
  resume: string;
  etapes: EtapePrevue[];
  pieces: PiecePrevue[];
  couts: CoutPrevu[];
}

/** The options of each situation question, with the form's own labels. */
export function optionsSituation(journey: Journey): { champ: (typeof CHAMPS_SITUATION)[number]; options: { valeur: string; libelle: string }[] }[] {
  return CHAMPS_SITUATION.map((champ) => ({
    champ,
    options: (journey.fields[champ]?.options ?? []).map((valeur) => ({ valeur, libelle: libelleOption(champ, valeur) })),
  }));
}

const libelleOption = (champ: string, valeur: string) => CONTENU_PRE_DEMANDE.fields[champ]?.options?.[valeur] ?? valeur;
const libelleChamp = (champ: string) => CONTENU_PRE_DEMANDE.fields[champ]?.label ?? champ;

export function besoins(journey: Journey, situation: Situation, jour: string, tarifs: readonly EntreeCatalogue[]): Besoins {
  return {
    situation,
    resume: CHAMPS_SITUATION.map((champ) => libelleOption(champ, situation[champ])).join(' — '),
    etapes: etapesPrevues(journey, situation),
    pieces: piecesPrevues(journey, situation, jour),
    couts: coutsPrevus(situation, jour, tarifs),
  };
}

/** Every combination of the answers the journey branches on and the situation does not fix. */
function combinaisons(journey: Journey, base: Answers): Answers[] {
  const champs = new Set<string>();
  for (const step of journey.steps) {
    for (const rule of step.next) if (typeof rule !== 'string' && typeof rule.when !== 'function' && !(rule.when.field in base)) champs.add(rule.when.field);
  }
  let resultat: Answers[] = [base];
  for (const champ of champs) {
    const options = journey.fields[champ]?.options ?? [];
    resultat = resultat.flatMap((answers) => options.map((option) => ({ ...answers, [champ]: option })));
  }
  return resultat;
}

function chemin(journey: Journey, answers: Answers): string[] {
  const vus: string[] = [];
  let step = journey.steps[0];
  while (step && !vus.includes(step.path)) {
    vus.push(step.path);
    const suite = nextOf(step, answers);
    step = journey.steps.find((s) => s.path === suite);
  }
  return vus;
}

function etapesPrevues(journey: Journey, situation: Situation): EtapePrevue[] {
  const cas = combinaisons(journey, situation).map((answers) => ({ answers, chemin: chemin(journey, answers) }));
  return journey.steps
    .filter((step) => cas.some((c) => c.chemin.includes(step.path)))
    .map((step) => {
      const vue = (c: (typeof cas)[number]) => c.chemin.includes(step.path);
      let condition: string | undefined;
      if (!cas.every(vue)) {
        // The one answer that opens this step, when there is one; otherwise a plain « selon vos réponses ».
        const declencheur = Object.entries(cas[0]!.answers)
          .filter(([champ]) => !(champ in situation))
          .flatMap(([champ]) => (journey.fields[champ]?.options ?? []).map((valeur) => ({ champ, valeur })))
          .find(({ champ, valeur }) => cas.every((c) => vue(c) === holds({ field: champ, is: valeur }, c.answers)));
        condition = declencheur ? C.si([libelleOption(declencheur.champ, declencheur.valeur)], libelleChamp(declencheur.champ)) : C.selon;
      }
      return {
        titre: CONTENU_PRE_DEMANDE.steps[step.path]?.title ?? step.path,
        ...(condition ? { condition } : {}),
        questions: step.fields.map((champ) => {
          const aide = CONTENU_PRE_DEMANDE.fields[champ]?.hint;
          return { libelle: libelleChamp(champ), ...(aide ? { aide } : {}) };
        }),
      };
    });
}

/** Each choice answer is tried alone (with the answer it goes with, if any) on top of the situation. */
function variantes(journey: Journey, situation: Situation): { answers: Answers; champ?: string; valeur?: string }[] {
  const liste: { answers: Answers; champ?: string; valeur?: string }[] = [{ answers: situation }];
  for (const [champ, def] of Object.entries(journey.fields)) {
    if (champ in situation || !def.options) continue;
    const compagnons = (def.validators ?? []).flatMap((v) => (Array.isArray(v) && v[0] === 'requiredWith' ? [String(v[1])] : []));
    for (const valeur of def.options) {
      liste.push({ answers: { ...situation, ...Object.fromEntries(compagnons.map((c) => [c, 'Renseigné'])), [champ]: valeur }, champ, valeur });
    }
  }
  return liste;
}

function piecesPrevues(journey: Journey, situation: Situation, jour: string): PiecePrevue[] {
  const cas = variantes(journey, situation).map((v) => ({ ...v, pieces: justificatifs(v.answers, jour) }));
  const vues = new Map<string, PiecePrevue & { id: string }>();
  for (const c of cas) for (const piece of c.pieces) if (!vues.has(`${piece.id}|${piece.libelle}`)) vues.set(`${piece.id}|${piece.libelle}`, { ...piece });
  return [...vues.values()].map(({ id, libelle, pourquoi }) => {
    const presente = (c: (typeof cas)[number]) => c.pieces.some((p) => p.id === id && p.libelle === libelle);
    const avec = cas.filter((c) => c.champ && presente(c));
    const sans = cas.filter((c) => c.champ && !presente(c));
    const phrase = (liste: typeof cas, forme: typeof C.si) => {
      const champs = [...new Set(liste.map((c) => c.champ!))];
      return champs.map((champ) => forme(liste.filter((c) => c.champ === champ).map((c) => libelleOption(champ, c.valeur!)), libelleChamp(champ))).join(C.ou);
    };
    const condition = presente(cas[0]!) ? (sans.length > 0 ? phrase(sans, C.sauf) : undefined) : phrase(avec, C.si);
    // The stamp's price is shown from the catalogue below, not from the rule's own wording.
    const texte = id === 'timbre' ? C.pieceTimbre : libelle;
    return { libelle: texte, pourquoi, ...(condition ? { condition } : {}) };
  });
}

function coutsPrevus(situation: Situation, jour: string, tarifs: readonly EntreeCatalogue[]): CoutPrevu[] {
  const pour = situation.pour === 'mineur' ? 'mineur' : 'moi';
  const codes = [...new Set(timbresRequis(situation, jour).flatMap((t) => C.codesTimbre[t.titre][pour]))];
  return codes.flatMap((code) => {
    const entree = tarifs.find((t) => t.code === code);
    return entree ? [{ libelle: entree.libelle, montant: euros(entree.montantCentimes), conditions: entree.conditions }] : [];
  });
}
