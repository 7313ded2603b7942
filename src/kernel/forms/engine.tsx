import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { View } from '../views/html.ts';
import { messageFor, type JourneyContent } from './content.ts';
import { checkJourney, findStep, nextOf, type Answers, type Journey, type JourneyState } from './journey.ts';
import { answersOnPath, applyStep, canOpen, progress, validateStep } from './progress.ts';
import type { Validator } from './validators.ts';
import { RecapPage, StepPage } from './views.tsx';

export interface JourneyRoutes<D> {
  journey: Journey;
  content: JourneyContent;
  validators: Record<string, Validator>;
  /** Route prefix, with parameters: `/pre-demande/:id`. Steps live at `${prefix}/:etape`. */
  prefix: string;
  preHandler?: preHandlerAsyncHookHandler;
  /** The draft behind this request, or undefined (not found, or not the requester's): 404. */
  load(request: FastifyRequest): Promise<{ draft: D; state: JourneyState } | undefined>;
  save(request: FastifyRequest, draft: D, state: JourneyState): Promise<void>;
  /** Runs when the person confirms on the recap page, with the answers on their path only. */
  finish(request: FastifyRequest, reply: FastifyReply, draft: D, answers: Answers): Promise<FastifyReply>;
  /** Content computed from the answers, shown above a step's fields or on the recap (a price…). */
  aside?(path: string, answers: Answers, draft: D): View | null;
}

/**
 * Runs a journey: GET shows a step with its saved answers; POST validates it, saves the
 * draft and redirects (post/redirect/get); errors show again with what was typed; a step
 * not yet reachable by the answers sends the person back to where they are.
 */
export function registerJourney<D>(app: FastifyInstance, routes: JourneyRoutes<D>) {
  const problems = checkJourney(routes.journey);
  if (problems.length > 0) throw new Error(`Parcours ${routes.journey.name} mal décrit :\n${problems.join('\n')}`);
  const { journey, content, validators } = routes;
  const options = routes.preHandler ? { preHandler: routes.preHandler } : {};
  const baseOf = (request: FastifyRequest) => {
    const params = request.params as Record<string, string>;
    return routes.prefix.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  };
  const previousOf = (state: JourneyState, path: string) => {
    const done = progress(journey, state, validators).done;
    const index = done.findIndex((step) => step.path === path);
    const previous = index === -1 ? done.at(-1) : done[index - 1];
    return previous?.path;
  };

  app.get(`${routes.prefix}/:etape`, options, async (request, reply) => {
    const { etape } = request.params as { etape: string };
    const loaded = await routes.load(request);
    if (!loaded || (etape !== journey.recap && !findStep(journey, etape))) return reply.sendPage('not-found');
    const base = baseOf(request);
    const { state, draft } = loaded;
    if (!canOpen(journey, etape, state, validators)) return reply.redirect(`${base}/${progress(journey, state, validators).current}`);
    if (etape === journey.recap) {
      const { done } = progress(journey, state, validators);
      const answers = answersOnPath(journey, state, validators);
      return reply.page(
        <RecapPage ctx={request.pageContext()} journey={journey} content={content} steps={done} answers={answers} base={base} aside={routes.aside?.(etape, answers, draft) ?? null} />,
      );
    }
    const step = findStep(journey, etape)!;
    const previous = previousOf(state, etape);
    return reply.page(
      <StepPage
        ctx={request.pageContext()}
        journey={journey}
        content={content}
        step={step}
        action={`${base}/${etape}${isEditing(request) ? '?modifier=1' : ''}`}
        back={previous ? `${base}/${previous}` : undefined}
        values={state.answers}
        errors={{}}
        aside={routes.aside?.(etape, state.answers, draft) ?? null}
      />,
    );
  });

  app.post(`${routes.prefix}/:etape`, options, async (request, reply) => {
    const { etape } = request.params as { etape: string };
    const loaded = await routes.load(request);
    if (!loaded || (etape !== journey.recap && !findStep(journey, etape))) return reply.sendPage('not-found');
    const base = baseOf(request);
    const { state, draft } = loaded;
    if (!canOpen(journey, etape, state, validators)) return reply.redirect(`${base}/${progress(journey, state, validators).current}`, 303);
    if (etape === journey.recap) return routes.finish(request, reply, draft, answersOnPath(journey, state, validators));

    const step = findStep(journey, etape)!;
    const outcome = validateStep(journey, step, (request.body ?? {}) as Record<string, unknown>, state, validators);
    const names = Object.keys(outcome.errors);
    if (names.length > 0) {
      const errors = Object.fromEntries(names.map((name) => [name, messageFor(content, name, outcome.errors[name]!)]));
      const previous = previousOf(state, etape);
      return reply.status(400).page(
        <StepPage
          ctx={request.pageContext()}
          journey={journey}
          content={content}
          step={step}
          action={`${base}/${etape}${isEditing(request) ? '?modifier=1' : ''}`}
          back={previous ? `${base}/${previous}` : undefined}
          values={{ ...state.answers, ...outcome.values }}
          errors={errors}
          aside={routes.aside?.(etape, { ...state.answers, ...outcome.values }, draft) ?? null}
        />,
      );
    }
    const saved = applyStep(journey, step, outcome.values, state);
    await routes.save(request, draft, saved);
    // Changing an answer from the recap returns there, unless the change opened new questions.
    const target = isEditing(request) ? progress(journey, saved, validators).current : nextOf(step, saved.answers);
    return reply.redirect(`${base}/${target}`, 303);
  });
}

function isEditing(request: FastifyRequest) {
  return (request.query as Record<string, unknown>).modifier === '1';
}
