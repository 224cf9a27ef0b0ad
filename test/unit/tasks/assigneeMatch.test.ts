import type { AssigneeCandidate } from '../../../src/core/assigneeDirectory';
import { pickAssignee } from '../../../src/tasks/assigneeMatch';

const person = (title: string, id: number): AssigneeCandidate => ({ title, value: `user:${id}` });

const janDeVries = person('Jan de Vries', 1);
const pietJansen = person('Piet Jansen', 2);
const janBakker = person('Jan Bakker', 3);
const marieLouise = person('Marie-Louise Smit', 4);
const jerome = person('Jérôme Dupont', 5);
const vriesJan = person('Vries, Jan de', 6);
const finance = { title: 'Finance team', value: 'group:7' };
const janDeVriesBakker = person('Jan de Vries-Bakker', 8);

describe('pickAssignee()', () => {
  it.each([
    ['Jan', [pietJansen, janDeVries], janDeVries],
    ['jan', [janDeVries, pietJansen], janDeVries],
    ['de Vries', [janDeVries, pietJansen], janDeVries],
    ['Jan de Vries', [janDeVriesBakker, janDeVries, vriesJan], janDeVries],
    ['Marie', [marieLouise], marieLouise],
    ['jerome', [jerome], jerome],
    ['JÉRÔME DUPONT', [jerome], jerome],
    ['finance', [finance, pietJansen], finance],
    ['Piet', [pietJansen, pietJansen], pietJansen],
  ])('%j among %j takes the one whole-word match', (typed, candidates, pick) => {
    expect(pickAssignee(typed, candidates)).toEqual({ kind: 'one', pick });
  });

  it.each([
    ['Jan', [janDeVries, pietJansen, janBakker], [janDeVries, janBakker]],
    ['Jan de Vries', [vriesJan, janDeVriesBakker], [vriesJan, janDeVriesBakker]],
    ['Jans', [pietJansen, janDeVries], [pietJansen]],
    ['Ja', [pietJansen, janBakker], [pietJansen, janBakker]],
    ['jdevries', [janDeVries], [janDeVries]],
    ['', [janDeVries, pietJansen], [janDeVries, pietJansen]],
  ])('%j among %j offers %j', (typed, candidates, offered) => {
    expect(pickAssignee(typed, candidates)).toEqual({ kind: 'several', candidates: offered });
  });

  it('finds no one when DigiOffice found no one', () => {
    expect(pickAssignee('Jan', [])).toEqual({ kind: 'none' });
  });
});
