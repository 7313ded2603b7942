import { describe, expect, it } from 'vitest';
import { renderDocument } from '../views/html.ts';
import type { PageContext } from '../views/page-context.ts';
import type { JourneyContent } from './content.ts';
import type { Journey } from './journey.ts';
import { RecapPage, StepPage } from './views.tsx';

const ctx: PageContext = { serviceName: 'Service', operatorName: 'Opérateur', demo: false, devMailbox: false, principal: null, csrfToken: 'jeton-csrf', path: '/', navigation: [] };
const journey: Journey = {
  name: 'essai',
  recap: 'verifier',
  fields: {
    couleur: { type: 'radio', options: ['rouge', 'vert'], validators: ['required'] },
    naissance: { type: 'date' },
  },
  steps: [{ path: 'choix', fields: ['couleur', 'naissance'], next: ['verifier'] }],
};
const content: JourneyContent = {
  title: 'Démarche',
  steps: { choix: { title: 'Votre choix' } },
  fields: { couleur: { label: 'Couleur', options: { rouge: 'Rouge <b>vif</b>', vert: 'Vert' } }, naissance: { label: 'Date' } },
  recap: { title: 'Vérifiez', lead: 'Relisez.', submit: 'Valider' },
};

describe('journey pages', () => {
  it('draws a radio question as a fieldset whose legend and error are read together, with an error summary linking to it', () => {
    const html = renderDocument(
      <StepPage ctx={ctx} journey={journey} content={content} step={journey.steps[0]!} action="/d/choix" back={undefined} values={{ naissance: '2010-05-14' }} errors={{ couleur: 'Choisissez une couleur.' }} aside={null} />,
    );
    expect(html).toContain('<title>Erreur : Votre choix — Démarche — Service</title>');
    expect(html).toContain('<fieldset class="fr-fieldset fr-fieldset--error" id="champ-couleur" aria-labelledby="champ-couleur-legend champ-couleur-messages">');
    expect(html).toContain('<a href="#champ-couleur">Choisissez une couleur.</a>');
    expect(html).toContain('Rouge &lt;b>vif&lt;/b>');
    expect(html).toContain('value="2010-05-14"');
    expect(html).toContain('name="_csrf" value="jeton-csrf"');
  });

  it('lists answers as people read them, each step with its "modifier" link', () => {
    const html = renderDocument(<RecapPage ctx={ctx} journey={journey} content={content} steps={[journey.steps[0]!]} answers={{ couleur: 'vert', naissance: '2010-05-14' }} base="/d" aside={null} />);
    expect(html).toContain('<dd>Vert</dd>');
    expect(html).toContain('<dd>14/05/2010</dd>');
    expect(html).toContain('href="/d/choix?modifier=1"');
    expect(html).toContain('<form method="post" action="/d/verifier">');
  });
});
