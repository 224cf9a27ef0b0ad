import { renderTaskCard, webBase } from '../../../src/cards';
import {
  APPROVE_ID,
  REJECT_ID,
  byId,
  cardView,
  enView,
  finishActions,
  nextTo,
  nlView,
  ofType,
  task42,
  texts,
  transition,
} from './fixtures';

describe('renderTaskCard: open task', () => {
  test('task 42 with Approve (IsNext) and Reject renders the full card', () => {
    expect(renderTaskCard(task42(), enView)).toEqual({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.5',
      msteams: { width: 'Full' },
      body: [
        {
          type: 'ColumnSet',
          columns: [
            {
              type: 'Column',
              width: 'stretch',
              items: [
                {
                  type: 'TextBlock',
                  text: 'Approve invoice INV-2026-0042',
                  style: 'heading',
                  size: 'Medium',
                  weight: 'Bolder',
                  wrap: true,
                },
              ],
            },
            { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: 'Urgent', color: 'Attention', weight: 'Bolder' }] },
          ],
        },
        { type: 'TextBlock', text: 'Invoice approval', isSubtle: true, wrap: true, spacing: 'None' },
        {
          type: 'FactSet',
          facts: [
            { title: 'Task', value: '42' },
            { title: 'Due', value: 'Fri 4 Dec, 17:00' },
            { title: 'Status', value: 'Open' },
          ],
        },
        {
          type: 'Container',
          items: [
            {
              type: 'Input.Text',
              id: 'comment',
              label: 'Comment',
              placeholder: 'Add a comment',
              isMultiline: true,
              maxLength: 4000,
              isRequired: false,
              errorMessage: 'Please enter a comment.',
              value: '',
            },
            {
              type: 'Input.Text',
              id: 'reason',
              label: 'Reason',
              placeholder: 'Why this choice?',
              maxLength: 4000,
              isRequired: false,
              errorMessage: 'Please enter a reason.',
              value: '',
            },
          ],
        },
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.Execute',
              verb: 'task.finish',
              title: 'Approve',
              style: 'positive',
              data: { taskIds: [42], transitionId: APPROVE_ID, rev: 1 },
            },
            {
              type: 'Action.Execute',
              verb: 'task.finish',
              title: 'Reject',
              style: 'default',
              data: { taskIds: [42], transitionId: REJECT_ID, rev: 1 },
            },
          ],
        },
      ],
      actions: [
        {
          type: 'Action.ShowCard',
          title: 'Defer task',
          card: {
            type: 'AdaptiveCard',
            body: [
              {
                type: 'ColumnSet',
                columns: [
                  {
                    type: 'Column',
                    width: 'stretch',
                    items: [
                      {
                        type: 'Input.Date',
                        id: 'deferToDate',
                        label: 'Defer until',
                        isRequired: true,
                        errorMessage: 'Please choose a date.',
                        value: '',
                      },
                    ],
                  },
                  {
                    type: 'Column',
                    width: 'stretch',
                    items: [{ type: 'Input.Time', id: 'deferToTime', label: 'Time (optional)', value: '' }],
                  },
                ],
              },
            ],
            actions: [{ type: 'Action.Execute', verb: 'task.defer', title: 'Defer', data: { taskIds: [42], rev: 1 } }],
          },
        },
        { type: 'Action.OpenUrl', title: 'Open in DigiOffice', url: 'https://digioffice.example.nl/workflow/tasks/42' },
      ],
    });
  });

  test('[inference] the IsNext transition comes first and is the only positive one; the others keep their stored order', () => {
    const ids = ['c', 'a', 'n', 'b'].map((c) => `00000000-0000-0000-0000-00000000000${c}`);
    const snapshot = task42({
      transitions: [
        transition(ids[0]!, 'Send back'),
        transition(ids[1]!, 'Reject'),
        transition(ids[2]!, 'Approve', { IsNext: true }),
        transition(ids[3]!, 'Forward'),
      ],
    });
    expect(
      finishActions(renderTaskCard(snapshot, enView)).map((a) => [a.title, a.style, (a.data as { transitionId: string }).transitionId]),
    ).toEqual([
      ['Approve', 'positive', ids[2]],
      ['Send back', 'default', ids[0]],
      ['Reject', 'default', ids[1]],
      ['Forward', 'default', ids[3]],
    ]);
  });

  test('more than five transitions wrap onto a second button row (Teams shows at most six per row)', () => {
    const transitions = Array.from({ length: 8 }, (_, i) =>
      transition(`00000000-0000-0000-0000-00000000001${i}`, `Step ${i + 1}`, { IsNext: i === 0 }),
    );
    const rows = ofType(renderTaskCard(task42({ transitions }), enView), 'ActionSet');
    expect(rows.map((row) => (row.actions as Array<{ title: string }>).map((a) => a.title))).toEqual([
      ['Step 1', 'Step 2', 'Step 3', 'Step 4', 'Step 5'],
      ['Step 6', 'Step 7', 'Step 8'],
    ]);
  });

  test('taskIds stay a JSON number array after expansion', () => {
    const card = renderTaskCard(task42(), enView);
    const datas = ofType(card, 'Action.Execute').map((a) => (a.data as { taskIds: unknown }).taskIds);
    expect(datas).toEqual([[42], [42], [42]]);
  });

  test('the assignee picker appears only when a transition asks for ad-hoc assignment', () => {
    expect(byId(renderTaskCard(task42(), enView), 'assignees')).toBeUndefined();
    for (const flag of ['AssignmentAtStartWorkflowIsAdHoc', 'AssignmentIsAdHocRequired'] as const) {
      const snapshot = task42({
        transitions: [transition(APPROVE_ID, 'Approve', { IsNext: true, [flag]: true }), transition(REJECT_ID, 'Reject')],
      });
      expect(byId(renderTaskCard(snapshot, enView), 'assignees')).toEqual({
        type: 'Input.ChoiceSet',
        id: 'assignees',
        label: 'Assign to',
        placeholder: 'Search people or groups',
        isMultiSelect: true,
        style: 'filtered',
        choices: [],
        'choices.data': { type: 'Data.Query', dataset: 'digioffice.assignees:42' },
        value: '',
      });
    }
  });

  test('the picker names the transitions that require an assignee', () => {
    const snapshot = task42({
      transitions: [transition(APPROVE_ID, 'Forward', { IsNext: true, AssignmentIsAdHocRequired: true }), transition(REJECT_ID, 'Reject')],
    });
    expect(nextTo(renderTaskCard(snapshot, enView), 'assignees')).toEqual({
      type: 'TextBlock',
      text: 'Required for: Forward',
      isSubtle: true,
      size: 'Small',
      wrap: true,
      spacing: 'Small',
    });
  });

  test('kept assignees are prefilled and listed as static choices so they still display', () => {
    const snapshot = task42({ transitions: [transition(APPROVE_ID, 'Approve', { IsNext: true, AssignmentAtStartWorkflowIsAdHoc: true })] });
    const picker = byId(renderTaskCard(snapshot, { ...enView, inputs: { assignees: 'user:12,group:3,role:5' } }), 'assignees');
    expect(picker?.value).toBe('user:12,group:3,role:5');
    expect(picker?.choices).toEqual([
      { title: 'User 12', value: 'user:12' },
      { title: 'Group 3', value: 'group:3' },
      { title: 'Role 5', value: 'role:5' },
    ]);
  });

  test('deferral inputs appear only when a transition has DeferAtStartWorkflowIsAdHoc', () => {
    const plain = renderTaskCard(task42(), enView);
    expect(['deferUntilDate', 'deferUntilTime', 'deferralNote'].map((id) => byId(plain, id))).toEqual([undefined, undefined, undefined]);

    const snapshot = task42({ transitions: [transition(APPROVE_ID, 'Approve', { IsNext: true, DeferAtStartWorkflowIsAdHoc: true })] });
    const card = renderTaskCard(snapshot, {
      ...enView,
      inputs: { deferUntilDate: '2026-12-07', deferUntilTime: '09:00', deferralNote: 'after the audit' },
    });
    expect([byId(card, 'deferUntilDate'), byId(card, 'deferUntilTime'), byId(card, 'deferralNote')]).toEqual([
      { type: 'Input.Date', id: 'deferUntilDate', label: 'Start the next step on', value: '2026-12-07' },
      { type: 'Input.Time', id: 'deferUntilTime', label: 'Time', value: '09:00' },
      { type: 'Input.Text', id: 'deferralNote', label: 'Deferral note', maxLength: 4000, value: 'after the audit' },
    ]);
  });

  test('reason and comment are required when the task says so', () => {
    const card = renderTaskCard(task42({ reasonRequired: true, commentRequired: true }), enView);
    expect([byId(card, 'reason')?.isRequired, byId(card, 'reason')?.errorMessage]).toEqual([true, 'Please enter a reason.']);
    expect([byId(card, 'comment')?.isRequired, byId(card, 'comment')?.errorMessage]).toEqual([true, 'Please enter a comment.']);
  });

  test('kept inputs are prefilled', () => {
    const inputs = { comment: 'Looks good, see note', reason: '123', deferToDate: '2026-12-05', deferToTime: '08:30' };
    const card = renderTaskCard(task42(), { ...enView, inputs });
    expect(['comment', 'reason', 'deferToDate', 'deferToTime'].map((id) => byId(card, id)?.value)).toEqual([
      'Looks good, see note',
      '123',
      '2026-12-05',
      '08:30',
    ]);
  });

  test('a field error is shown right under its input; errors without an input go to the banner', () => {
    const card = renderTaskCard(task42(), {
      ...enView,
      inputs: { reason: '' },
      errors: [
        { field: 'reason', code: 'required' },
        { field: 'comment', code: 'tooLong', params: { max: '4000' } },
        { field: 'transition', code: 'transitionMissing' },
        { field: null, message: 'Workflow task 42 is locked.' },
        { field: 'assignees', code: 'invalidAssignee', params: { value: 'user:x' } },
      ],
      banner: { kind: 'error', text: 'Please check what you entered.' },
    });
    const errorBlock = (text: string) => ({ type: 'TextBlock', text, color: 'Attention', wrap: true, spacing: 'Small' });
    expect(nextTo(card, 'reason')).toEqual(errorBlock('This is required.'));
    expect(nextTo(card, 'comment')).toEqual(errorBlock('At most 4000 characters.'));
    expect((card.body as unknown[])[0]).toEqual({
      type: 'Container',
      style: 'attention',
      bleed: true,
      items: [
        { type: 'TextBlock', text: 'Please check what you entered.', wrap: true, weight: 'Bolder' },
        errorBlock('Choose one of the steps this task offers.'),
        errorBlock('DigiOffice did not accept this and says: Workflow task 42 is locked.'),
        errorBlock('Assign to: "user:x" is not a person, group or role.'),
      ],
    });
  });

  test('an error only DigiOffice worded is introduced in the viewer’s language, under its input', () => {
    const card = renderTaskCard(task42(), { ...nlView, errors: [{ field: 'reason', message: "'Reason' is too vague." }] });
    expect(nextTo(card, 'reason')).toMatchObject({ text: "DigiOffice heeft dit niet geaccepteerd en meldt: 'Reason' is too vague." });
  });

  test('a defer-to error is shown under the input in the defer form and, since that form is folded, in the banner', () => {
    const card = renderTaskCard(task42(), {
      ...enView,
      inputs: { deferToDate: '2020-01-01' },
      errors: [{ field: 'deferToDate', code: 'inPast' }],
    });
    expect(nextTo(card, 'deferToDate')).toEqual({
      type: 'TextBlock',
      text: 'Choose a moment in the future.',
      color: 'Attention',
      wrap: true,
      spacing: 'Small',
    });
    expect(texts((card.body as unknown[])[0])).toEqual(['Defer until: Choose a moment in the future.']);
  });

  test('a sign-in request keeps the inputs and offers the sign-in link in the banner', () => {
    const card = renderTaskCard(task42(), {
      ...enView,
      inputs: { comment: 'ok' },
      banner: { kind: 'error', text: 'Sign in to DigiOffice first. What you entered is kept.' },
      signInUrl: 'https://bot.example.nl/auth/signin?state=abc',
    });
    expect((card.body as unknown[])[0]).toEqual({
      type: 'Container',
      style: 'attention',
      bleed: true,
      items: [
        { type: 'TextBlock', text: 'Sign in to DigiOffice first. What you entered is kept.', wrap: true, weight: 'Bolder' },
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.OpenUrl',
              title: 'Sign in to DigiOffice',
              url: 'https://bot.example.nl/auth/signin?state=abc',
              style: 'positive',
            },
          ],
        },
      ],
    });
    expect(byId(card, 'comment')?.value).toBe('ok');
    expect(finishActions(card)).toHaveLength(2);
  });

  test('an info banner uses the accent style', () => {
    const card = renderTaskCard(task42(), {
      ...enView,
      banner: { kind: 'info', text: 'This task is already being finished. One moment…' },
    });
    expect((card.body as Array<{ style?: string }>)[0]?.style).toBe('accent');
  });
});

