/**
 * Runs the Pulumi program under `pulumi.runtime.setMocks` (no CLI, plugins or network) with the config of one stack
 * file, and records every resource registration (type, name, inputs with secrets unwrapped, which input paths were
 * secret, provider, dependencies) and every provider function call. Each run gets fresh Pulumi modules
 * (`jest.isolateModulesAsync`), so one test file can run several stacks.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

export const STACK_CONFIG_DIR = resolve(__dirname, '../../stacks/config');
export const MOCK_CA_PEM = readFileSync(resolve(__dirname, '../fixtures/mock-cluster-ca.crt'), 'utf8');
export const MOCK_KEY_PEM = '-----BEGIN PRIVATE KEY-----\nbW9jaw==\n-----END PRIVATE KEY-----\n';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';
const SIG_KEY = '4dabf18193072939515e22adb298388d';

export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  /** Inputs with secrets unwrapped. */
  readonly inputs: any;
  /** Input paths (dotted) whose values were secret. */
  readonly secretPaths: readonly string[];
  readonly provider?: string;
}

export interface RecordedCall {
  readonly token: string;
  readonly inputs: any;
}

export interface StackRun {
  readonly resources: RecordedResource[];
  readonly calls: RecordedCall[];
  /** Resolved stack outputs. */
  readonly outputs: Record<string, any>;
  /** Names of outputs that are secret. */
  readonly secretOutputs: ReadonlySet<string>;
  /** Dependencies (resource names) per resource name, from `dependsOn` and parents' dependsOn. */
  readonly dependsOn: ReadonlyMap<string, readonly string[]>;
  /** Resource options per `type name`: parent (`type name` of the parent), deletedWith (name), ignoreChanges. */
  readonly options: ReadonlyMap<string, RecordedOptions>;
  /** Warnings the program logged (`pulumi.log.warn`). */
  readonly warnings: readonly string[];
}

export interface RecordedOptions {
  /** `type name` of the parent resource (the stack for top-level resources). */
  readonly parent?: string;
  readonly deletedWith?: string;
  readonly ignoreChanges?: readonly string[];
}

/** EC2 limits the mocked `aws.ec2.getInstanceType` answers with (from the EC2 API / eni-max-pods.txt). */
export const INSTANCE_TYPES: Record<string, { maximumNetworkInterfaces: number; maximumIpv4AddressesPerInterface: number; defaultVcpus: number; hypervisor: string; supportedArchitectures: string[] }> = {
  'm5.large': { maximumNetworkInterfaces: 3, maximumIpv4AddressesPerInterface: 10, defaultVcpus: 2, hypervisor: 'nitro', supportedArchitectures: ['x86_64'] },
  'm5.xlarge': { maximumNetworkInterfaces: 4, maximumIpv4AddressesPerInterface: 15, defaultVcpus: 4, hypervisor: 'nitro', supportedArchitectures: ['x86_64'] },
  'm6i.xlarge': { maximumNetworkInterfaces: 4, maximumIpv4AddressesPerInterface: 15, defaultVcpus: 4, hypervisor: 'nitro', supportedArchitectures: ['x86_64'] },
  'c7g.2xlarge': { maximumNetworkInterfaces: 4, maximumIpv4AddressesPerInterface: 15, defaultVcpus: 8, hypervisor: 'nitro', supportedArchitectures: ['arm64'] },
  't3.medium': { maximumNetworkInterfaces: 3, maximumIpv4AddressesPerInterface: 6, defaultVcpus: 2, hypervisor: 'nitro', supportedArchitectures: ['x86_64'] },
  'm4.large': { maximumNetworkInterfaces: 2, maximumIpv4AddressesPerInterface: 10, defaultVcpus: 2, hypervisor: 'xen', supportedArchitectures: ['x86_64'] },
};

/** The AMI the mocked SSM answers for `/aws/service/eks/optimized-ami/<version>/amazon-linux-2023/<arch>/…`. */
export function mockAmiFor(parameter: string): string {
  const m = /optimized-ami\/(\d+)\.(\d+)\/amazon-linux-2023\/(x86_64|arm64)\//.exec(parameter);
  if (!m) throw new Error(`mock: unexpected SSM parameter ${parameter}`);
  return `ami-${m[3] === 'arm64' ? 'a' : '0'}${m[1]}${m[2].padStart(2, '0')}00000000000`;
}

