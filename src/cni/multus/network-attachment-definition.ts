import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { formatIssue, IssueCollector } from '../../spec/issues';
import { canonicalJson } from '../common/canonical-json';
import { buildCniConfig, type CniConfig, type NetworkConfigProps } from './cni-config';
import { validateNetwork, validateNetworkSet } from './validate-network';

export const NAD_API_VERSION = 'k8s.cni.cncf.io/v1';
export const NAD_KIND = 'NetworkAttachmentDefinition';
/** Annotation naming the device-plugin resource a network's pods must request (SR-IOV). */
export const RESOURCE_NAME_ANNOTATION = 'k8s.v1.cni.cncf.io/resourceName';

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
    this.node.addValidation({ validate: () => this.problems() });
  }

  /**
   * Problems with this network, checked at synth: its own config (addresses inside subnets, required plugin fields,
   * names), and against the other NetworkAttachmentDefinitions of the app (unique name per namespace, whereabouts
   * ranges apart; reported on the later one).
   */
  public problems(): string[] {
    const label = (n: NetworkAttachmentDefinition) => `${NAD_KIND} ${n.qualifiedName}`;
    const issues = new IssueCollector();
    validateNetwork({ ...this.props, namespace: this.namespace }, label(this), issues);
    const all = this.node.root.node.findAll().filter((c): c is NetworkAttachmentDefinition => c instanceof NetworkAttachmentDefinition);
    const upToThis = all.slice(0, all.indexOf(this) + 1);
    const set = new IssueCollector();
    validateNetworkSet(
      upToThis.map((n) => ({ ...n.props, namespace: n.namespace })),
      (i) => (i === upToThis.length - 1 ? label(this) : label(upToThis[i])),
      set,
    );
    const own = set.issues.filter((i) => i.path.startsWith(`${label(this)}.`));
    return [...issues.issues, ...own].map(formatIssue);
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
