/**
 * cdk8s app entry (`cdk8s.yaml` → `app: npx tsx src/main.ts`, and `npm run synth`). Reads the spec from the first
 * argument, `CDK8S_CNI_SPEC`, or `./network.yaml`, and writes `dist/` (or `CDK8S_OUTDIR`, as cdk8s-cli sets it).
 * Nothing is written when the spec is invalid: every problem is printed, one per line, and the exit code is 1.
 */
import { formatIssue } from './spec/issues';
import { loadSpecFile } from './spec/load';
import { validateClusterNetwork } from './spec/validate';
import { specWarnings } from './spec/warnings';
import { synthToDirectory } from './synth';

const specPath = process.argv[2] ?? process.env.CDK8S_CNI_SPEC ?? 'network.yaml';
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';

const loaded = loadSpecFile(specPath);
const result = loaded.ok ? validateClusterNetwork(loaded.value) : loaded;
if (!result.ok) {
  for (const issue of result.issues) process.stderr.write(`${formatIssue(issue)}\n`);
  process.exitCode = 1;
} else {
  for (const w of specWarnings(result.network)) process.stderr.write(`warning: ${w}\n`);
  for (const f of synthToDirectory(result.network, outdir)) process.stdout.write(`${f}\n`);
}
