/** The Antrea install as antrea.yml v2.7.0 ships it, for the given agent and controller settings. */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import type { CustomResourceDefinitions } from '../common/crd-definition';
import { AntreaAgent } from './agent';
import { ANTREA_CONFIG_MAP, antreaConfigData, configChecksum } from './config';
import { AntreaController, AntreaControllerApis, AntreaService } from './controller';
import { antreaCustomResourceDefinitions } from './crds';
import { resolveAntreaProps, type ResolvedAntreaProps } from './defaults';
import type { AntreaProps } from './props';
import { ANTREA_LABELS, AntreaClusterRoles, AntreaServiceAccounts } from './rbac';

/**
 * Antrea: every `crd.antrea.io` CRD (in `crdScope` when given, so they apply first), the ServiceAccounts and tokens,
 * the `antrea-config` ConfigMap (antrea-agent.conf, antrea-controller.conf, antrea-cni.conflist), RBAC, the `antrea`
 * Service, the antrea-agent DaemonSet (with antrea-ovs, and antrea-ipsec under IPsec), the antrea-controller
 * Deployment, its APIServices and admission webhooks. Objects are created in the manifest's order.
 */
export class Antrea extends Construct {
  /** The settings after upstream's defaults were applied. */
  public readonly settings: ResolvedAntreaProps;
  public readonly crds: CustomResourceDefinitions;
  public readonly configMap: k8s.KubeConfigMap;
  public readonly agent: AntreaAgent;
  public readonly controller: AntreaController;

  public constructor(scope: Construct, id: string, props: AntreaProps = {}) {
    super(scope, id);
    const s = (this.settings = resolveAntreaProps(props));
    const ns = s.namespace;
    this.crds = antreaCustomResourceDefinitions(props.crdScope ?? this, s.argoSyncWaves);
    new AntreaServiceAccounts(this, 'accounts', { namespace: ns });
    const data = antreaConfigData(s);
    this.configMap = new k8s.KubeConfigMap(this, 'config', { metadata: { name: ANTREA_CONFIG_MAP, namespace: ns, labels: { ...ANTREA_LABELS } }, data });
    new AntreaClusterRoles(this, 'rbac', { namespace: ns });
    new AntreaService(this, 'service', { namespace: ns });
    const checksum = configChecksum(data);
    this.agent = new AntreaAgent(this, 'agent', { settings: s, configChecksum: checksum });
    this.controller = new AntreaController(this, 'controller', { settings: s, configChecksum: checksum });
    new AntreaControllerApis(this, 'apis', { namespace: ns });
  }
}
