import { ConfigError, loadConfig } from '../../src/config';

/** 32 different bytes: a key as `randomBytes(32)` makes them. */
const KEY_BYTES = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 41 + 5) % 256));
const KEY = KEY_BYTES.toString('base64');
const production = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  DIGIOFFICE_BASE_URL: 'https://do-services.example.nl/',
  NOTIFY_API_KEY: 'a-long-enough-notify-key',
  TOKEN_ENCRYPTION_KEY: KEY,
  PUBLIC_URL: 'https://bot.example.nl',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('the config was accepted');
}

describe('loadConfig()', () => {
  it('reads a production environment with the documented defaults', () => {
    expect(loadConfig(production)).toEqual({
      port: 3978,
      host: '0.0.0.0',
      publicUrl: 'https://bot.example.nl',
      bot: {
        appId: production.MicrosoftAppId,
        appPassword: 'secret',
        appType: 'SingleTenant',
        tenantId: production.MicrosoftAppTenantId,
        openIdMetadataUrl: null,
      },
      digiOffice: {
        baseUrl: 'https://do-services.example.nl',
        webUrl: 'https://do-services.example.nl',
        wsVerbindingId: null,
        timezone: 'Europe/Amsterdam',
        timeoutMs: 8000,
      },
      notifyApiKeys: ['a-long-enough-notify-key'],
      adminApiKeys: [],
      metricsPort: null,
      outboxPendingReportAgeMs: 7 * 24 * 3_600_000,
      tokenEncryptionKey: KEY_BYTES,
      previousTokenEncryptionKey: null,
      storage: { kind: 'sqlite', dir: './data' },
      defaultLocale: 'en',
      logLevel: 'info',
      invokeBudgetMs: 7000,
    });
  });

  it('takes a GUID in either written form and keeps it hyphenated and lower case', () => {
    const config = loadConfig({
      ...production,
      MicrosoftAppId: '11111111222233334444555555555555',
      DIGIOFFICE_WS_VERBINDING_ID: '9F0C5A52-8A3E-4A43-9D3F-0C2C7F1D1A11',
    });
    expect([config.bot?.appId, config.digiOffice.wsVerbindingId]).toEqual([
      '11111111-2222-3333-4444-555555555555',
      '9f0c5a52-8a3e-4a43-9d3f-0c2c7f1d1a11',
    ]);
  });

  it('lists every problem at once, each naming its variable', () => {
    expect(
      problems({ TOKEN_ENCRYPTION_KEY: 'short', DIGIOFFICE_TIMEZONE: 'Mars/Olympus', PORT: 'eighty', DIGIOFFICE_WS_VERBINDING_ID: 'x' }),
    ).toEqual([
      'PORT must be a number',
      'DIGIOFFICE_BASE_URL is required',
      'DIGIOFFICE_WS_VERBINDING_ID must be a GUID',
      'DIGIOFFICE_TIMEZONE must be an IANA time zone such as Europe/Amsterdam',
      'NOTIFY_API_KEY is required',
      'TOKEN_ENCRYPTION_KEY must be base64 of exactly 32 bytes',
      'MicrosoftAppId is required unless BOT_ALLOW_ANONYMOUS=true (local testing on loopback only)',
      'MicrosoftAppPassword is required for MicrosoftAppType=MultiTenant',
    ]);
  });

  it('requires the Bot Framework credentials unless anonymous mode is asked for', () => {
    const { MicrosoftAppId: _id, MicrosoftAppPassword: _pw, ...rest } = production;
    expect(problems(rest)).toEqual([
      'MicrosoftAppId is required unless BOT_ALLOW_ANONYMOUS=true (local testing on loopback only)',
      'MicrosoftAppPassword is required for MicrosoftAppType=SingleTenant',
    ]);
  });

  it('allows anonymous mode only on a loopback address, and binds to 127.0.0.1 by default then', () => {
    const { MicrosoftAppId: _id, MicrosoftAppPassword: _pw, MicrosoftAppType: _t, MicrosoftAppTenantId: _tid, ...rest } = production;
    expect(loadConfig({ ...rest, BOT_ALLOW_ANONYMOUS: 'true' })).toMatchObject({ host: '127.0.0.1', bot: null });
    expect(problems({ ...rest, BOT_ALLOW_ANONYMOUS: 'true', HOST: '0.0.0.0' })).toEqual([
      'HOST must be a loopback address (127.0.0.1, ::1, localhost) when BOT_ALLOW_ANONYMOUS=true, got 0.0.0.0',
    ]);
    expect(problems({ ...production, BOT_ALLOW_ANONYMOUS: 'true', HOST: '127.0.0.1' })).toEqual([
      'BOT_ALLOW_ANONYMOUS must not be true when MicrosoftAppId is set',
    ]);
  });

  it('lowers the WSVerbindingID and trims a trailing slash from URLs', () => {
    const config = loadConfig({
      ...production,
      DIGIOFFICE_WS_VERBINDING_ID: 'ABCDEF01-2345-6789-ABCD-EF0123456789',
      DIGIOFFICE_WEB_URL: 'https://do.example.nl/web/',
    });
    expect(config.digiOffice.wsVerbindingId).toBe('abcdef01-2345-6789-abcd-ef0123456789');
    expect(config.digiOffice.webUrl).toBe('https://do.example.nl/web');
  });

  it('refuses DIGIOFFICE_AUTH=sso, which this version does not offer yet, instead of silently using credentials', () => {
    expect(problems({ ...production, DIGIOFFICE_AUTH: 'sso' })).toEqual([
      'DIGIOFFICE_AUTH=sso is not available in this version yet; use DIGIOFFICE_AUTH=credentials (account linking)',
    ]);
  });

  it('refuses STORAGE=azure without a connection string', () => {
    expect(problems({ ...production, STORAGE: 'azure' })).toEqual(['AZURE_STORAGE_CONNECTION_STRING is required when STORAGE=azure']);
  });

  it('takes STORAGE=sqlite (the default) with its folder, and refuses any other backend, the former file one included', () => {
    expect(loadConfig({ ...production, STORAGE: 'sqlite', STORAGE_DIR: '/var/lib/tasks' }).storage).toEqual({
      kind: 'sqlite',
      dir: '/var/lib/tasks',
    });
    expect(problems({ ...production, STORAGE: 'file' })).toEqual([
      'STORAGE must be sqlite (embedded, one process) or azure (several instances)',
    ]);
  });

  it("takes the channel's OpenID metadata URL over https, or over http on a loopback address only", () => {
    const metadata = (url: string) => loadConfig({ ...production, BOT_OPENID_METADATA_URL: url }).bot?.openIdMetadataUrl;
    expect(metadata('https://login.example.net/openid')).toBe('https://login.example.net/openid');
    expect(metadata('http://127.0.0.1:4000/openid')).toBe('http://127.0.0.1:4000/openid');
    expect(metadata('http://[::1]:4000/openid')).toBe('http://[::1]:4000/openid');
    expect(problems({ ...production, BOT_OPENID_METADATA_URL: 'http://keys.example.net/openid' })).toEqual([
      'BOT_OPENID_METADATA_URL must be an https URL (http only on a loopback address)',
    ]);
  });

  describe('NOTIFY_API_KEY', () => {
    it('takes two comma-separated keys (new,old) during a rotation, trimmed', () => {
      expect(loadConfig({ ...production, NOTIFY_API_KEY: ' new-key-0123456789abcdef , old-key-0123456789abcdef ' }).notifyApiKeys).toEqual([
        'new-key-0123456789abcdef',
        'old-key-0123456789abcdef',
      ]);
    });

    it.each([
      ['0123456789abcde', ['NOTIFY_API_KEY the key is too weak: 15 characters, at least 16 are needed']],
      ['                    ', ['NOTIFY_API_KEY the key is empty']],
      ['new-key-0123456789abcdef,short', ['NOTIFY_API_KEY the second key is too weak: 5 characters, at least 16 are needed']],
      ['tiny, old-key-0123456789abcdef', ['NOTIFY_API_KEY the first key is too weak: 4 characters, at least 16 are needed']],
      ['new-key-0123456789abcdef,', ['NOTIFY_API_KEY the second key is empty']],
      ['new-key 0123456789abcdef', ['NOTIFY_API_KEY the key must not contain spaces']],
      [
        'a-key-0123456789abcdef,b-key-0123456789abcdef,c-key-0123456789abcdef',
        ['NOTIFY_API_KEY holds 3 keys; at most two (new,old) during a rotation'],
      ],
    ])('refuses %j, saying which key is weak and never echoing it', (value, expected) => {
      expect(problems({ ...production, NOTIFY_API_KEY: value })).toEqual(expected);
    });
  });

  describe('TOKEN_ENCRYPTION_KEY and TOKEN_ENCRYPTION_KEY_PREVIOUS', () => {
    const previous = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 13 + 200) % 256));

    it('takes the previous key during a rotation', () => {
      const config = loadConfig({ ...production, TOKEN_ENCRYPTION_KEY_PREVIOUS: ` ${previous.toString('base64')} ` });
      expect([config.tokenEncryptionKey, config.previousTokenEncryptionKey]).toEqual([KEY_BYTES, previous]);
      expect(loadConfig({ ...production, TOKEN_ENCRYPTION_KEY_PREVIOUS: '' }).previousTokenEncryptionKey).toBeNull();
    });

    const fewValues = Buffer.from(Array.from({ length: 32 }, (_, i) => i % 15));
    const sixteenValues = Buffer.from(Array.from({ length: 32 }, (_, i) => i % 16));

    it.each([
      ['all zeros', Buffer.alloc(32).toString('base64')],
      ['one value repeated', Buffer.alloc(32, 7).toString('base64')],
      ['15 different values', fewValues.toString('base64')],
    ])('refuses a key of %s, in either variable, without echoing it', (_name, weak) => {
      const message = 'is too weak: its 32 bytes must hold at least 16 different values (generate it randomly)';
      expect(problems({ ...production, TOKEN_ENCRYPTION_KEY: weak, TOKEN_ENCRYPTION_KEY_PREVIOUS: weak })).toEqual([
        `TOKEN_ENCRYPTION_KEY ${message}`,
        `TOKEN_ENCRYPTION_KEY_PREVIOUS ${message}`,
      ]);
    });

    it('takes a key of 16 different values', () => {
      expect(loadConfig({ ...production, TOKEN_ENCRYPTION_KEY: sixteenValues.toString('base64') }).tokenEncryptionKey).toEqual(
        sixteenValues,
      );
    });

    it('refuses a previous key that is not base64 of 32 bytes', () => {
      expect(problems({ ...production, TOKEN_ENCRYPTION_KEY_PREVIOUS: previous.subarray(0, 31).toString('base64') })).toEqual([
        'TOKEN_ENCRYPTION_KEY_PREVIOUS must be base64 of exactly 32 bytes',
      ]);
    });
  });

  describe('ADMIN_API_KEY, METRICS_PORT and OUTBOX_PENDING_REPORT_AGE', () => {
    it('takes one admin key or two during a rotation, a metrics port and a report age', () => {
      const config = loadConfig({
        ...production,
        ADMIN_API_KEY: 'admin-new-0123456789abcdef, admin-old-0123456789abcdef',
        METRICS_PORT: '9464',
        OUTBOX_PENDING_REPORT_AGE: '36h',
      });
      expect([config.adminApiKeys, config.metricsPort, config.outboxPendingReportAgeMs]).toEqual([
        ['admin-new-0123456789abcdef', 'admin-old-0123456789abcdef'],
        9464,
        36 * 3_600_000,
      ]);
    });

    it('leaves the admin API off for an empty ADMIN_API_KEY', () => {
      expect(loadConfig({ ...production, ADMIN_API_KEY: '  ' }).adminApiKeys).toEqual([]);
    });

    it.each([
      [{ ADMIN_API_KEY: 'short-admin' }, ['ADMIN_API_KEY the key is too weak: 11 characters, at least 16 are needed']],
      [
        { ADMIN_API_KEY: `admin-new-0123456789abcdef,${production.NOTIFY_API_KEY}` },
        ['ADMIN_API_KEY must differ from every NOTIFY_API_KEY'],
      ],
      [{ METRICS_PORT: '3978' }, ['METRICS_PORT must differ from PORT']],
      [{ METRICS_PORT: '03978' }, ['METRICS_PORT must differ from PORT']],
      [{ METRICS_PORT: '70000' }, ['METRICS_PORT must be a port number (1 to 65535)']],
      [{ METRICS_PORT: 'ninety' }, ['METRICS_PORT must be a port number (1 to 65535)']],
      [
        { OUTBOX_PENDING_REPORT_AGE: '7 days' },
        ['OUTBOX_PENDING_REPORT_AGE must be at least a minute, written as a whole number and a unit: s, m, h or d (e.g. 7d, 36h, 30m)'],
      ],
      [
        { OUTBOX_PENDING_REPORT_AGE: '30s' },
        ['OUTBOX_PENDING_REPORT_AGE must be at least a minute, written as a whole number and a unit: s, m, h or d (e.g. 7d, 36h, 30m)'],
      ],
    ])('refuses %j with a message naming the variable and never a key', (env, expected) => {
      expect(problems({ ...production, ...env })).toEqual(expected);
    });
  });
});
