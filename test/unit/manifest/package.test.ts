import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requiredDomains, writeAppPackage } from '../../../tools/package/build';
import { MANIFEST_DIR } from '../../../tools/package/paths';
import { formatProblem } from '../../../tools/package/problem';
import { validateAppPackage } from '../../../tools/package/validate';
import { readZip } from '../../../tools/package/zip';
import { BOT_ID, TEAMS_APP_ID, TEST_ENV, testConfig } from './fixtures';

let outDir: string;
beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'app-package-'));
});
afterEach(() => {
  rmSync(outDir, { recursive: true, force: true });
});

function build(env: Readonly<Record<string, string>> = TEST_ENV): { zipPath: string; entries: ReturnType<typeof readZip> } {
  const zipPath = writeAppPackage(testConfig(env), MANIFEST_DIR, outDir);
  return { zipPath, entries: readZip(readFileSync(zipPath)) };
}

function json(entries: ReturnType<typeof readZip>, name: string): unknown {
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`${name} is not in the package`);
  return JSON.parse(entry.data.toString('utf8'));
}

const ENGLISH_COMMANDS = [
  { title: 'finish task', description: 'finish task 42 [transition] [comment]' },
  { title: 'defer task', description: 'defer task 42 until 2026-12-05 [reason]' },
  { title: 'my tasks', description: 'List your open tasks' },
  { title: 'sign in', description: 'Connect your DigiOffice account' },
  { title: 'sign out', description: 'Disconnect your DigiOffice account' },
  { title: 'help', description: 'What you can do here' },
];

describe('npm run package: the built app package', () => {
  it('is written as digioffice-tasks-<version>.zip and validates clean', () => {
    const { zipPath } = build();
    expect(zipPath).toBe(join(outDir, 'digioffice-tasks-1.2.3.zip'));
    const problems = validateAppPackage(zipPath, { requiredDomains: requiredDomains(testConfig()) });
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('holds exactly the manifest, the Dutch localization and both icons, at the zip root', () => {
    const { entries } = build();
    expect(entries.map((e) => [e.name, e.isDirectory]).sort()).toEqual([
      ['color.png', false],
      ['manifest.json', false],
      ['nl.json', false],
      ['outline.png', false],
    ]);
  });

  it('fills the manifest from the environment', () => {
    const manifest = json(build().entries, 'manifest.json');
    expect(manifest).toMatchObject({
      $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json',
      manifestVersion: '1.25',
      version: '1.2.3',
      id: TEAMS_APP_ID,
      developer: {
        name: 'Contoso IT',
        websiteUrl: 'https://intranet.contoso.nl/apps/digioffice-tasks',
        privacyUrl: 'https://intranet.contoso.nl/privacy',
        termsOfUseUrl: 'https://intranet.contoso.nl/terms',
      },
      name: { short: 'DigiOffice Tasks' },
      icons: { color: 'color.png', outline: 'outline.png' },
      accentColor: '#1E63B0',
      localizationInfo: {
        defaultLanguageTag: 'en-us',
        additionalLanguages: [
          { languageTag: 'nl', file: 'nl.json' },
          { languageTag: 'nl-nl', file: 'nl.json' },
          { languageTag: 'nl-be', file: 'nl.json' },
        ],
      },
      bots: [
        {
          botId: BOT_ID,
          scopes: ['personal'],
          supportsFiles: false,
          isNotificationOnly: false,
          commandLists: [{ scopes: ['personal'], commands: ENGLISH_COMMANDS }],
        },
      ],
      validDomains: ['tasks-bot.contoso.nl', 'digioffice.contoso.nl'],
    });
    expect(Object.keys(manifest as object).sort()).toEqual(
      [
        '$schema',
        'manifestVersion',
        'version',
        'id',
        'localizationInfo',
        'developer',
        'name',
        'description',
        'icons',
        'accentColor',
        'bots',
        'validDomains',
      ].sort(),
    );
  });

  it('localizes the name, descriptions and every command in Dutch', () => {
    const nl = json(build().entries, 'nl.json') as Record<string, string>;
    const commands = Object.fromEntries(Object.entries(nl).filter(([key]) => key.startsWith('bots[')));
    expect(nl.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.Localization.schema.json');
    expect(nl['name.short']).toBe('DigiOffice Tasks');
    expect(nl['description.short']).toBe('Rond je DigiOffice-workflowtaken af in Teams.');
    expect(commands).toEqual({
      'bots[0].commandLists[0].commands[0].title': 'taak afronden',
      'bots[0].commandLists[0].commands[0].description': 'taak 42 afronden [overgang] [opmerking]',
      'bots[0].commandLists[0].commands[1].title': 'taak uitstellen',
      'bots[0].commandLists[0].commands[1].description': 'taak 42 uitstellen tot 2026-12-05 [reden]',
      'bots[0].commandLists[0].commands[2].title': 'mijn taken',
      'bots[0].commandLists[0].commands[2].description': 'Toon je openstaande taken',
      'bots[0].commandLists[0].commands[3].title': 'aanmelden',
      'bots[0].commandLists[0].commands[3].description': 'Koppel je DigiOffice-account',
      'bots[0].commandLists[0].commands[4].title': 'afmelden',
      'bots[0].commandLists[0].commands[4].description': 'Ontkoppel je DigiOffice-account',
      'bots[0].commandLists[0].commands[5].title': 'help',
      'bots[0].commandLists[0].commands[5].description': 'Wat je hier kunt doen',
    });
  });

  it('lists a host once when the bot and DigiOffice share it', () => {
    const env = { ...TEST_ENV, PUBLIC_URL: 'https://apps.contoso.nl/tasks-bot', DIGIOFFICE_WEB_URL: 'https://apps.contoso.nl/digioffice' };
    expect(json(build(env).entries, 'manifest.json')).toMatchObject({ validDomains: ['apps.contoso.nl'] });
  });

  it('with DIGIOFFICE_AUTH=sso adds the token service domain and the bot SSO resource, and still validates', () => {
    const env = { ...TEST_ENV, DIGIOFFICE_AUTH: 'sso' };
    const { zipPath, entries } = build(env);
    expect(json(entries, 'manifest.json')).toMatchObject({
      validDomains: ['tasks-bot.contoso.nl', 'digioffice.contoso.nl', 'token.botframework.com'],
      webApplicationInfo: { id: BOT_ID, resource: `api://botid-${BOT_ID}` },
    });
    const problems = validateAppPackage(zipPath, { requiredDomains: requiredDomains(testConfig(env)) });
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('escapes values, so quotes in a name cannot break the JSON', () => {
    const manifest = json(build({ ...TEST_ENV, DEVELOPER_NAME: 'Contoso "IT" \\ Ops' }).entries, 'manifest.json');
    expect(manifest).toMatchObject({ developer: { name: 'Contoso "IT" \\ Ops' } });
  });

  it('gives the same bytes for the same configuration', () => {
    const first = readFileSync(build().zipPath);
    rmSync(outDir, { recursive: true, force: true });
    expect(readFileSync(build().zipPath).equals(first)).toBe(true);
  });
});
