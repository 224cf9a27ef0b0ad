import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/**
 * Validates an OpenAPI document with a kept validator: Swagger Parser checks Swagger 2.0 and OpenAPI 3.x documents
 * against their official schemas, resolves every $ref and checks what the schemas cannot (e.g. unique operation ids).
 * Its dependencies are ES modules, which jest cannot load: tests run validate.ts as a child process.
 */
export async function validateOpenApiFile(file: string): Promise<{ valid: boolean; line: string }> {
  const document = JSON.parse(readFileSync(file, 'utf8')) as { openapi?: string; swagger?: string };
  const version = document.openapi ? `OpenAPI ${document.openapi}` : `Swagger ${document.swagger ?? '?'}`;
  try {
    await SwaggerParser.validate(document as never);
    return { valid: true, line: `${relative(process.cwd(), file)}: valid ${version}` };
  } catch (err) {
    return { valid: false, line: `${relative(process.cwd(), file)}: invalid ${version}: ${(err as Error).message.trim()}` };
  }
}

/** Validates each file, printing one verdict per file; false when any is invalid. */
export async function validateOpenApiFiles(files: readonly string[]): Promise<boolean> {
  let valid = true;
  for (const file of files) {
    const result = await validateOpenApiFile(file);
    console.log(result.line);
    valid &&= result.valid;
  }
  return valid;
}
