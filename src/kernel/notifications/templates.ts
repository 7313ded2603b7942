export type Channel = 'email' | 'sms';

export interface MessageAttachment {
  filename: string;
  contentType: string;
  /** Bytes, or a function making them at send time (a PDF renders asynchronously); never stored. */
  content: Buffer | (() => Promise<Buffer>);
}

export interface RenderedMessage {
  subject?: string;
  text: string;
  attachments?: MessageAttachment[];
}

/**
 * A message template, versioned: a row keeps the version it was written with, so a
 * message queued before a wording change is still sent with the wording it was built for.
 */
export interface MessageTemplate<V extends Record<string, string> = Record<string, string>> {
  readonly name: string;
  readonly version: number;
  readonly channel: Channel;
  render(values: V): RenderedMessage;
}

export class TemplateRegistry {
  private readonly templates = new Map<string, MessageTemplate>();

  register(...templates: MessageTemplate<never>[]) {
    for (const template of templates) {
      const key = `${template.name}@${template.version}`;
      if (this.templates.has(key)) throw new Error(`Modèle de message déjà enregistré : ${key}`);
      this.templates.set(key, template);
    }
    return this;
  }

  get(name: string, version: number): MessageTemplate | undefined {
    return this.templates.get(`${name}@${version}`);
  }
}
