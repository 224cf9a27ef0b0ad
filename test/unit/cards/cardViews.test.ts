import { bindCardViews, renderHelpCard, renderSignInCard, renderTaskCard, renderTaskListCard } from '../../../src/cards';
import { task42 } from './fixtures';

describe('bindCardViews', () => {
  const views = bindCardViews({ digiOfficeZone: 'Europe/Amsterdam', webBaseUrl: 'https://do.example.nl' });
  const viewer = { locale: 'nl' as const, timezone: 'America/New_York' };
  const view = { locale: 'nl' as const, userZone: 'America/New_York', digiOfficeZone: 'Europe/Amsterdam' };

  test('passes the viewer and the deployment settings to the renderers', () => {
    const banner = { kind: 'info' as const, text: 'x' };
    expect(views.task(task42(), viewer, { banner })).toEqual(
      renderTaskCard(task42(), { ...view, webBaseUrl: 'https://do.example.nl', banner }),
    );
    expect(views.taskList([task42()], viewer)).toEqual(renderTaskListCard([task42()], view));
    expect(views.signIn(viewer, 'https://bot/x')).toEqual(renderSignInCard('nl', 'https://bot/x'));
    expect(views.help(viewer)).toEqual(renderHelpCard('nl'));
  });
});
