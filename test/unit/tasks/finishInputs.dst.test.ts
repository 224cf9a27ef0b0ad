import { AMS, hold, input, NY, sent, finishOperationOf, type FinishResult } from './finishFixtures';

/** Long before every date used here, so none of them is in the past. */
const JANUARY = new Date('2026-01-15T00:00:00.000Z');

function deferUntil(userZone: string, date: string, time: string, now = JANUARY): FinishResult {
  return finishOperationOf(input({ transition: hold, userZone, now, inputs: { deferUntilDate: date, deferUntilTime: time } }));
}

function finishedWith(deferUntilText: string): FinishResult {
  return {
    ok: true,
    operation: {
      TaskIDs: [42],
      WSVerbindingID: null,
      Transitions: [sent(hold, { DeferUntil: deferUntilText })],
      DeferTo: null,
      Reason: null,
      Comment: null,
    },
  };
}

describe('card inputs → FinishTaskOperation — dates across daylight-saving changes', () => {
  it('Amsterdam user, 2026-03-29 02:30 (does not exist): moved to 03:00, when the clocks jump', () => {
    expect(deferUntil(AMS, '2026-03-29', '02:30')).toEqual(finishedWith('2026-03-29T03:00:00.0000000'));
  });

  it('Amsterdam user, 2026-10-25 02:30 (happens twice): the first, summer-time 02:30', () => {
    expect(deferUntil(AMS, '2026-10-25', '02:30')).toEqual(finishedWith('2026-10-25T02:30:00.0000000'));
  });

  it('Amsterdam user, 2026-10-25 02:30 while the first 02:45 has passed: refused as in the past (earlier offset chosen)', () => {
    const result = deferUntil(AMS, '2026-10-25', '02:30', new Date('2026-10-25T00:45:00.000Z'));
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'deferUntilDate', code: 'inPast' }],
    });
  });

  it('New York user: 6 h behind Amsterdam before 2026-03-08 and after 2026-03-29, 5 h in between', () => {
    expect(deferUntil(NY, '2026-03-07', '09:00')).toEqual(finishedWith('2026-03-07T15:00:00.0000000'));
    expect(deferUntil(NY, '2026-03-08', '09:00')).toEqual(finishedWith('2026-03-08T14:00:00.0000000'));
    expect(deferUntil(NY, '2026-03-15', '09:00')).toEqual(finishedWith('2026-03-15T14:00:00.0000000'));
    expect(deferUntil(NY, '2026-03-28', '09:00')).toEqual(finishedWith('2026-03-28T14:00:00.0000000'));
    expect(deferUntil(NY, '2026-03-29', '09:00')).toEqual(finishedWith('2026-03-29T15:00:00.0000000'));
  });

  it('New York user: 5 h behind Amsterdam between 2026-10-25 and 2026-11-01, 6 h after', () => {
    expect(deferUntil(NY, '2026-10-24', '09:00')).toEqual(finishedWith('2026-10-24T15:00:00.0000000'));
    expect(deferUntil(NY, '2026-10-28', '09:00')).toEqual(finishedWith('2026-10-28T14:00:00.0000000'));
    expect(deferUntil(NY, '2026-11-01', '09:00')).toEqual(finishedWith('2026-11-01T15:00:00.0000000'));
  });

  it('New York user, 2026-03-08 02:30 (US gap): 03:00 EDT, which is 08:00 in Amsterdam', () => {
    expect(deferUntil(NY, '2026-03-08', '02:30')).toEqual(finishedWith('2026-03-08T08:00:00.0000000'));
  });

  it("New York user choosing a time that lands in Amsterdam's spring-forward night", () => {
    expect(deferUntil(NY, '2026-03-28', '21:30')).toEqual(finishedWith('2026-03-29T03:30:00.0000000'));
  });

  it('Kolkata user (no DST): 4.5 h ahead of Amsterdam in winter, 3.5 h in summer', () => {
    expect(deferUntil('Asia/Kolkata', '2026-02-02', '12:00')).toEqual(finishedWith('2026-02-02T07:30:00.0000000'));
    expect(deferUntil('Asia/Kolkata', '2026-07-01', '12:00')).toEqual(finishedWith('2026-07-01T08:30:00.0000000'));
  });

  it('task.defer: DeferTo follows the same conversion (New York, 5 h period)', () => {
    const result = finishOperationOf(
      input({ verb: 'task.defer', userZone: NY, now: JANUARY, inputs: { deferToDate: '2026-03-20', deferToTime: '16:45' } }),
    );
    expect(result).toEqual({
      ok: true,
      operation: {
        TaskIDs: [42],
        WSVerbindingID: null,
        Transitions: null,
        DeferTo: '2026-03-20T21:45:00.0000000',
        Reason: null,
        Comment: null,
      },
    });
  });

  it('writes in whatever zone DigiOffice is configured with', () => {
    const result = finishOperationOf(
      input({ transition: hold, digiOfficeZone: 'UTC', inputs: { deferUntilDate: '2026-12-04', deferUntilTime: '17:00' } }),
    );
    expect(result).toEqual(finishedWith('2026-12-04T16:00:00.0000000'));
  });
});
