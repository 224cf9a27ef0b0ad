import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const OPENAPI = 'docs/openapi/notifications.openapi.json';
const SWAGGER2 = 'docs/openapi/notifications.swagger2.json';

/** Runs the kept validator (Swagger Parser) as `npm run openapi` does, in a child process: it is an ES module chain jest cannot load. */
function validate(files: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/openapi/validate.ts', ...files], { cwd: ROOT });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('tools/openapi/validate.ts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openapi-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the committed OpenAPI document valid OpenAPI 3.1, and the connector valid Swagger 2.0', async () => {
    expect(await validate([OPENAPI, SWAGGER2])).toEqual({
      code: 0,
      output: `${OPENAPI}: valid OpenAPI 3.1.0\n${SWAGGER2}: valid Swagger 2.0\n`,
    });
  });

  it('finds a broken document of either kind invalid, naming where', async () => {
    const openApi = JSON.parse(await readFile(join(ROOT, OPENAPI), 'utf8')) as {
      paths: Record<string, { post?: { responses: Record<string, object> } }>;
    };
    delete (openApi.paths['/api/notifications']?.post?.responses['202'] as { description?: string }).description;
    const swagger2 = JSON.parse(await readFile(join(ROOT, SWAGGER2), 'utf8')) as { definitions: Record<string, object> };
    swagger2.definitions.Refusal = { anyOf: [{ type: 'string' }, { type: 'null' }] };
    const brokenOpenApi = join(dir, 'broken.openapi.json');
    const brokenSwagger2 = join(dir, 'broken.swagger2.json');
    await writeFile(brokenOpenApi, JSON.stringify(openApi));
    await writeFile(brokenSwagger2, JSON.stringify(swagger2));

    const result = await validate([brokenOpenApi, brokenSwagger2]);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(
      /broken\.openapi\.json: invalid OpenAPI 3\.1\.0: .*\n[\s\S]*#\/paths\/~1api~1notifications\/post\/responses\/202 must have required property 'description'/,
    );
    expect(result.output).toMatch(
      /broken\.swagger2\.json: invalid Swagger 2\.0: [\s\S]*#\/definitions\/Refusal must NOT have additional properties/,
    );
  });
});
