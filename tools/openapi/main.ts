// `npm run openapi`: writes the webhook's OpenAPI 3.1 document and its Swagger 2.0 custom connector to docs/openapi/,
// generated from the zod schemas the server parses with, then validates both (exit code 1 when one is invalid).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONTRACT_FILES, ROOT, renderContract } from './files';
import { validateOpenApiFiles } from './validator';

async function main(): Promise<boolean> {
  for (const file of CONTRACT_FILES) {
    const target = join(ROOT, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, renderContract(file.build()));
    console.log(`wrote ${file.path}`);
  }
  return validateOpenApiFiles(CONTRACT_FILES.map((file) => join(ROOT, file.path)));
}

main().then(
  (valid) => (process.exitCode = valid ? 0 : 1),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
