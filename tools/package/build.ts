import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackageConfig } from './config';
import type { RequiredDomain } from './manifest-rules';
import { renderPackageFiles, TOKEN_SERVICE_DOMAIN } from './template';
import { createZip } from './zip';

export function packageFileName(config: PackageConfig): string {
  return `digioffice-tasks-${config.appVersion}.zip`;
}

/** The hosts this configuration needs in validDomains, so validation can prove they are there. */
export function requiredDomains(config: PackageConfig): RequiredDomain[] {
  const domains: RequiredDomain[] = [
    { host: config.botDomain, reason: "PUBLIC_URL's host: the sign-in page" },
    { host: config.digiofficeWebDomain, reason: 'DigiOffice\'s web host: the "Open in DigiOffice" links' },
  ];
  if (config.auth === 'sso') domains.push({ host: TOKEN_SERVICE_DOMAIN, reason: 'DIGIOFFICE_AUTH=sso: OAuth sign-in' });
  return domains;
}

/** Renders the templates, zips manifest, localization files and icons at the zip root; returns the zip's path. */
export function writeAppPackage(config: PackageConfig, manifestDir: string, outDir: string): string {
  const zip = createZip(renderPackageFiles(config, manifestDir));
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, packageFileName(config));
  writeFileSync(zipPath, zip);
  return zipPath;
}