/** The flat `project:key` → string map Pulumi keeps for a stack file (structured values as JSON). */
export function stackFileConfig(file: string): Record<string, string> {
  const doc = parse(readFileSync(join(STACK_CONFIG_DIR, file), 'utf8')) as { config: Record<string, unknown> };
  return Object.fromEntries(Object.entries(doc.config).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function unwrap(value: any, path: string, secrets: string[]): any {
  if (Array.isArray(value)) return value.map((v, i) => unwrap(v, `${path}[${i}]`, secrets));
  if (value && typeof value === 'object') {
    if (value[SIG_KEY] === SECRET_SIG) {
      secrets.push(path);
      return unwrap(value.value, path, []);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v, path ? `${path}.${k}` : k, secrets)]));
  }
  return value;
}

function stateFor(type: string, name: string, inputs: any): Record<string, unknown> {
  const base = { ...inputs, name: inputs.name ?? name, arn: `arn:mock:${type}:${name}` };
  switch (type) {
    case 'aws:eks/cluster:Cluster':
      return {
        ...base,
        endpoint: `https://${name}.eks.example`,
        certificateAuthority: { data: Buffer.from(MOCK_CA_PEM).toString('base64') },
        vpcConfig: { ...inputs.vpcConfig, clusterSecurityGroupId: 'sg-eks-cluster' },
        identities: [{ oidcs: [{ issuer: `https://oidc.eks.eu-west-1.amazonaws.com/id/${name}` }] }],
      };
    case 'aws:ec2/launchTemplate:LaunchTemplate':
      return { ...base, latestVersion: 1 };
    case 'aws:ec2/eip:Eip':
      return { ...base, publicIp: '203.0.113.10', allocationId: `eipalloc-${name}` };
    case 'aws:ec2/instance:Instance':
      return { ...base, privateIp: inputs.privateIp ?? `10.0.0.${100 + (name.length % 50)}` };
    case 'tls:index/privateKey:PrivateKey':
      return { ...base, privateKeyPem: MOCK_KEY_PEM };
    case 'tls:index/selfSignedCert:SelfSignedCert':
    case 'tls:index/locallySignedCert:LocallySignedCert':
      return { ...base, certPem: MOCK_CA_PEM };
    case 'tls:index/certRequest:CertRequest':
      return { ...base, certRequestPem: '-----BEGIN CERTIFICATE REQUEST-----\nbW9jaw==\n-----END CERTIFICATE REQUEST-----\n' };
    case 'random:index/randomString:RandomString':
      return { ...base, result: 'abcdefghij0123456789'.slice(0, inputs.length) };
    case 'azure-native:managedidentity:UserAssignedIdentity':
      return { ...base, principalId: `principal-${name}` };
    default:
      return base;
  }
}

function callResult(token: string, inputs: any): Record<string, unknown> {
  switch (token) {
    case 'aws:index/getRegion:getRegion':
      return { region: 'eu-west-1', name: 'eu-west-1', id: 'eu-west-1' };
    case 'aws:ec2/getInstanceType:getInstanceType': {
      const t = INSTANCE_TYPES[inputs.instanceType];
      if (!t) throw new Error(`mock: no limits for ${inputs.instanceType}`);
      return { instanceType: inputs.instanceType, ...t };
    }
    case 'aws:ec2/getAmi:getAmi':
      return { id: 'ami-0123456789abcdef0' };
    case 'aws:ssm/getParameter:getParameter':
      return { name: inputs.name, value: mockAmiFor(inputs.name), type: 'String' };
    case 'azure-native:authorization:getClientConfig':
      return { subscriptionId: '00000000-0000-0000-0000-000000000000', tenantId: 't', clientId: 'c', objectId: 'o' };
    case 'azure-native:containerservice:listManagedClusterUserCredentials':
      return { kubeconfigs: [{ name: 'clusterUser', value: Buffer.from(`apiVersion: v1\nkind: Config\n# ${inputs.resourceName}\n`).toString('base64') }] };
    default:
      throw new Error(`mock: unexpected call ${token}`);
  }
}

/**
 * Runs the program with the config of `stackFile` (or an explicit config map) and returns what it registered.
 * `kubeadm.waitForApiServer` is replaced by a no-op that records its calls in `waits`.
 */
/** Each run loads fresh Pulumi modules, and each registers process exit hooks: raise the listener limit for them. */
process.setMaxListeners(Math.max(process.getMaxListeners(), 100));

/** Another Pulumi program than the stack program: its project name and how to load it (its exports are the outputs). */
export interface ProgramEntry {
  readonly project: string;
  /** Imports the program (after the mocks are set); module-level code registers its resources. */
  readonly load: () => Promise<Record<string, unknown>>;
}

export interface RunOptions {
  readonly waits?: Array<{ server: string; ca: string }>;
  /** Run this program instead of stacks/program.ts. */
  readonly program?: ProgramEntry;
}

