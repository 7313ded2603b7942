import type { ComponentChildren, VNode } from 'preact';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * Templates are Preact components rendered to a string: every value is escaped by default.
 * `unsafeRawHtml` is the one door for markup we produced ourselves (e.g. an SVG chart);
 * never pass it anything that came from a user.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type View = VNode<any>;

export function renderDocument(page: View): string {
  return `<!doctype html>${renderToString(page)}`;
}

export function renderFragment(node: View): string {
  return renderToString(node);
}

export function unsafeRawHtml(html: string, tag: 'div' | 'span' = 'div'): View {
  return h(tag, { dangerouslySetInnerHTML: { __html: html } });
}

export type Children = ComponentChildren;
