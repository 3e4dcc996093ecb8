/** The Cilium install as the 1.19.5 Helm chart renders it for the given settings. */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { SpecValidationError } from '../../spec/issues';
import { CiliumAgent } from './agent-daemonset';
import { ciliumConfigData } from './config-map';
import { ciliumDatapathIssues } from './datapath-checks';
import { resolveCiliumProps, type ResolvedCiliumProps } from './defaults';
import { CiliumEnvoy } from './envoy';
import { HubblePeerService, HubbleRelay, HubbleUi } from './hubble';
import { HubbleCertgen, HubbleCertificates } from './hubble-tls';
import { CiliumOperator } from './operator';
import type { CiliumProps } from './props';
import { CiliumRbac } from './rbac';
import { CILIUM_RULES } from './rules';

/**
 * Cilium: agent DaemonSet, operator Deployment, Envoy DaemonSet, the `cilium-config` ConfigMap with the chart's keys,
 * RBAC, and Hubble Relay/UI when enabled. Cilium's CRDs are registered by the operator at runtime (as upstream does),
 * so none are emitted here.
 */
export class Cilium extends Construct {
  /** The settings after the chart's defaults were applied. */
  public readonly settings: ResolvedCiliumProps;
  public readonly configMap: k8s.KubeConfigMap;
  public readonly agent: CiliumAgent;
  public readonly operator: CiliumOperator;
  public readonly envoy: CiliumEnvoy;

  public constructor(scope: Construct, id: string, props: CiliumProps = {}) {
    super(scope, id);
    const settings = (this.settings = resolveCiliumProps(props));
    if (settings.k8sServiceHost === 'auto') {
      throw new Error(`k8sServiceHost: ${CILIUM_RULES.k8sServiceHostAuto.message({})}`);
    }
    // What the agent refuses at start-up is refused here too (paths as the props spell them); warnings come from validation.
    const refused = ciliumDatapathIssues(settings, '').filter((i) => i.severity === 'error');
    if (refused.length > 0) throw new SpecValidationError(refused);
    new CiliumRbac(this, 'rbac', { namespace: settings.namespace });
    this.configMap = new k8s.KubeConfigMap(this, 'config', { metadata: { name: 'cilium-config', namespace: settings.namespace }, data: ciliumConfigData(settings) });
    this.envoy = new CiliumEnvoy(this, 'envoy', { settings });
    this.agent = new CiliumAgent(this, 'agent', { settings });
    this.operator = new CiliumOperator(this, 'operator', { settings });
    if (settings.hubble.enabled) new HubblePeerService(this, 'hubble-peer', { settings });
    if (settings.hubble.enabled && settings.hubble.relay) new HubbleRelay(this, 'hubble-relay', { settings });
    if (settings.hubble.enabled && settings.hubble.ui) new HubbleUi(this, 'hubble-ui', { settings });
    const tls = settings.hubble.enabled ? settings.hubble.tlsAuto : undefined;
    if (tls?.method === 'cronJob') new HubbleCertgen(this, 'hubble-certgen', { settings });
    if (tls?.method === 'certmanager') {
      if (!tls.certManagerIssuerRef) throw new Error('hubble.tls.auto.certManagerIssuerRef: is required with method certmanager (allowed: {name, kind: Issuer | ClusterIssuer, group: cert-manager.io})');
      new HubbleCertificates(this, 'hubble-certificates', { settings });
    }
  }
}
