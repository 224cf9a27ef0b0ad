/** Queries over Adaptive Card JSON, to find inputs and actions wherever the layout puts them. */
type Json = unknown;

/** Every node of a card (depth first), to find inputs and actions wherever the layout puts them. */
export function nodes(card: Json): Array<Record<string, Json>> {
  const found: Array<Record<string, Json>> = [];
  const walk = (value: Json) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      found.push(value as Record<string, Json>);
      Object.values(value).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export const byId = (card: Json, id: string) => nodes(card).find((n) => n.id === id);
export const ofType = (card: Json, type: string) => nodes(card).filter((n) => n.type === type);

/** The Action.Execute buttons a user can click: every one but the card's `refresh` action, which Teams runs itself. */
export const executeButtons = (card: Json) => {
  const refresh = (card as { refresh?: { action?: unknown } } | null)?.refresh?.action;
  return ofType(card, 'Action.Execute').filter((a) => a !== refresh);
};

/** The `chat.run` buttons of a chat question card: title and data, as Teams sends them back on a click. */
export const chatButtons = (card: Json) => ofType(card, 'Action.Execute').map((a) => ({ verb: a.verb, title: a.title, data: a.data }));

/** The finish buttons, in the order they appear. */
export const finishActions = (card: Json) => ofType(card, 'Action.Execute').filter((a) => a.verb === 'task.finish');

/** The element right after the input `id` in its container (where its error text goes). */
export function nextTo(card: Json, id: string): Json {
  for (const node of nodes(card)) {
    for (const list of Object.values(node)) {
      if (!Array.isArray(list)) continue;
      const index = list.findIndex((item: Json) => (item as { id?: string } | null)?.id === id);
      if (index >= 0) return list[index + 1];
    }
  }
  return undefined;
}

export const texts = (card: Json) => ofType(card, 'TextBlock').map((b) => b.text);

/** The Adaptive Card inside a connector activity body (first attachment). */
export function cardOf(activity: unknown): Record<string, Json> {
  const attachments = (activity as { attachments?: Array<{ contentType?: string; content?: unknown }> } | null)?.attachments ?? [];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  if (!card || typeof card !== 'object') throw new Error(`no Adaptive Card in ${JSON.stringify(activity).slice(0, 300)}`);
  return card as Record<string, Json>;
}

/** The first line of a task card's banner (the Container at the top of its body), or null when it has none. */
export function bannerText(card: Json): string | null {
  const first = ((card as { body?: Json[] } | null)?.body ?? [])[0] as Record<string, Json> | undefined;
  if (first?.type !== 'Container') return null;
  const text = texts(first)[0];
  return typeof text === 'string' ? text : null;
}