describe('renderTaskCard: header', () => {
  test('DigiOffice texts are data, never template: ${…}, quotes and newlines come out as they went in', () => {
    const snapshot = task42({ transitions: [transition(APPROVE_ID, '${$root.taskIds}', { IsNext: true })] });
    snapshot.task = { ...snapshot.task, Name: 'Pay "ACME" ${task.ID}\nnow', WorkflowDescription: "it's @{x}" };
    const card = renderTaskCard(snapshot, { ...enView, inputs: { comment: '${comment}' } });
    expect([texts(card)[0], texts(card)[2], finishActions(card)[0]?.title, byId(card, 'comment')?.value]).toEqual([
      'Pay "ACME" ${task.ID}\nnow',
      "it's @{x}",
      '${$root.taskIds}',
      '${comment}',
    ]);
  });

  test('the due date is shown in the user zone; no urgent badge, workflow or status when absent', () => {
    const snapshot = task42();
    snapshot.task = { ...snapshot.task, Urgent: false, WorkflowDescription: null, StatusDescription: null };
    const card = renderTaskCard(snapshot, cardView('en', { timezone: 'America/New_York' }));
    expect((card.body as unknown[]).slice(0, 2)).toEqual([
      {
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            items: [
              { type: 'TextBlock', text: 'Approve invoice INV-2026-0042', style: 'heading', size: 'Medium', weight: 'Bolder', wrap: true },
            ],
          },
        ],
      },
      {
        type: 'FactSet',
        facts: [
          { title: 'Task', value: '42' },
          { title: 'Due', value: 'Fri 4 Dec, 11:00' },
        ],
      },
    ]);
  });

  test('[inference] a due date at midnight is a date: shown without a time and not shifted to another day', () => {
    const snapshot = task42();
    snapshot.task = { ...snapshot.task, ExpirationDate: '2026-12-04T00:00:00.0000000' };
    const card = renderTaskCard(snapshot, cardView('en', { timezone: 'Europe/London' }));
    expect(ofType(card, 'FactSet')[0]?.facts).toEqual([
      { title: 'Task', value: '42' },
      { title: 'Due', value: 'Fri 4 Dec' },
      { title: 'Status', value: 'Open' },
    ]);
  });

  test('[inference] no due date fact for a missing or .NET MinValue date', () => {
    for (const ExpirationDate of [null, '0001-01-01T00:00:00.0000000', 'not a date']) {
      const snapshot = task42();
      snapshot.task = { ...snapshot.task, ExpirationDate };
      expect(ofType(renderTaskCard(snapshot, enView), 'FactSet')[0]?.facts).toEqual([
        { title: 'Task', value: '42' },
        { title: 'Status', value: 'Open' },
      ]);
    }
  });
});

