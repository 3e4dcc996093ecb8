/**
 * Every relative link in README.md, CHANGELOG.md, BENCHMARKS.md and docs/ (except the generated docs/api) points at a
 * file or folder that exists, and every `#anchor` at a heading of its target. External links are not fetched (no
 * network in CI); they only have to be absolute https URLs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return p === join(ROOT, 'docs', 'api') ? [] : markdownFiles(p);
    return p.endsWith('.md') ? [p] : [];
  });
}

const FILES = [...['README.md', 'CHANGELOG.md', 'BENCHMARKS.md'].map((f) => join(ROOT, f)), ...(existsSync(join(ROOT, 'docs')) ? markdownFiles(join(ROOT, 'docs')) : [])];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const line of stripCode(markdown).split('\n')) {
    const m = /^#{1,6}\s+(.*)$/.exec(line);
    if (m) out.add(m[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  return out;
}

function stripCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

function links(markdown: string): string[] {
  const text = stripCode(markdown);
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), ...text.matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]);
}

describe.each(FILES.map((f) => [relative(ROOT, f), f]))('%s', (_name, file) => {
  const markdown = readFileSync(file, 'utf8');
  test('relative links resolve to existing files and headings', () => {
    const broken: string[] = [];
    for (const link of links(markdown)) {
      if (/^[a-z]+:/i.test(link)) {
        if (!/^(https|mailto):/.test(link)) broken.push(`${link} (use https)`);
        continue;
      }
      const [path, anchor] = link.split('#');
      const target = path ? resolve(dirname(file), decodeURI(path)) : file;
      if (!existsSync(target)) {
        broken.push(`${link} (no such file)`);
        continue;
      }
      if (anchor && statSync(target).isFile() && target.endsWith('.md') && !anchors(readFileSync(target, 'utf8')).has(anchor)) broken.push(`${link} (no such heading)`);
    }
    expect(broken).toEqual([]);
  });
});

test('README stays a front door (at most ~15 KB)', () => {
  expect(statSync(join(ROOT, 'README.md')).size).toBeLessThanOrEqual(15 * 1024);
});
