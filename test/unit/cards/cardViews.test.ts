import { bindCardViews, renderHelpCard, renderSignInCard, renderTaskCard, renderTaskListCard, webBase } from '../../../src/cards';
import { NOW, task42, viewerOf } from './fixtures';

describe('bindCardViews', () => {
  const views = bindCardViews({ digiOfficeZone: 'Europe/Amsterdam', webBaseUrl: 'https://do.example.nl', clock: { now: () => NOW } });
  const viewer = viewerOf('nl', { timezone: 'America/New_York', teamsUserId: '29:1jan' });
  const at = { viewer, now: NOW, digiOfficeZone: 'Europe/Amsterdam' };

  test('passes the viewer, the clock and the deployment settings to the renderers', () => {
    const banner = { kind: 'info' as const, text: 'x' };
    expect(views.task(task42(), viewer, { banner })).toEqual(
      renderTaskCard(task42(), { ...at, webBase: webBase('https://do.example.nl'), banner }),
    );
    expect(views.taskList([task42()], viewer)).toEqual(renderTaskListCard([task42()], at));
    expect(views.signIn(viewer, 'https://bot/x')).toEqual(renderSignInCard('nl', 'https://bot/x'));
    expect(views.help(viewer)).toEqual(renderHelpCard('nl'));
  });

  test('previews a task card with its number and name, in the viewer’s language', () => {
    expect(views.taskSummary(task42(), viewer)).toBe('Taak 42: Approve invoice INV-2026-0042');
    expect(views.taskSummary(task42(), { ...viewer, locale: 'en' })).toBe('Task 42: Approve invoice INV-2026-0042');
  });
});
