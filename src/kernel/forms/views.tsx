import type { View } from '../views/html.ts';
import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';
import { ErrorSummary } from '../views/components/alert.tsx';
import { CsrfField } from '../views/components/csrf-field.tsx';
import { displayValue, type JourneyContent } from './content.ts';
import { FieldView } from './fields.tsx';
import type { Answers, Journey, StepDef } from './journey.ts';

export interface StepPageProps {
  ctx: PageContext;
  journey: Journey;
  content: JourneyContent;
  step: StepDef;
  action: string;
  back: string | undefined;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  aside: View | null;
}

export function StepPage({ ctx, journey, content, step, action, back, values, errors, aside }: StepPageProps) {
  const words = content.steps[step.path]!;
  const hasErrors = Object.keys(errors).length > 0;
  // "Erreur" first in the title: it is the first thing a screen reader announces on the new page.
  const title = `${hasErrors ? 'Erreur : ' : ''}${words.title} — ${content.title}`;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
          {back ? (
            <p>
              <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={back}>
                Étape précédente
              </a>
            </p>
          ) : null}
          <p class="fr-text--sm fr-mb-1w">{content.title}</p>
          <h1>{words.title}</h1>
          {words.lead ? <p class="fr-text--lead">{words.lead}</p> : null}
          <ErrorSummary errors={errors} />
          {aside}
          <form method="post" action={action} novalidate>
            <CsrfField token={ctx.csrfToken} />
            {step.fields.map((name) => (
              <FieldView name={name} def={journey.fields[name]!} content={content.fields[name]!} value={values[name]} error={errors[name]} />
            ))}
            <ul class="fr-btns-group fr-btns-group--inline-md">
              <li>
                <button class="fr-btn" type="submit">
                  Enregistrer et continuer
                </button>
              </li>
            </ul>
            <p class="fr-text--sm">Vos réponses sont enregistrées à chaque étape : vous pouvez reprendre plus tard.</p>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export interface RecapPageProps {
  ctx: PageContext;
  journey: Journey;
  content: JourneyContent;
  steps: StepDef[];
  answers: Answers;
  base: string;
  aside: View | null;
}

/** Check your answers: each step with its answers and a link to change them. */
export function RecapPage({ ctx, journey, content, steps, answers, base, aside }: RecapPageProps) {
  return (
    <Layout ctx={ctx} title={`${content.recap.title} — ${content.title}`}>
      <p class="fr-text--sm fr-mb-1w">{content.title}</p>
      <h1>{content.recap.title}</h1>
      <p class="fr-text--lead">{content.recap.lead}</p>
      {steps.map((step) => (
        <section class="fr-mb-4w">
          <h2 class="fr-h4">{content.steps[step.path]!.title}</h2>
          <dl>
            {step.fields
              .filter((name) => answers[name])
              .map((name) => (
                <div class="fr-mb-1w">
                  <dt class="fr-text--bold">{content.fields[name]!.label}</dt>
                  <dd>{displayValue(content, name, answers[name]!)}</dd>
                </div>
              ))}
          </dl>
          {step.fields.length > 0 ? (
            <a class="fr-link" href={`${base}/${step.path}?modifier=1`}>
              Modifier<span class="fr-sr-only"> : {content.steps[step.path]!.title}</span>
            </a>
          ) : null}
        </section>
      ))}
      {aside}
      <form method="post" action={`${base}/${journey.recap}`}>
        <CsrfField token={ctx.csrfToken} />
        <button class="fr-btn" type="submit">
          {content.recap.submit}
        </button>
      </form>
    </Layout>
  );
}
