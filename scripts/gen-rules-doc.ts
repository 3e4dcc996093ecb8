/** Writes docs/rules.md from the rule catalogue. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderRulesDoc } from '../src/rules/rules-doc';

const file = resolve(__dirname, '../docs/rules.md');
mkdirSync(resolve(file, '..'), { recursive: true });
writeFileSync(file, renderRulesDoc());
