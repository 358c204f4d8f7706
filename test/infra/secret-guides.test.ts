import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const GUIDES = ['docs/deploy-aws.md', 'docs/salesforce-admin.md'].map((path) => [path, readFileSync(join(__dirname, '..', '..', path), 'utf8')] as const);
const shellBlocks = (markdown: string) => [...markdown.matchAll(/```(?:bash|sh)\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe.each(GUIDES)('%s writes the Salesforce secret privately', (_path, markdown) => {
  const secretBlocks = shellBlocks(markdown).filter((block) => block.includes('create-secret'));

  it('stores a secret from a file it made for that', () => {
    expect(secretBlocks).toHaveLength(1);
  });

  it('writes it under umask 077 to a file from mktemp, and shreds it', () => {
    const block = secretBlocks[0]!;
    const order = ['umask 077', '$(mktemp)', '> "$secret_file"', '--secret-string "file://$secret_file"', 'shred -u "$secret_file"'].map((step) =>
      block.indexOf(step),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('writes no file to a fixed path in /tmp', () => {
    expect(markdown).not.toMatch(/>\s*\/tmp\/|file:\/\/\/tmp\//);
  });
});
