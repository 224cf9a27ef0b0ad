import { LOCALES } from '../../../src/core/locale';
import { enView, nlView, task42 } from './fixtures';

/**
 * Building a Template parses every expression (~30x an expansion): each is built once, at module load, and reused.
 * The task card's template is built per language (its texts written in), in full and as the plain open card.
 */
describe('card templates', () => {
  it('are constructed once each (the task card twice per language), however many cards are rendered', () => {
    jest.isolateModules(() => {
      const templating = jest.requireActual<typeof import('adaptivecards-templating')>('adaptivecards-templating');
      let constructed = 0;
      jest.doMock('adaptivecards-templating', () => ({
        ...templating,
        Template: class extends templating.Template {
          constructor(payload: unknown) {
            super(payload);
            constructed++;
          }
        },
      }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const cards = require('../../../src/cards') as typeof import('../../../src/cards');
      const loaded = constructed;
      for (let i = 0; i < 5; i++) {
        cards.renderHelpCard('en');
        cards.renderSignInCard('nl', 'https://bot.example.nl/auth/signin?state=x');
        cards.renderTaskCard(task42(), enView);
        cards.renderTaskCard(task42(), nlView);
      }
      // signin, help, taskList, chatChoices; and task in each language, in full and as the plain open card.
      expect(LOCALES).toHaveLength(2);
      expect([loaded, constructed]).toEqual([8, 8]);
    });
  });
});
