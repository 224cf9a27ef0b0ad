import { forEachString, formatPath, getAt, isObject, type Json, type JsonObject } from './json';
import { GUID_PATTERN, PLACEHOLDER_PATTERN, SEMVER_PATTERN } from './patterns';
import { problem, type Problem } from './problem';

/** A host the package must allow, and why (shown when it is missing). */
export interface RequiredDomain {
  host: string;
  reason: string;
}

/** Length limits of the Teams schema for the strings people type, keyed by dotted path. */
export const LENGTH_LIMITS: Readonly<Record<string, number>> = {
  'name.short': 30,
  'name.full': 100,
  'description.short': 80,
  'description.full': 4000,
  'developer.name': 32,
};

/** Fields whose URL Teams loads inside its own frame, so their host must be in validDomains. */
const IN_TEAMS_URLS: ReadonlyArray<[string, string]> = [
  ['staticTabs', 'contentUrl'],
  ['configurableTabs', 'configurationUrl'],
];

const length = (text: string): number => [...text].length;

export function checkPlaceholders(root: string, document: Json): Problem[] {
  const problems: Problem[] = [];
  forEachString(
    document,
    (text, path) => {
      const left = text.match(PLACEHOLDER_PATTERN);
      if (left) problems.push(problem(formatPath(root, path), `unreplaced placeholder ${left.join(', ')}`));
      else if (text.includes('${{')) problems.push(problem(formatPath(root, path), 'unreplaced placeholder "${{"'));
    },
    true,
  );
  return problems;
}

export function checkLengths(root: string, document: JsonObject, keysAreDotted: boolean): Problem[] {
  const problems: Problem[] = [];
  for (const [key, limit] of Object.entries(LENGTH_LIMITS)) {
    const segments = keysAreDotted ? [key] : key.split('.');
    const value = getAt(document, segments);
    if (typeof value === 'string' && length(value) > limit) {
      problems.push(problem(formatPath(root, segments), `is ${length(value)} characters, at most ${limit} allowed`));
    }
  }
  return problems;
}

function checkVersion(m: JsonObject): Problem[] {
  if (typeof m.version !== 'string') return [problem('manifest.version', 'is required (MAJOR.MINOR.PATCH)')];
  if (SEMVER_PATTERN.test(m.version)) return [];
  return [problem('manifest.version', `${JSON.stringify(m.version)} is not a version MAJOR.MINOR.PATCH (e.g. 1.0.0)`)];
}

function checkGuid(where: string, value: Json | undefined, what: string): Problem[] {
  if (value === undefined) return [problem(where, `is required (${what}, a GUID)`)];
  if (typeof value === 'string' && GUID_PATTERN.test(value)) return [];
  return [problem(where, `${JSON.stringify(value)} is not a GUID (${what})`)];
}

function checkGuids(m: JsonObject): Problem[] {
  const problems = checkGuid('manifest.id', m.id, 'the Teams app id');
  const bots = Array.isArray(m.bots) ? m.bots : [];
  bots.forEach((bot, i) => {
    if (isObject(bot)) problems.push(...checkGuid(`manifest.bots[${i}].botId`, bot.botId, "the bot's Microsoft App ID"));
  });
  if (isObject(m.webApplicationInfo)) {
    problems.push(...checkGuid('manifest.webApplicationInfo.id', m.webApplicationInfo.id, 'the Entra app id'));
  }
  return problems;
}

function checkHttps(m: JsonObject): Problem[] {
  const problems: Problem[] = [];
  forEachString(m, (text, path) => {
    const key = path[path.length - 1];
    const looksLikeUrlField = typeof key === 'string' && /Url$/.test(key);
    if (/^http:\/\//i.test(text)) problems.push(problem(formatPath('manifest', path), `${text} must use https`));
    else if (looksLikeUrlField && !isHttpsUrl(text)) {
      problems.push(problem(formatPath('manifest', path), `${JSON.stringify(text)} is not an absolute https URL`));
    }
  });
  return problems;
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Domains as Teams wants them: a host name, optionally with a leading `*.` wildcard; no scheme, port or path. */
function checkValidDomainShape(domains: readonly Json[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  domains.forEach((domain, i) => {
    const where = `manifest.validDomains[${i}]`;
    if (typeof domain !== 'string') return;
    if (domain.includes('://')) problems.push(problem(where, `${JSON.stringify(domain)} must be a host name without a scheme`));
    else if (/[/?#]/.test(domain)) problems.push(problem(where, `${JSON.stringify(domain)} must be a host name without a path`));
    else if (!/^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(domain)) {
      problems.push(problem(where, `${JSON.stringify(domain)} is not a host name`));
    }
    if (seen.has(domain.toLowerCase())) problems.push(problem(where, `${JSON.stringify(domain)} is listed twice`));
    seen.add(domain.toLowerCase());
  });
  return problems;
}

export function hostAllowed(host: string, domains: readonly Json[]): boolean {
  const h = host.toLowerCase();
  return domains.some((d) => {
    if (typeof d !== 'string') return false;
    const domain = d.toLowerCase();
    return domain.startsWith('*.') ? h.endsWith(domain.slice(1)) && h.length > domain.length - 1 : h === domain;
  });
}

function checkDomainsCoverUrls(m: JsonObject, domains: readonly Json[], required: readonly RequiredDomain[]): Problem[] {
  const problems: Problem[] = [];
  for (const [list, field] of IN_TEAMS_URLS) {
    const items = Array.isArray(m[list]) ? m[list] : [];
    items.forEach((item, i) => {
      const url = getAt(item, [field]);
      if (typeof url !== 'string' || !isHttpsUrl(url)) return;
      const host = new URL(url).hostname;
      if (!hostAllowed(host, domains)) {
        problems.push(problem(`manifest.${list}[${i}].${field}`, `host ${host} is not in manifest.validDomains`));
      }
    });
  }
  for (const { host, reason } of required) {
    if (!hostAllowed(host, domains)) problems.push(problem('manifest.validDomains', `must include ${host} (${reason})`));
  }
  return problems;
}

/**
 * The rules the JSON schema does not express (or expresses with unhelpful messages): semver, GUIDs, https,
 * validDomains' shape and coverage, length limits, unreplaced placeholders.
 */
export function checkManifestRules(m: JsonObject, required: readonly RequiredDomain[] = []): Problem[] {
  const domains = Array.isArray(m.validDomains) ? m.validDomains : [];
  return [
    ...checkVersion(m),
    ...checkGuids(m),
    ...checkHttps(m),
    ...checkValidDomainShape(domains),
    ...checkDomainsCoverUrls(m, domains, required),
    ...checkLengths('manifest', m, false),
    ...checkPlaceholders('manifest', m),
  ];
}
