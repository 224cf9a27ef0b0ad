/** Building a Template parses every expression (~30x an expansion): each is built once, at module load, and reused. */
describe('card templates', () => {
  it('are constructed once each, however many cards are rendered', () => {
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
      const { renderHelpCard, renderSignInCard } = require('../../../src/cards') as typeof import('../../../src/cards');
      const loaded = constructed;
      for (let i = 0; i < 5; i++) {
        renderHelpCard('en');
        renderSignInCard('nl', 'https://bot.example.nl/auth/signin?state=x');
      }
      expect([loaded, constructed]).toEqual([5, 5]);
    });
  });
});
