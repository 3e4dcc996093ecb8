/** A ServiceAccount with a ClusterRole bound to it: the RBAC shape every CNI agent uses. */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';

export interface ClusterRoleForServiceAccountProps {
  /** Name of the ClusterRole and ClusterRoleBinding. */
  readonly name: string;
  /** ServiceAccount the role is bound to (created elsewhere unless `createServiceAccount`). */
  readonly serviceAccount: { readonly name: string; readonly namespace: string };
  readonly rules: k8s.PolicyRule[];
  /** Name of the ClusterRoleBinding, when it differs from the role's (canal.yaml: `canal-calico`). @default name */
  readonly bindingName?: string;
  /** Labels on the ClusterRole and ClusterRoleBinding. @default - none */
  readonly labels?: Record<string, string>;
}

/** A ClusterRole and the ClusterRoleBinding that grants it to one ServiceAccount. */
export class ClusterRoleForServiceAccount extends Construct {
  public readonly role: k8s.KubeClusterRole;
  public readonly binding: k8s.KubeClusterRoleBinding;

  public constructor(scope: Construct, id: string, props: ClusterRoleForServiceAccountProps) {
    super(scope, id);
    const metadata = { name: props.name, ...(props.labels ? { labels: props.labels } : {}) };
    this.role = new k8s.KubeClusterRole(this, 'role', { metadata, rules: props.rules });
    this.binding = new k8s.KubeClusterRoleBinding(this, 'binding', {
      metadata: { ...metadata, name: props.bindingName ?? props.name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: props.name },
      subjects: [{ kind: 'ServiceAccount', name: props.serviceAccount.name, namespace: props.serviceAccount.namespace }],
    });
  }
}

export interface RoleForServiceAccountProps extends ClusterRoleForServiceAccountProps {
  /** Namespace of the Role and RoleBinding. */
  readonly namespace: string;
}

/** A namespaced Role and the RoleBinding that grants it to one ServiceAccount. */
export class RoleForServiceAccount extends Construct {
  public readonly role: k8s.KubeRole;
  public readonly binding: k8s.KubeRoleBinding;

  public constructor(scope: Construct, id: string, props: RoleForServiceAccountProps) {
    super(scope, id);
    const metadata = { name: props.name, namespace: props.namespace, ...(props.labels ? { labels: props.labels } : {}) };
    this.role = new k8s.KubeRole(this, 'role', { metadata, rules: props.rules });
    this.binding = new k8s.KubeRoleBinding(this, 'binding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: props.name },
      subjects: [{ kind: 'ServiceAccount', name: props.serviceAccount.name, namespace: props.serviceAccount.namespace }],
    });
  }
}