describe('renderTaskCard: open link', () => {
  const urlOf = (card: ReturnType<typeof renderTaskCard>) => ofType(card, 'Action.OpenUrl').map((a) => a.url);

  test('joins the web base URL and the relative link with one slash', () => {
    expect(urlOf(renderTaskCard(task42(), { ...enView, webBase: webBase('https://do.example.nl/web/') }))).toEqual([
      'https://do.example.nl/web/workflow/tasks/42',
    ]);
  });

  test('keeps an absolute link to the web URL’s own origin', () => {
    const snapshot = task42();
    snapshot.task = { ...snapshot.task, RelativeDetailLink: 'https://digioffice.example.nl/workflow/tasks/42?tab=2' };
    expect(urlOf(renderTaskCard(snapshot, enView))).toEqual(['https://digioffice.example.nl/workflow/tasks/42?tab=2']);
  });

  test.each([
    ['an absolute link to another host', 'https://evil.example.com/workflow/tasks/42'],
    ['a host that only starts like the web host', 'https://digioffice.example.nl.evil.example.com/x'],
    ['another port on the web host', 'https://digioffice.example.nl:8443/workflow/tasks/42'],
    ['plain http to the https web host', 'http://digioffice.example.nl/workflow/tasks/42'],
    ['credentials on the web host', 'https://someone:secret@digioffice.example.nl/workflow/tasks/42'],
    ['a protocol-relative link', '//evil.example.com/workflow/tasks/42'],
    ['a protocol-relative link with backslashes', '\\\\evil.example.com/x'],
    ['a slash and a backslash', '/\\evil.example.com/x'],
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['JavaScript: in capitals, padded', '  JavaScript:alert(1)'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
  ])('links to the web URL itself for %s', (_what, RelativeDetailLink) => {
    const snapshot = task42();
    snapshot.task = { ...snapshot.task, RelativeDetailLink };
    expect(urlOf(renderTaskCard(snapshot, enView))).toEqual(['https://digioffice.example.nl']);
  });

  test('a relative link with tricks stays a path on the web host', () => {
    const link = (RelativeDetailLink: string) => {
      const snapshot = task42();
      snapshot.task = { ...snapshot.task, RelativeDetailLink };
      return urlOf(renderTaskCard(snapshot, enView));
    };
    expect(link('@evil.example.com/x')).toEqual(['https://digioffice.example.nl/@evil.example.com/x']);
    expect(link('java\tscript:alert(1)')).toEqual(['https://digioffice.example.nl/javascript:alert(1)']);
    expect(link('../../../evil')).toEqual(['https://digioffice.example.nl/evil']);
  });

  test('is omitted without a link or without a web base URL', () => {
    const noLink = task42();
    noLink.task = { ...noLink.task, RelativeDetailLink: null };
    expect(urlOf(renderTaskCard(noLink, enView))).toEqual([]);
    expect(urlOf(renderTaskCard(task42(), { ...enView, webBase: null }))).toEqual([]);
  });
});

describe('renderTaskCard: closed states', () => {
  const closedParts = (card: ReturnType<typeof renderTaskCard>) => ({
    result: (card.body as unknown[])[3],
    inputs: ofType(card, 'Input.Text').length + ofType(card, 'Input.Date').length,
    actions: card.actions,
    body: (card.body as unknown[]).length,
  });
  const openLink = { type: 'Action.OpenUrl', title: 'Open in DigiOffice', url: 'https://digioffice.example.nl/workflow/tasks/42' };
  const result = (text: string, color: string) => ({ type: 'TextBlock', text, color, weight: 'Bolder', wrap: true });

  test('finished: who finished it with which step, and when, in the user zone', () => {
    const card = renderTaskCard(
      task42({ state: { kind: 'finished', by: 'Jan de Vries', at: '2026-11-30T16:05:00.000Z', transitionName: 'Approve' } }),
      enView,
    );
    expect(closedParts(card)).toEqual({
      result: result('✔ Finished: Approve by Jan de Vries, Mon 30 Nov, 17:05', 'Good'),
      inputs: 0,
      actions: [openLink],
      body: 4,
    });
  });

  test('finished, in Dutch', () => {
    const card = renderTaskCard(
      task42({ state: { kind: 'finished', by: 'Jan de Vries', at: '2026-11-30T16:05:00.000Z', transitionName: 'Goedkeuren' } }),
      nlView,
    );
    expect(closedParts(card).result).toEqual(result('✔ Afgerond: Goedkeuren door Jan de Vries, ma 30 nov, 17:05', 'Good'));
  });

  test('deferred: still open in DigiOffice, so it says until when and keeps the form and every button', () => {
    const deferred = task42({
      revision: 3,
      state: { kind: 'deferred', by: 'Jan de Vries', at: '2026-11-30T16:05:00.000Z', until: '2026-12-07T08:00:00.000Z' },
    });
    const card = renderTaskCard(deferred, enView);
    const open = renderTaskCard(task42({ revision: 3 }), enView);

    expect(closedParts(card).result).toEqual(result('⏸ Deferred until Mon 7 Dec, 09:00 by Jan de Vries', 'Accent'));
    expect(finishActions(card)).toEqual(finishActions(open));
    expect(finishActions(card).map((a) => a.data)).toEqual([
      { taskIds: [42], transitionId: APPROVE_ID, rev: 3 },
      { taskIds: [42], transitionId: REJECT_ID, rev: 3 },
    ]);
    expect(card.actions).toEqual(open.actions);
    expect(ofType(card, 'Input.Text').map((i) => i.id)).toEqual(ofType(open, 'Input.Text').map((i) => i.id));
  });

  test('closed in DigiOffice, with and without who and when', () => {
    const line = (by: string | null, at: string | null) =>
      closedParts(renderTaskCard(task42({ state: { kind: 'closed', by, at } }), enView)).result;
    expect(line('Piet Jansen', '2026-12-01T09:30:00.000Z')).toEqual(
      result('✔ Finished in DigiOffice by Piet Jansen, Tue 1 Dec, 10:30', 'Good'),
    );
    expect(line(null, null)).toEqual(result('✔ Finished in DigiOffice', 'Good'));
    expect(closedParts(renderTaskCard(task42({ state: { kind: 'closed', by: null, at: null } }), enView)).actions).toEqual([openLink]);
  });

  test('unavailable', () => {
    const card = renderTaskCard(task42({ state: { kind: 'unavailable', at: '2026-12-01T09:30:00.000Z' } }), enView);
    expect(closedParts(card)).toEqual({
      result: result('This task can no longer be finished here. Open it in DigiOffice to see where it stands.', 'Warning'),
      inputs: 0,
      actions: [openLink],
      body: 4,
    });
  });

  test('kept inputs and field errors of a closed task go nowhere but the banner', () => {
    const card = renderTaskCard(task42({ state: { kind: 'unavailable', at: '2026-12-01T09:30:00.000Z' } }), {
      ...enView,
      inputs: { comment: 'x' },
      errors: [{ field: 'comment', code: 'tooLong', params: { max: '4000' } }],
    });
    expect(byId(card, 'comment')).toBeUndefined();
    expect(texts((card.body as unknown[])[0])).toEqual(['Comment: At most 4000 characters.']);
  });
});

describe('renderTaskCard: working', () => {
  test('shows the banner and the header, and no inputs or actions at all', () => {
    const card = renderTaskCard(task42(), {
      ...enView,
      inputs: { comment: 'ok' },
      banner: { kind: 'working', text: 'Finishing… this card updates when DigiOffice answers.' },
    });
    expect((card.body as unknown[])[0]).toEqual({
      type: 'Container',
      style: 'emphasis',
      bleed: true,
      items: [{ type: 'TextBlock', text: 'Finishing… this card updates when DigiOffice answers.', wrap: true, weight: 'Bolder' }],
    });
    expect(card.actions).toEqual([]);
    expect(ofType(card, 'ActionSet')).toEqual([]);
    expect(byId(card, 'comment')).toBeUndefined();
  });
});

describe('renderTaskCard: Dutch', () => {
  test('labels, buttons and dates are Dutch; DigiOffice texts are shown as they are', () => {
    const card = renderTaskCard(task42({ reasonRequired: true }), nlView);
    expect(ofType(card, 'FactSet')[0]?.facts).toEqual([
      { title: 'Taak', value: '42' },
      { title: 'Verloopt', value: 'vr 4 dec, 17:00' },
      { title: 'Status', value: 'Open' },
    ]);
    expect(texts(card).slice(0, 2)).toEqual(['Approve invoice INV-2026-0042', 'Urgent']);
    expect([byId(card, 'comment')?.label, byId(card, 'reason')?.label, byId(card, 'reason')?.errorMessage]).toEqual([
      'Opmerking',
      'Reden',
      'Vul een reden in.',
    ]);
    expect((card.actions as Array<{ title: string }>).map((a) => a.title)).toEqual(['Uitstellen', 'Openen in DigiOffice']);
    expect(byId(card, 'deferToDate')?.label).toBe('Uitstellen tot');
  });
});
