import { ApiObject, Chart } from 'cdk8s';
import { Construct, type IConstruct } from 'constructs';
import { IssueCollector, type SpecIssue } from '../../spec/issues';
import { canonicalJson } from '../common/canonical-json';
import { buildCniConfig, type CniConfig, type NetworkConfigProps } from './cni-config';
import { formatWithRule } from './rules';
import { validateNetwork, validateNetworkSet } from './validate-network';

export const NAD_API_VERSION = 'k8s.cni.cncf.io/v1';
export const NAD_KIND = 'NetworkAttachmentDefinition';
/** Annotation naming the device-plugin resource a network's pods must request (SR-IOV). */
export const RESOURCE_NAME_ANNOTATION = 'k8s.v1.cni.cncf.io/resourceName';

/** The networks of each app (by construct-tree root): lookups without walking the tree or scanning the list. */
const networksByRoot = new WeakMap<IConstruct, { readonly list: NetworkAttachmentDefinition[]; readonly byName: Map<string, NetworkAttachmentDefinition> }>();
/** Problems between the networks of an app, per network, computed once per set of networks. */
const setProblemsByRoot = new WeakMap<IConstruct, { count: number; byNetwork: Map<NetworkAttachmentDefinition, string[]> }>();

/** Every NetworkAttachmentDefinition in the app `scope` belongs to, in creation order. */
export function networksIn(scope: IConstruct): readonly NetworkAttachmentDefinition[] {
  return networksByRoot.get(scope.node.root)?.list ?? [];
}

/** The first network (in creation order) named `name` in `namespace` in the app `scope` belongs to. */
export function networkNamed(scope: IConstruct, namespace: string, name: string): NetworkAttachmentDefinition | undefined {
  return networksByRoot.get(scope.node.root)?.byName.get(`${namespace}/${name}`);
}

export interface NetworkAttachmentDefinitionProps extends NetworkConfigProps {
  /** Object name, also the CNI network `name`; pods refer to the network by it. DNS-1123 label. */
  readonly name: string;
  /** Namespace of the object. @default - the chart's namespace, else 'default' */
  readonly namespace?: string;
  /** Extra annotations (e.g. Argo CD sync waves). @default - none */
  readonly annotations?: Record<string, string>;
}

/**
 * A Multus NetworkAttachmentDefinition (`k8s.cni.cncf.io/v1`): a secondary network pods attach to by name. Its
 * `spec.config` is canonical JSON (sorted keys) built from the typed plugin, IPAM and tuning configs.
 */
export class NetworkAttachmentDefinition extends Construct {
  /** Object (and CNI network) name. */
  public readonly name: string;
  public readonly namespace: string;
  /** The typed configuration this network was built from. */
  public readonly props: NetworkAttachmentDefinitionProps;
  /** The CNI config as an object (what `spec.config` holds as a string). */
  public readonly config: CniConfig;
  /** The device-plugin resource pods must request, for SR-IOV networks. */
  public readonly resourceName?: string;
  public readonly apiObject: ApiObject;
  private ownIssues?: readonly SpecIssue[];

  public constructor(scope: Construct, id: string, props: NetworkAttachmentDefinitionProps) {
    super(scope, id);
    this.props = props;
    this.name = props.name;
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? 'default';
    this.config = buildCniConfig(props.name, props);
    this.resourceName = props.plugin.type === 'sriov' ? props.plugin.resourceName : undefined;
    const annotations = { ...props.annotations, ...(this.resourceName ? { [RESOURCE_NAME_ANNOTATION]: this.resourceName } : {}) };
    this.apiObject = new ApiObject(this, 'resource', {
      apiVersion: NAD_API_VERSION,
      kind: NAD_KIND,
      metadata: { name: this.name, namespace: this.namespace, ...(Object.keys(annotations).length ? { annotations } : {}) },
      spec: { config: this.configJson },
    });
    const root = this.node.root;
    let app = networksByRoot.get(root);
    if (!app) networksByRoot.set(root, (app = { list: [], byName: new Map() }));
    app.list.push(this);
    if (!app.byName.has(this.qualifiedName)) app.byName.set(this.qualifiedName, this);
    this.node.addValidation({ validate: () => this.problems() });
  }

  /**
   * Problems with this network, checked at synth: its own config (addresses inside subnets, required plugin fields,
   * names), and against the other NetworkAttachmentDefinitions of the app (unique name per namespace, whereabouts
   * ranges apart; reported on the later one).
   */
  public problems(): string[] {
    return [...this.issues().map(formatWithRule), ...(setProblems(this.node.root).get(this) ?? [])];
  }

  /** The errors of this network's own config, each with its rule (paths start with `NetworkAttachmentDefinition ns/name`). */
  public issues(): readonly SpecIssue[] {
    // its own config does not change after construction: checked once, although cdk8s validates on every synth pass
    if (!this.ownIssues) {
      const issues = new IssueCollector();
      validateNetwork({ ...this.props, namespace: this.namespace }, nadLabel(this), issues);
      this.ownIssues = issues.issues;
    }
    return this.ownIssues;
  }

  /** `spec.config`: the CNI config as canonical JSON. */
  public get configJson(): string {
    return canonicalJson(this.config);
  }

  /** `namespace/name`. */
  public get qualifiedName(): string {
    return `${this.namespace}/${this.name}`;
  }
}

function nadLabel(n: NetworkAttachmentDefinition): string {
  return `${NAD_KIND} ${n.qualifiedName}`;
}

/** Problems between the networks of an app, keyed by the network they are reported on (the later one). */
function setProblems(root: IConstruct): Map<NetworkAttachmentDefinition, string[]> {
  const nets = networksByRoot.get(root)?.list ?? [];
  const cached = setProblemsByRoot.get(root);
  if (cached && cached.count === nets.length) return cached.byNetwork;
  const token = (i: number) => `\u0000${i}\u0000`;
  const collector = new IssueCollector();
  validateNetworkSet(
    nets.map((n) => ({ ...n.props, namespace: n.namespace })),
    token,
    collector,
  );
  const byNetwork = new Map<NetworkAttachmentDefinition, string[]>();
  const detokenize = (text: string) => text.replace(/\u0000(\d+)\u0000/g, (_m, i) => nadLabel(nets[Number(i)]));
  for (const issue of collector.issues) {
    const owner = nets[Number(/^\u0000(\d+)\u0000/.exec(issue.path)![1])];
    byNetwork.set(owner, [...(byNetwork.get(owner) ?? []), detokenize(formatWithRule(issue))]);
  }
  setProblemsByRoot.set(root, { count: nets.length, byNetwork });
  return byNetwork;
}
