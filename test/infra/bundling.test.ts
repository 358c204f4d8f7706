import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { synthCallwise } from './synth';

// The one real bundle of every handler with the local esbuild (no Docker), as `npm run synth` does.
const { app, template } = synthCallwise({}, { bundle: true });
const outdir = app.synth().directory;
const bundles = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } })).map((f) => {
  const key = (f.Properties.Code as { S3Key: string }).S3Key;
  return { name: f.Properties.Description as string, dir: join(outdir, `asset.${key.replace(/\.zip$/, '')}`) };
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('Lambda bundles', () => {
  it('bundles all four handlers', () => {
    expect(bundles).toHaveLength(4);
  });

  it.each(bundles.map((b) => [b.name.split(':')[0], b]))('%s: minified CommonJS with a source map, AWS SDK left to the runtime', (_name, bundle) => {
    const code = readFileSync(join(bundle.dir, 'index.js'), 'utf8');
    expect(existsSync(join(bundle.dir, 'index.js.map'))).toBe(true);
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
    expect(code).toMatch(/require\("@aws-sdk\/[a-z-]+"\)/);
    // The SDK's own client classes are not inlined.
    expect(code).not.toMatch(/class \w+ extends \w+\{constructor\(\.\.\.\[\w+\]\)\{const \w+=getRuntimeConfig/);
    expect(code).not.toContain('node_modules/@aws-sdk/client-');
    // Minified: few lines for megabytes of code.
    expect(code.split('\n').length).toBeLessThan(200);
  });
});
