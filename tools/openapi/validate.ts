// `tsx tools/openapi/validate.ts FILE…`: validates OpenAPI / Swagger documents (validator.ts); exit code 1 when any is invalid.
import { validateOpenApiFiles } from './validator';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: tsx tools/openapi/validate.ts FILE…');
  process.exitCode = 2;
} else {
  validateOpenApiFiles(files).then(
    (valid) => (process.exitCode = valid ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
