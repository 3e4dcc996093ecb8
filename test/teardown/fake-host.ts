/**
 * A fake node and cluster for running the generated teardown / node-cleanup scripts for real: `rm`, `ip`, `iptables`,
 * `ip6tables`, `ipvsadm` and `kubectl` are stubs on PATH that act on state files in a temp dir (nothing on the machine
 * is touched) and log every change they make. A script is idempotent when its second run logs no change.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/cli';

/** State files hold one item per line; `remove` deletes matching lines and logs when it did. */
const LIB = `S="$FAKE_HOST/state"
remove() { # file awk-condition change-text
  before=$(wc -l < "$S/$1")
  awk -v k="$KEY" "!($2)" "$S/$1" > "$S/$1.tmp" && mv "$S/$1.tmp" "$S/$1"
  after=$(wc -l < "$S/$1")
  if [ "$before" != "$after" ]; then echo "$3" >> "$S/changes"; return 0; fi
  return 1
}
`;

const STUBS: Record<string, string> = {
  rm: `for p in "$@"; do
  case "$p" in -*) continue ;; esac
  KEY="$p"; remove files '$0 == k || index($0, k "/") == 1' "rm $p" || true
done`,
  ip: `if [ "$1" = "-o" ]; then awk '{print NR ": " $0 ": <BROADCAST>"}' "$S/links"; exit 0; fi
KEY="$3"
case "$2" in
  show) grep -qxF -- "$3" "$S/links" ;;
  delete) remove links '$0 == k' "ip link delete $3" || { echo "Cannot find device $3" >&2; exit 1; } ;;
  *) exit 2 ;;
esac`,
  iptables: `T="$(basename "$0")"; table="$2"; op="$3"; shift 3
case "$op" in
  -S) awk -v t="$table" -F '\\t' '$1 == t {print $2}' "$S/$T"; exit 0 ;;
  -D) KEY="$table	-A $*"; remove "$T" '$0 == k' "$T -t $table -D $*" || exit 1 ;;
  -F) KEY="$table	-A $1 "; remove "$T" 'index($0, k) == 1' "$T -t $table -F $1" || true ;;
  -X) KEY="$table	-N $1"; remove "$T" '$0 == k' "$T -t $table -X $1" || exit 1 ;;
esac`,
  ipvsadm: `KEY=""; remove ipvs '1' "ipvsadm -C" || true`,
  kubectl: `if [ "$1" != "delete" ]; then exit 0; fi
shift
res=""; ns=""
while [ $# -gt 0 ]; do case "$1" in -n) ns="$2"; shift 2 ;; --*) shift ;; *) res="$1"; shift ;; esac; done
KEY="$res $ns"; remove objects '$0 == k' "kubectl delete $res $ns" || true`,
};
STUBS.ip6tables = STUBS.iptables;

export interface FakeHostState {
  /** Paths that exist (files and directories). */
  readonly files?: readonly string[];
  readonly links?: readonly string[];
  /** iptables `-S` lines per table: `{ filter: ['-N cali-x', '-A FORWARD -j cali-x'] }`. */
  readonly iptables?: Readonly<Record<string, readonly string[]>>;
  readonly ipvs?: readonly string[];
  /** `kubectl` objects as `<resource> <namespace>` (namespace empty for cluster-scoped ones). */
  readonly objects?: readonly string[];
}

export interface ScriptRun {
  readonly code: number;
  readonly stderr: string;
  /** The changes the run made, in order. */
  readonly changes: readonly string[];
}

export interface FakeHost {
  run(script: string): ScriptRun;
  /** The current contents of a state file (files, links, iptables, ip6tables, ipvs, objects). */
  state(name: string): string[];
}

export function fakeHost(initial: FakeHostState): FakeHost {
  const dir = tempDir('cdk8s-cni-fake-host-');
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  mkdirSync(bin);
  mkdirSync(state);
  const lines = (l: readonly string[] = []) => l.map((x) => `${x}\n`).join('');
  writeFileSync(join(state, 'files'), lines(initial.files));
  writeFileSync(join(state, 'links'), lines(initial.links));
  const rules = Object.entries(initial.iptables ?? {}).flatMap(([t, rs]) => rs.map((r) => `${t}\t${r}`));
  writeFileSync(join(state, 'iptables'), lines(rules));
  writeFileSync(join(state, 'ip6tables'), '');
  writeFileSync(join(state, 'ipvs'), lines(initial.ipvs));
  writeFileSync(join(state, 'objects'), lines(initial.objects));
  for (const [name, body] of Object.entries(STUBS)) {
    writeFileSync(join(bin, name), `#!/bin/sh\n${LIB}${body}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const read = (name: string) => readFileSync(join(state, name), 'utf8').split('\n').filter((l) => l !== '');
  return {
    state: read,
    run(script: string): ScriptRun {
      writeFileSync(join(state, 'changes'), '');
      const r = spawnSync('sh', ['-s'], { input: script, encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, FAKE_HOST: dir } });
      return { code: r.status ?? -1, stderr: r.stderr, changes: read('changes') };
    },
  };
}
