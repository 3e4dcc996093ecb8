/** Antrea's ServiceAccounts, their token Secrets, and the manifest's ClusterRoles and bindings (antrea.yml v2.7.0). */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { ANTREA_CLUSTER_ROLES } from '../../generated/antrea/rbac';

export const ANTREA_LABELS = { app: 'antrea' } as const;
/** The ServiceAccounts upstream creates, in manifest order. */
export const ANTREA_SERVICE_ACCOUNTS = { agent: 'antrea-agent', antctl: 'antctl', controller: 'antrea-controller' } as const;

export interface AntreaRbacProps {
  readonly namespace: string;
}

/**
 * ServiceAccounts `antrea-agent`, `antctl`, `antrea-controller`; long-lived token Secrets for the agent and antctl;
 * every ClusterRole of the manifest, and the bindings of the three accounts to their roles.
 */
export class AntreaServiceAccounts extends Construct {
  public constructor(scope: Construct, id: string, props: AntreaRbacProps) {
    super(scope, id);
    const ns = props.namespace;
    for (const name of Object.values(ANTREA_SERVICE_ACCOUNTS)) {
      new k8s.KubeServiceAccount(this, `sa-${name}`, { metadata: { name, namespace: ns, labels: { ...ANTREA_LABELS } } });
    }
    for (const account of [ANTREA_SERVICE_ACCOUNTS.agent, ANTREA_SERVICE_ACCOUNTS.antctl]) {
      new k8s.KubeSecret(this, `token-${account}`, {
        metadata: { name: `${account}-service-account-token`, namespace: ns, annotations: { 'kubernetes.io/service-account.name': account } },
        type: 'kubernetes.io/service-account-token',
      });
    }
  }
}

/** The ClusterRoles and ClusterRoleBindings (separate from the ServiceAccounts to keep upstream's object order). */
export class AntreaClusterRoles extends Construct {
  public constructor(scope: Construct, id: string, props: AntreaRbacProps) {
    super(scope, id);
    for (const role of ANTREA_CLUSTER_ROLES) {
      new k8s.KubeClusterRole(this, `role-${role.name}`, {
        metadata: { name: role.name, labels: { ...ANTREA_LABELS, ...role.labels } },
        rules: role.rules.map((r) => ({
          ...(r.apiGroups ? { apiGroups: [...r.apiGroups] } : {}),
          ...(r.resources ? { resources: [...r.resources] } : {}),
          ...(r.resourceNames ? { resourceNames: [...r.resourceNames] } : {}),
          ...(r.nonResourceURLs ? { nonResourceUrLs: [...r.nonResourceURLs] } : {}),
          verbs: [...r.verbs],
        })),
      });
    }
    for (const account of Object.values(ANTREA_SERVICE_ACCOUNTS)) {
      new k8s.KubeClusterRoleBinding(this, `binding-${account}`, {
        metadata: { name: account, labels: { ...ANTREA_LABELS } },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: account },
        subjects: [{ kind: 'ServiceAccount', name: account, namespace: props.namespace }],
      });
    }
  }
}
