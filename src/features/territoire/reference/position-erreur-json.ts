// Situe la première erreur de syntaxe d'un texte JSON. Les messages de JSON.parse (V8)
// ne donnent la position que pour certaines erreurs (« Unexpected token ',', ..."atures":
// [,] » n'en dit rien) ; or un administrateur qui importe un fichier de plusieurs
// mégaoctets doit savoir à quelle ligne regarder. On ne relit le texte qu'après un échec.
//
// Automate itératif plutôt que descente récursive : un fichier hostile fait de milliers de
// crochets ouvrants ne doit pas épuiser la pile d'appels.

export interface PositionTexte {
  /** Décalage en caractères depuis le début du texte. */
  readonly decalage: number;
  readonly ligne: number;
  readonly colonne: number;
}

const NOMBRE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ECHAPPEMENT = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

export function positionDansTexte(texte: string, decalage: number): PositionTexte {
  const avant = texte.slice(0, decalage).split('\n');
  return { decalage, ligne: avant.length, colonne: (avant.at(-1)?.length ?? 0) + 1 };
}

/** Fin de la chaîne qui commence en `debut`, ou position du caractère fautif. */
function finDeChaine(texte: string, debut: number): { fin: number } | { erreur: number } {
  let i = debut + 1;
  while (i < texte.length) {
    const code = texte.charCodeAt(i);
    if (code === 0x22) return { fin: i + 1 };
    if (code < 0x20) return { erreur: i };
    if (code === 0x5c) {
      ECHAPPEMENT.lastIndex = i;
      if (!ECHAPPEMENT.test(texte)) return { erreur: i };
      i = ECHAPPEMENT.lastIndex;
    } else i++;
  }
  return { erreur: texte.length };
}

/** Position de la première erreur de syntaxe, ou null si le texte est un JSON valide. */
export function positionErreurJson(texte: string): PositionTexte | null {
  const pile: ('{' | '[')[] = [];
  let i = 0;
  const blancs = (): void => {
    while (i < texte.length && ' \t\n\r'.includes(texte.charAt(i))) i++;
  };
  const erreur = (decalage: number): PositionTexte => positionDansTexte(texte, Math.min(decalage, texte.length));
  // Après « { » ou « , » dans un objet : une clé, puis « : ».
  const cle = (): boolean => {
    blancs();
    if (texte.charAt(i) !== '"') return false;
    const chaine = finDeChaine(texte, i);
    if ('erreur' in chaine) return false;
    i = chaine.fin;
    blancs();
    if (texte.charAt(i) !== ':') return false;
    i++;
    return true;
  };

  for (;;) {
    // Une valeur est attendue en i.
    blancs();
    const c = texte.charAt(i);
    if (c === '{' || c === '[') {
      pile.push(c);
      i++;
      blancs();
      const fermante = c === '{' ? '}' : ']';
      if (texte.charAt(i) === fermante) {
        pile.pop();
        i++;
      } else {
        if (c === '{' && !cle()) return erreur(i);
        continue;
      }
    } else if (c === '"') {
      const chaine = finDeChaine(texte, i);
      if ('erreur' in chaine) return erreur(chaine.erreur);
      i = chaine.fin;
    } else if (texte.startsWith('true', i) || texte.startsWith('null', i)) i += 4;
    else if (texte.startsWith('false', i)) i += 5;
    else {
      NOMBRE.lastIndex = i;
      if (!NOMBRE.test(texte)) return erreur(i);
      i = NOMBRE.lastIndex;
    }
    // Une valeur vient de se terminer : séparateur ou fermeture du conteneur.
    for (;;) {
      blancs();
      const ouvert = pile.at(-1);
      if (ouvert === undefined) return i === texte.length ? null : erreur(i);
      const s = texte.charAt(i);
      if (s === ',') {
        i++;
        if (ouvert === '{' && !cle()) return erreur(i);
        break;
      }
      if (s !== (ouvert === '{' ? '}' : ']')) return erreur(i);
      pile.pop();
      i++;
    }
  }
}
