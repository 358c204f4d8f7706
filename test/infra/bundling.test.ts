import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { synthCallwise } from './synth';

// The one real bundle of every handler with the local esbuild (no Docker), as `npm run synth` does. CDK announces
// each bundle on stderr ("Bundling asset …"): kept quiet here, and shown if the synth fails.
const { template, outdir } = quietStderr(() => {
  const synth = synthCallwise({}, { bundle: true });
  return { template: synth.template, outdir: synth.app.synth().directory };
});

function quietStderr<T>(run: () => T): T {
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    return run();
  } catch (error) {
    write.call(process.stderr, written.join(''));
    throw error;
  } finally {
    process.stderr.write = write;
  }
}
const bundles = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } })).map((f) => {
  const key = (f.Properties.Code as { S3Key: string }).S3Key;
  // Descriptions read 'Callwise <handler>: ...'.
  const handler = (f.Properties.Description as string).split(':')[0]!.replace('Callwise ', '');
  return { handler, dir: join(outdir, `asset.${key.replace(/\.zip$/, '')}`) };
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('Lambda bundles', () => {
  it('bundles all eight handlers', () => {
    expect(bundles).toHaveLength(8);
  });

  it.each(bundles.map((b) => [b.handler, b]))('%s: minified CommonJS with a source map, AWS SDK left to the runtime', (handler, bundle) => {
    const code = readFileSync(join(bundle.dir, 'index.js'), 'utf8');
    const map = JSON.parse(readFileSync(join(bundle.dir, 'index.js.map'), 'utf8')) as { sources: string[] };
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
    expect(code).toMatch(/require\("@aws-sdk\/[a-z-]+"\)/);
    // The map names what went in: the handler, and no AWS SDK source (it is external).
    expect(map.sources).toContainEqual(expect.stringMatching(new RegExp(`functions/src/handlers/${handler}\\.ts$`)));
    expect(map.sources.filter((source) => source.includes('node_modules/@aws-sdk/'))).toEqual([]);
    // Minified: a handful of lines for megabytes of code.
    expect(code.split('\n').length).toBeLessThan(200);
  });
});
