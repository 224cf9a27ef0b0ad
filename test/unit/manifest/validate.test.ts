import { PNG } from 'pngjs';
import { requiredDomains } from '../../../tools/package/build';
import type { JsonObject } from '../../../tools/package/json';
import { formatProblem } from '../../../tools/package/problem';
import type { PackageFile } from '../../../tools/package/template';
import { validateAppPackage, type ValidateOptions } from '../../../tools/package/validate';
import { createZip } from '../../../tools/package/zip';
import { fileData, goodFiles, png, replaceFile, testConfig, withManifest } from './fixtures';

const problemsOf = (files: readonly PackageFile[], options: ValidateOptions = {}): string[] =>
  validateAppPackage(createZip(files), options).map(formatProblem);

const bot = (m: JsonObject): JsonObject => (m.bots as JsonObject[])[0] as JsonObject;

describe('validateAppPackage rejects a broken package, naming the field', () => {
  it('accepts the good package (the baseline every case below changes one thing of)', () => {
    expect(problemsOf(goodFiles(), { requiredDomains: requiredDomains(testConfig()) })).toEqual([]);
  });

  it('a missing bot id', () => {
    const files = withManifest(goodFiles(), (m) => {
      delete bot(m).botId;
    });
    expect(problemsOf(files)).toEqual(["manifest.bots[0].botId: is required (the bot's Microsoft App ID, a GUID)"]);
  });

  it('a bot id that is not a GUID', () => {
    const files = withManifest(goodFiles(), (m) => {
      bot(m).botId = 'my-bot';
    });
    expect(problemsOf(files)).toEqual(['manifest.bots[0].botId: "my-bot" is not a GUID (the bot\'s Microsoft App ID)']);
  });

  it('a 33×33 outline icon', () => {
    const files = replaceFile(goodFiles(), 'outline.png', png(33, 33, [255, 255, 255, 255]));
    expect(problemsOf(files)).toEqual(['outline.png: 33×33, expected 32×32']);
  });

  it('a colour icon of the wrong size', () => {
    const files = replaceFile(goodFiles(), 'color.png', png(96, 96, [30, 99, 176, 255]));
    expect(problemsOf(files)).toEqual(['color.png: 96×96, expected 192×192']);
  });

  it('an outline icon with a coloured pixel', () => {
    const files = goodFiles();
    const outline = PNG.sync.read(fileData(files, 'outline.png'));
    outline.data.set([255, 0, 0, 255], (16 * 32 + 16) * 4);
    expect(problemsOf(replaceFile(files, 'outline.png', PNG.sync.write(outline)))).toEqual([
      'outline.png: pixel (16, 16) is rgba(255, 0, 0, 255); only white or fully transparent pixels are allowed',
    ]);
  });

  it('an outline icon that is empty', () => {
    const files = replaceFile(goodFiles(), 'outline.png', png(32, 32, [0, 0, 0, 0]));
    expect(problemsOf(files)).toEqual(['outline.png: is fully transparent; the white glyph is missing']);
  });

  it('an icon that is not a PNG', () => {
    const files = replaceFile(goodFiles(), 'color.png', Buffer.from('GIF89a'));
    expect(problemsOf(files)).toEqual([expect.stringMatching(/^color\.png: is not a readable PNG \(.+\)$/)]);
  });

  it('a version that is not semver', () => {
    const files = withManifest(goodFiles(), (m) => {
      m.version = '1.0';
    });
    expect(problemsOf(files)).toEqual(['manifest.version: "1.0" is not a version MAJOR.MINOR.PATCH (e.g. 1.0.0)']);
  });

  it('an unknown manifestVersion', () => {
    const files = withManifest(goodFiles(), (m) => {
      m.manifestVersion = '1.99';
    });
    expect(problemsOf(files)).toEqual([
      expect.stringMatching(/^manifest\.manifestVersion: "1\.99" is not a known Teams manifest version \(.*1\.25, .*1\.30\)$/),
    ]);
  });

  it('a $schema of another version than manifestVersion', () => {
    const files = withManifest(goodFiles(), (m) => {
      m.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json';
    });
    expect(problemsOf(files)).toEqual([
      'manifest.$schema: must be https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json to match manifestVersion 1.25',
    ]);
  });

  it('a tab URL whose domain is not in validDomains', () => {
    const files = withManifest(goodFiles(), (m) => {
      m.staticTabs = [{ entityId: 'tasks', name: 'Tasks', scopes: ['personal'], contentUrl: 'https://elsewhere.example.com/tab' }];
    });
    expect(problemsOf(files)).toEqual(['manifest.staticTabs[0].contentUrl: host elsewhere.example.com is not in manifest.validDomains']);
  });

  it('accepts a tab URL covered by a wildcard domain', () => {
    const files = withManifest(goodFiles(), (m) => {
      m.staticTabs = [{ entityId: 'tasks', name: 'Tasks', scopes: ['personal'], contentUrl: 'https://tabs.contoso.nl/tab' }];
      m.validDomains = ['*.contoso.nl'];
    });
    expect(problemsOf(files)).toEqual([]);
  });

  it("validDomains without the bot's host", () => {
    const files = withManifest(goodFiles(), (m) => {
      m.validDomains = ['digioffice.contoso.nl'];
    });
    expect(problemsOf(files, { requiredDomains: requiredDomains(testConfig()) })).toEqual([
      "manifest.validDomains: must include tasks-bot.contoso.nl (PUBLIC_URL's host: the sign-in page)",
    ]);
  });

  it('validDomains with a scheme, a path or twice the same host', () => {
    const files = withManifest(goodFiles(), (m) => {
      m.validDomains = ['https://tasks-bot.contoso.nl', 'digioffice.contoso.nl/web', 'digioffice.contoso.nl', 'DigiOffice.contoso.nl'];
    });
    expect(problemsOf(files)).toEqual([
      'manifest.validDomains[0]: "https://tasks-bot.contoso.nl" must be a host name without a scheme',
      'manifest.validDomains[1]: "digioffice.contoso.nl/web" must be a host name without a path',
      'manifest.validDomains[3]: "DigiOffice.contoso.nl" is listed twice',
    ]);
  });

  it('an http URL', () => {
    const files = withManifest(goodFiles(), (m) => {
      (m.developer as JsonObject).privacyUrl = 'http://intranet.contoso.nl/privacy';
    });
    expect(problemsOf(files)).toEqual(['manifest.developer.privacyUrl: http://intranet.contoso.nl/privacy must use https']);
  });

  it('a name and a description over their length limits', () => {
    const files = withManifest(goodFiles(), (m) => {
      m.name = { short: 'DigiOffice Tasks for the whole company' };
      (m.description as JsonObject).short = 'x'.repeat(81);
    });
    expect(problemsOf(files)).toEqual([
      'manifest.name.short: is 38 characters, at most 30 allowed',
      'manifest.description.short: is 81 characters, at most 80 allowed',
    ]);
  });

  it('an unreplaced placeholder', () => {
    const files = withManifest(goodFiles(), (m) => {
      (m.developer as JsonObject).name = '${{DEVELOPER_NAME}}';
    });
    expect(problemsOf(files)).toEqual(['manifest.developer.name: unreplaced placeholder ${{DEVELOPER_NAME}}']);
  });

  it('a property the schema does not know', () => {
    const files = withManifest(goodFiles(), (m) => {
      bot(m).supportsTeamsFiles = true;
    });
    expect(problemsOf(files)).toEqual(['manifest.bots[0].supportsTeamsFiles: is not allowed here (unknown property)']);
  });

  it('a nested folder in the zip', () => {
    const files = [...goodFiles(), { name: 'docs/readme.txt', data: Buffer.from('read me') }];
    expect(problemsOf(files)).toEqual(['zip: "docs/readme.txt" is in a folder; every file must be at the zip root']);
  });

  it('everything inside a folder instead of at the root', () => {
    const files = goodFiles().map((f) => ({ name: `appPackage/${f.name}`, data: f.data }));
    expect(problemsOf(files)).toEqual([
      'zip: "appPackage/color.png" is in a folder; every file must be at the zip root',
      'zip: "appPackage/manifest.json" is in a folder; every file must be at the zip root',
      'zip: "appPackage/nl.json" is in a folder; every file must be at the zip root',
      'zip: "appPackage/outline.png" is in a folder; every file must be at the zip root',
      'zip: manifest.json is missing at the zip root',
    ]);
  });

  it('a folder entry in the zip', () => {
    const files = [...goodFiles(), { name: 'docs/', data: Buffer.alloc(0) }];
    expect(problemsOf(files)).toEqual(['zip: "docs/" is a folder; every file must be at the zip root']);
  });

  it('a missing icon and an extra file', () => {
    const files = [...goodFiles().filter((f) => f.name !== 'outline.png'), { name: 'notes.txt', data: Buffer.from('x') }];
    expect(problemsOf(files)).toEqual([
      'manifest.icons.outline: "outline.png" is not in the package\'s root',
      'zip: unexpected file "notes.txt" (not referenced by manifest.json)',
    ]);
  });

  it('a localization file that breaks the Localization schema or points at commands that do not exist', () => {
    const files = goodFiles();
    const nl = JSON.parse(fileData(files, 'nl.json').toString('utf8')) as JsonObject;
    delete nl['description.full'];
    nl['bots[0].commandLists[0].commands[9].title'] = 'taak overdragen';
    nl['bots[0].commandLists[0].commands[2].description'] = 'x'.repeat(4001);
    expect(problemsOf(replaceFile(files, 'nl.json', Buffer.from(JSON.stringify(nl))))).toEqual([
      'nl.json["description.full"]: is required',
      'nl.json["bots[0].commandLists[0].commands[2].description"]: must NOT have more than 4000 characters',
      'nl.json["bots[0].commandLists[0].commands[9].title"]: localizes an element that manifest.json does not have',
    ]);
  });

  it('a localization file of another schema version', () => {
    const files = goodFiles();
    const nl = JSON.parse(fileData(files, 'nl.json').toString('utf8')) as JsonObject;
    nl.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.Localization.schema.json';
    expect(problemsOf(replaceFile(files, 'nl.json', Buffer.from(JSON.stringify(nl))))).toEqual([
      "nl.json.$schema: must be https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.Localization.schema.json (the manifest's version 1.25)",
    ]);
  });

  it('a manifest that is not JSON', () => {
    const files = replaceFile(goodFiles(), 'manifest.json', Buffer.from('{ "id": '));
    expect(problemsOf(files)).toEqual([expect.stringMatching(/^manifest\.json: is not valid JSON \(.+\)$/)]);
  });

  it('a file that is not a zip', () => {
    expect(validateAppPackage(Buffer.from('not a zip')).map(formatProblem)).toEqual([
      'zip: is not a readable zip archive (ADM-ZIP: Invalid or unsupported zip format. No END header found)',
    ]);
  });

  it('lists every problem at once', () => {
    const files = withManifest(replaceFile(goodFiles(), 'outline.png', png(33, 33, [255, 255, 255, 255])), (m) => {
      delete bot(m).botId;
      m.version = '1.0';
    });
    expect(problemsOf(files)).toEqual([
      'manifest.version: "1.0" is not a version MAJOR.MINOR.PATCH (e.g. 1.0.0)',
      "manifest.bots[0].botId: is required (the bot's Microsoft App ID, a GUID)",
      'outline.png: 33×33, expected 32×32',
    ]);
  });
});
