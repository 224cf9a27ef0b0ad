import { TRANSITION_IDS } from '../../tools/digioffice-sim';
import { deliverTask, say } from '../helpers/flows';
import { startHarness, type Harness } from '../helpers/harness';
import { capturedLog, UUID } from '../helpers/ops';
import { signInCodeIn, signInUrlFor } from '../helpers/signIn';
import { ALEX, cardActionActivity, TENANT_ID } from '../helpers/teamsActivities';

const COMMENT = 'Paid on time, comment-marker-5c1e';
const REASON = 'waiting for supplier reason-marker-77aa';
const USER_NAME = 'alexw';
const PASSWORD = 'demo';
const ALEX_KEY = { tenantId: TENANT_ID, aadObjectId: ALEX.aadObjectId };

/** An audit line as pino writes it: level info, a time, the message naming the action, then the fields. */
const auditLine = (fields: { audit: string } & Record<string, unknown>) => ({
  level: 30,
  time: expect.any(Number),
  msg: `audit: ${fields.audit}`,
  ...fields,
});

describe('audit: one structured line per action taken in a user’s name', () => {
  let h: Harness;
  const log = capturedLog('info');
  beforeAll(async () => {
    h = await startHarness({ env: { LOG_LEVEL: 'info' }, logger: log.logger });
    await h.install(ALEX);
  });
  afterAll(async () => {
    await h.close();
  });

  const audits = () => log.entries().filter((entry) => 'audit' in entry);
  const newAudits = async (action: () => Promise<unknown>) => {
    const before = audits().length;
    await action();
    await h.idle();
    return audits().slice(before);
  };
  const clickCard = async (data: Record<string, unknown>, replyToId: string) => {
    const activity = cardActionActivity(ALEX, 'task.finish', data, { serviceUrl: h.serviceUrl, replyToId });
    expect((await h.activity(activity)).status).toBe(200);
    return activity.id;
  };

  it('sign-in and the link by its code: the Teams user, the DigiOffice user id and the result; never the typed user name, password or code', async () => {
    const state = new URL(await signInUrlFor(h, ALEX)).searchParams.get('state') ?? '';
    const submit = (password: string) =>
      fetch(`${h.botUrl}/auth/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ state, username: USER_NAME, password }).toString(),
      });

    let code = '';
    const entries = await newAudits(async () => {
      expect((await submit('not-the-password')).status).toBe(401);
      const page = await submit(PASSWORD);
      expect(page.status).toBe(200);
      code = signInCodeIn(await page.text()) ?? '';
      await say(h, ALEX, code);
    });

    expect(entries).toEqual([
      auditLine({
        audit: 'signIn',
        correlationId: expect.stringMatching(UUID),
        user: ALEX_KEY,
        digiOfficeUserId: null,
        result: 'rejected',
        digiOfficeStatus: 401,
      }),
      auditLine({
        audit: 'signIn',
        correlationId: expect.stringMatching(UUID),
        user: ALEX_KEY,
        digiOfficeUserId: '12',
        result: 'signedIn',
        digiOfficeStatus: 200,
      }),
      auditLine({
        audit: 'link',
        correlationId: expect.stringMatching(/^incoming-/),
        user: ALEX_KEY,
        digiOfficeUserId: '12',
        result: 'linked',
        digiOfficeStatus: null,
      }),
    ]);
    expect(entries[0]?.correlationId).not.toBe(entries[1]?.correlationId);
    expect(JSON.stringify(entries)).not.toContain(USER_NAME);
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
    expect(JSON.stringify(entries)).not.toContain(code);
  });

  it('finish from a card: task, transition, result and DigiOffice status, correlated by the activity id; no comment', async () => {
    const { activityId } = await deliverTask(h, ALEX, 42);
    let clickId = '';
    const entries = await newAudits(async () => {
      clickId = await clickCard({ taskIds: [42], transitionId: TRANSITION_IDS.invoiceApprove, comment: COMMENT }, activityId);
    });

    expect(entries).toEqual([
      auditLine({
        audit: 'finish',
        correlationId: clickId,
        user: ALEX_KEY,
        digiOfficeUserId: '12',
        taskIds: [42],
        transition: { id: TRANSITION_IDS.invoiceApprove, name: 'Approve' },
        result: 'done',
        digiOfficeStatus: 204,
      }),
    ]);
  });

  it('a finish DigiOffice refuses: audited with its status, and the other log lines of the click carry the same correlation id', async () => {
    const { activityId } = await deliverTask(h, ALEX, 43);
    h.sim.failNext('POST', '/api/workflowtasks/finish', 503, 'Service Unavailable');
    let clickId = '';
    const entries = await newAudits(async () => {
      clickId = await clickCard({ taskIds: [43], transitionId: TRANSITION_IDS.drawingDone, comment: COMMENT, reason: REASON }, activityId);
    });

    expect(entries).toEqual([
      expect.objectContaining({
        audit: 'finish',
        correlationId: clickId,
        taskIds: [43],
        transition: { id: TRANSITION_IDS.drawingDone, name: 'Done' },
        result: 'failed',
        digiOfficeStatus: 503,
      }),
    ]);
    const sameRequest = log.entries().filter((entry) => entry.correlationId === clickId && !('audit' in entry));
    expect(sameRequest).toEqual([expect.objectContaining({ level: 40, msg: 'finishing tasks failed', taskIds: [43] })]);
  });

  it('defer from the chat: no transition, no reason in the line', async () => {
    await deliverTask(h, ALEX, 44);
    const entries = await newAudits(() => say(h, ALEX, `defer task 44 until 2030-01-15 ${REASON}`));

    expect(entries).toEqual([
      auditLine({
        audit: 'defer',
        correlationId: expect.stringMatching(/^incoming-\d+$/),
        user: ALEX_KEY,
        digiOfficeUserId: '12',
        taskIds: [44],
        transition: null,
        result: 'done',
        digiOfficeStatus: 204,
      }),
    ]);
  });

  it('sign-out from the chat', async () => {
    const entries = await newAudits(() => say(h, ALEX, 'sign out'));
    expect(entries).toEqual([
      auditLine({
        audit: 'signOut',
        correlationId: expect.stringMatching(/^incoming-\d+$/),
        user: ALEX_KEY,
        digiOfficeUserId: '12',
        result: 'signedOut',
        digiOfficeStatus: null,
      }),
    ]);
  });

  it('no log line at all carries the comment or the reason a user typed', () => {
    expect(audits().map((entry) => entry.audit)).toEqual(['signIn', 'signIn', 'link', 'finish', 'finish', 'defer', 'signOut']);
    expect(log.text()).not.toContain('comment-marker-5c1e');
    expect(log.text()).not.toContain('reason-marker-77aa');
  });
});
