import { readPackageConfig } from '../../../tools/package/config';
import { BOT_ID, TEAMS_APP_ID, TEST_ENV } from './fixtures';

const MINIMAL = {
  MicrosoftAppId: BOT_ID,
  PUBLIC_URL: 'https://tasks-bot.contoso.nl',
  DIGIOFFICE_BASE_URL: 'https://do-services.contoso.nl',
};

describe('readPackageConfig', () => {
  it('takes every value from a complete environment', () => {
    expect(readPackageConfig({ ...TEST_ENV }, '0.1.0')).toEqual({
      ok: true,
      defaultsUsed: [],
      config: {
        botId: BOT_ID,
        teamsAppId: TEAMS_APP_ID,
        appVersion: '1.2.3',
        appNameShort: 'DigiOffice Tasks',
        botDomain: 'tasks-bot.contoso.nl',
        digiofficeWebDomain: 'digioffice.contoso.nl',
        developer: {
          name: 'Contoso IT',
          websiteUrl: 'https://intranet.contoso.nl/apps/digioffice-tasks',
          privacyUrl: 'https://intranet.contoso.nl/privacy',
          termsUrl: 'https://intranet.contoso.nl/terms',
        },
        auth: 'credentials',
      },
    });
  });

  it('fills the rest with documented defaults and says which it used', () => {
    expect(readPackageConfig({ ...MINIMAL, APP_NAME_SHORT: '' }, '0.1.0')).toEqual({
      ok: true,
      defaultsUsed: [
        `TEAMS_APP_ID=${BOT_ID}`,
        'APP_VERSION=0.1.0',
        'APP_NAME_SHORT=DigiOffice Tasks',
        'DEVELOPER_NAME=DigiOffice Tasks',
        'DEVELOPER_WEBSITE_URL=https://tasks-bot.contoso.nl',
        'DIGIOFFICE_WEB_URL=https://do-services.contoso.nl',
        'PRIVACY_URL=https://tasks-bot.contoso.nl',
        'TERMS_URL=https://tasks-bot.contoso.nl',
      ],
      config: {
        botId: BOT_ID,
        teamsAppId: BOT_ID,
        appVersion: '0.1.0',
        appNameShort: 'DigiOffice Tasks',
        botDomain: 'tasks-bot.contoso.nl',
        digiofficeWebDomain: 'do-services.contoso.nl',
        developer: {
          name: 'DigiOffice Tasks',
          websiteUrl: 'https://tasks-bot.contoso.nl',
          privacyUrl: 'https://tasks-bot.contoso.nl',
          termsUrl: 'https://tasks-bot.contoso.nl',
        },
        auth: 'credentials',
      },
    });
  });

  it('lists every missing setting at once', () => {
    expect(readPackageConfig({}, '0.1.0')).toEqual({
      ok: false,
      problems: [
        "MicrosoftAppId: is required (the bot's Microsoft App ID)",
        "PUBLIC_URL: is required (the bot's public https base URL)",
        'DIGIOFFICE_WEB_URL: is required (or DIGIOFFICE_BASE_URL): its host goes into validDomains',
      ],
    });
  });

  it('rejects malformed values, naming each variable', () => {
    const env = {
      MicrosoftAppId: 'digioffice-bot',
      TEAMS_APP_ID: '1234',
      PUBLIC_URL: 'http://tasks-bot.contoso.nl',
      DIGIOFFICE_WEB_URL: 'digioffice.contoso.nl',
      DIGIOFFICE_AUTH: 'password',
      APP_VERSION: '1.0',
      APP_NAME_SHORT: 'DigiOffice Tasks for the whole company',
      PRIVACY_URL: 'http://intranet.contoso.nl/privacy',
    };
    expect(readPackageConfig(env, '0.1.0')).toEqual({
      ok: false,
      problems: [
        'MicrosoftAppId: must be a GUID, e.g. 2f0c7a8e-1b9d-4c3e-8a5f-6d7e8f901234',
        'TEAMS_APP_ID: must be a GUID, e.g. 2f0c7a8e-1b9d-4c3e-8a5f-6d7e8f901234',
        'PUBLIC_URL: must be an absolute https:// URL',
        'DIGIOFFICE_WEB_URL: must be an absolute http(s):// URL',
        'DIGIOFFICE_AUTH: Invalid option: expected one of "credentials"|"sso"',
        'APP_VERSION: must be MAJOR.MINOR.PATCH, e.g. 1.4.0',
        'APP_NAME_SHORT: must be at most 30 characters',
        'PRIVACY_URL: must be an absolute https:// URL',
      ],
    });
  });

  it("needs APP_VERSION when package.json's version is not MAJOR.MINOR.PATCH", () => {
    expect(readPackageConfig(MINIMAL, '1.0.0-beta.1')).toEqual({
      ok: false,
      problems: ['APP_VERSION: is required because package.json\'s version "1.0.0-beta.1" is not MAJOR.MINOR.PATCH'],
    });
  });
});
