// Teams sends the bot's @mention as an <at> element inside the text; the name inside is not part of the command.
const MENTION = /<at\b[^>]*>[\s\S]*?<\/at\s*>/gi;
// Block-level tags separate lines, so they must not glue words together.
const BLOCK_TAG = /<\/?(?:p|div|br|li|ul|ol)\b[^<>]*>/gi;
const INLINE_TAG = /<\/?[a-z][a-z0-9:-]*\b[^<>]*>/gi;
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi;
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['nbsp', ' '],
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);
const SPACE_LIKE = /[\u00A0\u2007\u202F]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * The text of a Teams message as the user typed it: `<at>` mentions, HTML tags and entities removed, non-breaking
 * spaces made plain, trimmed. Case and inner spacing are kept, because comments and reasons are cut out of it.
 */
export function normalizeMessage(text: string): string {
  const withoutMarkup = text.replace(MENTION, ' ').replace(BLOCK_TAG, '\n').replace(INLINE_TAG, '');
  return decodeEntities(withoutMarkup).replace(SPACE_LIKE, ' ').replace(INVISIBLE, '').replace(/\r\n?/g, '\n').trim();
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (entity, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES.get(name.toLowerCase()) ?? entity;
    const codePoint = decimal !== undefined ? Number(decimal) : parseInt(hex ?? '', 16);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
  });
}