export async function runStack(config: Record<string, string> | string, opts: RunOptions = {}): Promise<StackRun> {
  const { run, failure } = await execute(config, opts);
  if (failure) throw failure;
  return run!;
}

/** Runs a stack that must fail; returns the error and whatever was registered before it (the stack resource only). */
export async function runFailingStack(config: Record<string, string> | string, opts: RunOptions = {}): Promise<{ error: Error; resources: RecordedResource[] }> {
  const { failure, resources } = await execute(config, opts);
  if (!failure) throw new Error('the stack ran without error');
  return { error: failure as Error, resources };
}

async function execute(config: Record<string, string> | string, opts: RunOptions): Promise<{ run?: StackRun; failure?: unknown; resources: RecordedResource[] }> {
  const cfg = typeof config === 'string' ? stackFileConfig(config) : config;
  let run: StackRun | undefined;
  let failure: unknown;
  let recorded: RecordedResource[] = [];
  await jest.isolateModulesAsync(async () => {
    const pulumi = await import('@pulumi/pulumi');
    const resources: RecordedResource[] = [];
    recorded = resources;
    const calls: RecordedCall[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          const secretPaths: string[] = [];
          const inputs = unwrap(args.inputs, '', secretPaths);
          resources.push({ type: args.type, name: args.name, inputs, secretPaths, provider: args.provider });
          return { id: `${args.name}-id`, state: stateFor(args.type, args.name, inputs) };
        },
        call(args) {
          calls.push({ token: args.token, inputs: args.inputs });
          return callResult(args.token, args.inputs);
        },
      },
      opts.program?.project ?? 'cdk8s-cni',
      'test',
      false,
    );
    pulumi.runtime.setAllConfig(cfg);
    const dependsOn = new Map<string, string[]>();
    const options = new Map<string, RecordedOptions>();
    const warnings: string[] = [];
    const log = pulumi.log as { warn: (msg: string) => Promise<void> };
    const originalWarn = log.warn;
    log.warn = async (msg: string) => void warnings.push(msg);
    const label = (r: unknown) => `${(r as { __pulumiType?: string }).__pulumiType ?? '?'} ${(r as { __name?: string }).__name ?? '?'}`;
    try {
      const { runProgram } = await import('../../stacks/program');
      let outputs: Record<string, unknown> = {};
      await pulumi.runtime.runInPulumiStack(async () => {
        // Record dependencies through a stack transformation (runs in-process, before each registration).
        pulumi.runtime.registerStackTransformation((a) => {
          const deps = a.opts.dependsOn;
          const list: unknown[] = deps === undefined ? [] : Array.isArray(deps) ? deps : [deps];
          const names = list.filter((d) => pulumi.Resource.isInstance(d)).map((d) => (d as unknown as { __name: string }).__name);
          // Keyed by name: Kubernetes objects of different kinds may share one, but they never carry dependsOn.
          if (names.length > 0 || !dependsOn.has(a.name)) dependsOn.set(a.name, names);
          options.set(`${a.type} ${a.name}`, {
            parent: a.opts.parent ? label(a.opts.parent) : undefined,
            deletedWith: a.opts.deletedWith ? (a.opts.deletedWith as unknown as { __name: string }).__name : undefined,
            ignoreChanges: a.opts.ignoreChanges,
          });
          return undefined;
        });
        try {
          if (opts.program) outputs = { ...(await opts.program.load()) };
          else outputs = runProgram({ kubeadm: { waitForApiServer: async (server: string, ca: string) => void opts.waits?.push({ server, ca }) } });
        } catch (e) {
          failure = e;
        }
        return {};
      });
      if (failure) {
        log.warn = originalWarn;
        await pulumi.runtime.disconnect();
        return;
      }
      const resolved: Record<string, any> = {};
      const secretOutputs = new Set<string>();
      for (const [k, v] of Object.entries(outputs)) {
        if (pulumi.Output.isInstance(v)) {
          resolved[k] = await new Promise((res) => v.apply((x) => res(x)));
          if (await pulumi.isSecret(v)) secretOutputs.add(k);
        } else resolved[k] = v;
      }
      log.warn = originalWarn;
      await pulumi.runtime.disconnect();
      run = { resources, calls, outputs: resolved, secretOutputs, dependsOn, options, warnings };
    } catch (e) {
      failure = e;
    }
  });
  return { run, failure, resources: recorded };
}

/** Resources of a type (e.g. `aws:eks/addon:Addon`). */
export function ofType(run: StackRun, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

/** The one resource with this type and name (throws with the available names otherwise). */
export function resource(run: StackRun, type: string, name: string): RecordedResource {
  const r = run.resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} ${name}; have: ${ofType(run, type).map((x) => x.name).join(', ')}`);
  return r;
}
