import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '../core/limits';
import type { ChatRun } from '../core/chatViews';

/** The verb of a chat question's buttons (cards/chatChoices.json). */
export const CHAT_RUN_VERB = 'chat.run';

/** A typed message is at most a comment long, with room for the command around it. */
const MAX_RUN_TEXT = MAX_TEXT_LENGTH + 1000;
const MAX_PINNED_NAMES = 50;

const ChatRunData = z.object(
  {
    text: z.string('expected the command text').min(1, 'the command text is empty').max(MAX_RUN_TEXT, 'the command text is too long'),
    label: z.string().max(1000).optional(),
    step: z.string().min(1).max(1000).optional(),
    assignees: z
      .record(
        z.string().min(1).max(1000),
        z.string().regex(/^(user|group|role):\d{1,10}$/, 'expected values like user:12'),
        'expected names with their assignees',
      )
      .refine((names) => Object.keys(names).length <= MAX_PINNED_NAMES, `at most ${MAX_PINNED_NAMES} names`)
      .optional(),
  },
  'expected the command to run',
);

type ChatRunResult = { ok: true; run: ChatRun; label: string } | { ok: false; error: string };

/**
 * The `data` of a `chat.run` click: the command to run again and what earlier buttons settled. It is no more trusted
 * than typed text: it runs as the clicking user, and DigiOffice checks every assignee.
 */
export function parseChatRunData(data: unknown): ChatRunResult {
  const parsed = ChatRunData.safeParse(data);
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ') };
  const { text, label, step, assignees } = parsed.data;
  return { ok: true, run: { text, ...(step ? { step } : {}), ...(assignees ? { assignees } : {}) }, label: label ?? text };
}
