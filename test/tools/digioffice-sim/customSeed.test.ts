import { SEED, TRANSITION_IDS, type SimulatorSeed } from '../../../tools/digioffice-sim';
import { call, signIn, startSim, type StartedSim } from './simHttp';

/** `createDigiOfficeSimulator({ seed })`: another set of users and tasks (npm run bench seeds thousands). */

const invoice = SEED.tasks.find((t) => t.id === 42);
if (!invoice) throw new Error('the seed lost task 42');

const KIM = {
  id: 90,
  userName: 'kim',
  password: 'kim-secret',
  displayName: 'Kim Jansen',
  teams: { aadObjectId: '9a000000-0000-4000-8000-000000000090', userPrincipalName: 'kim@contoso.nl', email: 'kim@contoso.nl' },
};
const CUSTOM: SimulatorSeed = { users: [KIM], groups: [], roles: [], tasks: [{ ...invoice, id: 9001, userId: KIM.id }] };

describe('DigiOffice simulator with a seed of its own', () => {
  let s: StartedSim;
  beforeAll(async () => {
    s = await startSim({ seed: CUSTOM });
  });
  afterAll(() => s.sim.close());

  it("serves the given users and tasks, and finishes the given user's task", async () => {
    const kim = await signIn(s.url, 'kim', 'kim-secret');
    const listed = await call(s.url, 'POST', '/api/workflowmultitasks', { token: kim.bearer, body: {} });
    expect((listed.body as { Tasks: Array<{ ID: number; Name: string }> }).Tasks.map((t) => [t.ID, t.Name])).toEqual([
      [9001, invoice.name],
    ]);

    const finished = await call(s.url, 'POST', '/api/workflowtasks/finish', {
      token: kim.bearer,
      body: { TaskIDs: [9001], Transitions: [{ ID: TRANSITION_IDS.invoiceApprove }] },
    });
    expect(finished.status).toBe(204);
    expect(s.sim.taskState(9001)).toMatchObject({ id: 9001, userId: KIM.id, status: 'finished' });
  });

  it('knows nothing of the fixed seed', async () => {
    const alex = await call(s.url, 'POST', '/api/auth/credentials', { body: { UserName: 'alexw', Password: 'demo' } });
    expect(alex.status).toBe(401);
    expect(s.sim.taskState(42)).toBeUndefined();
  });
});
