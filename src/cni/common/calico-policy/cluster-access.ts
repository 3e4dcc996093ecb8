/** RBAC objects Calico and Canal share besides calico-node's own: the CNI plugin account and the tier getter. */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { ClusterRoleForServiceAccount } from '../rbac';
import { calicoCniPluginRules, TIER_GETTER_RULES } from './rbac-rules';

/** The ServiceAccount whose token calico-node mints for the CNI plugin. */
export const CALICO_CNI_PLUGIN_ACCOUNT = 'calico-cni-plugin';

export interface CalicoCniPluginAccessProps {
  readonly namespace: string;
  /** Pods get addresses from Calico IPAM (grants the IPAM rules). */
  readonly calicoIpam: boolean;
}

/** `calico-cni-plugin`: ServiceAccount, ClusterRole and binding the CNI plugin runs with. */
export class CalicoCniPluginAccess extends Construct {
  public constructor(scope: Construct, id: string, props: CalicoCniPluginAccessProps) {
    super(scope, id);
    const name = CALICO_CNI_PLUGIN_ACCOUNT;
    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name, namespace: props.namespace } });
    new ClusterRoleForServiceAccount(this, 'rbac', { name, rules: calicoCniPluginRules(props), serviceAccount: { name, namespace: props.namespace } });
  }
}

/** `calico-tier-getter`: lets kube-controller-manager (garbage collector) read Calico policy tiers. */
export class CalicoTierGetter extends Construct {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = 'calico-tier-getter';
    new k8s.KubeClusterRole(this, 'role', { metadata: { name }, rules: [...TIER_GETTER_RULES] });
    new k8s.KubeClusterRoleBinding(this, 'binding', {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:kube-controller-manager' }],
    });
  }
}
