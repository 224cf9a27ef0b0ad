import { NOTIFY_KEY, useHarness } from '../helpers/harness';
import { ALEX } from '../helpers/teamsActivities';

describe('POST /api/notifications (the webhook contract, docs/admin-guide.md §8)', () => {
  const h = useHarness({ per: 'file', install: [ALEX] });

  const valid = () => h.sim.notificationFor(42, { userPrincipalName: ALEX.userPrincipalName });

  it('answers 401 without a key, with a wrong key, and with a non-Bearer scheme, queuing nothing', async () => {
    const before = h.connector.calls.length;
    const missing = await fetch(`${h.botUrl}/api/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(valid()),
    });
    const wrong = await h.notify(valid(), { authorization: 'Bearer not-the-key' });
    const basic = await h.notify(valid(), { authorization: `Basic ${Buffer.from(`x:${NOTIFY_KEY}`).toString('base64')}` });
    await h.idle();

    const body = { error: 'unauthorized', message: 'Send the notification key as "Authorization: Bearer <NOTIFY_API_KEY>".' };
    expect({ status: missing.status, body: await missing.json() }).toEqual({ status: 401, body });
    expect(wrong).toEqual({ status: 401, body });
    expect(basic).toEqual({ status: 401, body });
    expect(h.connector.calls.length).toBe(before);
  });

  it('answers 400 naming every invalid field', async () => {
    const n = valid();
    const response = await h.notify({
      ...n,
      event: 'task.moved',
      recipient: {},
      task: { ...n.task, ID: 'forty-two' },
      transitions: [{ Name: 'Approve' }],
    });

    expect(response.status).toBe(400);
    const body = response.body as { error: string; errors: Array<{ path: string; message: string }> };
    expect(body.error).toBe('invalidNotification');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['event', 'recipient', 'task.ID', 'transitions[0].ID']);
    expect(body.errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('answers 400 for a body that is not JSON, saying so', async () => {
    const response = await h.notify('{"event": "task.assigned",');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'invalidJson',
      message: expect.stringMatching(/^The body is not valid JSON: .*at position 26\b/),
    });
  });

  it('answers 413 for a body over 256 KiB, and accepts one just under it', async () => {
    const n = valid();
    const padding = (size: number) => 'x'.repeat(size);
    const overhead = Buffer.byteLength(JSON.stringify({ ...n, padding: '' }));
    const under = await h.notify({ ...n, id: 'size-under', padding: padding(256 * 1024 - overhead - 20) });
    const over = await h.notify({ ...n, id: 'size-over', padding: padding(256 * 1024 - overhead + 20) });

    expect(under.status).toBe(202);
    expect(over).toEqual({
      status: 413,
      body: {
        error: 'payloadTooLarge',
        message: 'The body exceeds the limit of 262144 bytes (256 KiB). Send fewer notifications per batch.',
      },
    });
  });

  it('accepts a batch and answers a status per item; unknown fields such as __type are ignored', async () => {
    const item = (taskId: number, id: string) => ({
      ...h.sim.notificationFor(taskId, { userPrincipalName: ALEX.userPrincipalName }),
      id,
      __type: 'Notification,Sender',
    });
    const response = await h.notify({ notifications: [item(43, 'batch-43'), item(44, 'batch-44'), item(43, 'batch-43')] });
    await h.idle();

    expect(response).toEqual({
      status: 202,
      body: {
        results: [
          { id: 'batch-43', status: 'queued' },
          { id: 'batch-44', status: 'queued' },
          { id: 'batch-43', status: 'duplicate' },
        ],
      },
    });
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    const response = await fetch(`${h.botUrl}/api/notifications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${NOTIFY_KEY}`, 'content-type': 'text/plain' },
      body: JSON.stringify(valid()),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 415,
      body: { error: 'unsupportedMediaType', message: 'Content-Type must be application/json (charset utf-8); got "text/plain".' },
    });
  });
});
