import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { calicoResource, type CalicoResourceOptions } from './custom-resource';

/** `spec` of Calico's FelixConfiguration: the commonly set fields (upstream names; all optional). */
export interface FelixConfigurationSpec {
  /** Encrypt IPv4 pod traffic between nodes with WireGuard. @default false */
  readonly wireguardEnabled?: boolean;
  /** Encrypt IPv6 pod traffic between nodes with WireGuard. @default false */
  readonly wireguardEnabledV6?: boolean;
  /** WireGuard UDP port. @default 51820 */
  readonly wireguardListeningPort?: number;
  /** UDP port of the IPv6 WireGuard tunnel, an independent setting. @default 51821 */
  readonly wireguardListeningPortV6?: number;
  /** eBPF data plane. @default false */
  readonly bpfEnabled?: boolean;
  /** Serve Prometheus metrics. @default false */
  readonly prometheusMetricsEnabled?: boolean;
  /** Metrics port. @default 9091 */
  readonly prometheusMetricsPort?: number;
  /** Log level. @default 'Info' */
  readonly logSeverityScreen?: string;
  /** Felix health endpoint port. @default 9099 */
  readonly healthPort?: number;
  /** Floating IPs (`cni.projectcalico.org/floatingIPs` annotation) support. @default 'Disabled' */
  readonly floatingIPs?: 'Enabled' | 'Disabled';
  /** Use nftables instead of iptables. @default 'Auto' */
  readonly nftablesMode?: 'Enabled' | 'Disabled' | 'Auto';
  /**
   * Further FelixConfiguration spec fields not typed here, by their upstream names, written into `spec` as given
   * (the escape hatch; the spec layer checks them against the CRD schema). A field typed above is refused.
   * @default - none
   */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** The fields {@link FelixConfigurationSpec} types (every one but `extra`). */
export const TYPED_FELIX_FIELDS = Object.keys({
  wireguardEnabled: true,
  wireguardEnabledV6: true,
  wireguardListeningPort: true,
  wireguardListeningPortV6: true,
  bpfEnabled: true,
  prometheusMetricsEnabled: true,
  prometheusMetricsPort: true,
  logSeverityScreen: true,
  healthPort: true,
  floatingIPs: true,
  nftablesMode: true,
} satisfies Record<Exclude<keyof FelixConfigurationSpec, 'extra'>, true>);

export interface FelixConfigurationProps extends CalicoResourceOptions {
  /** `default` for the cluster, `node.<nodename>` for one node. @default 'default' */
  readonly name?: string;
  readonly spec: FelixConfigurationSpec;
}

/** Felix settings: the cluster-wide FelixConfiguration `default` (or a per-node `node.<name>` override). */
export class FelixConfiguration extends Construct {
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: FelixConfigurationProps) {
    super(scope, id);
    const { extra = {}, ...typed } = props.spec;
    const clash = Object.keys(extra).filter((k) => TYPED_FELIX_FIELDS.includes(k));
    if (clash.length > 0) throw new Error(`FelixConfiguration: extra sets ${clash.join(', ')}, which FelixConfigurationSpec types (allowed: set the typed field)`);
    this.apiObject = calicoResource(this, 'resource', 'FelixConfiguration', { name: props.name ?? 'default' }, props, { ...typed, ...extra });
  }
}
