/**
 * ServiceAccounts, ClusterRoles, Roles and bindings of the Cilium chart 1.19.5 with default values
 * (templates/cilium-agent/{clusterrole,role,serviceaccount}.yaml, templates/cilium-operator/{clusterrole,role}.yaml and
 * their bindings). Rules are the chart's, never broader.
 */
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { ClusterRoleForServiceAccount, RoleForServiceAccount } from '../common/rbac';
import { CILIUM_SECRETS_NAMESPACE } from './defaults';
import { PART_OF } from './pod-parts';

const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): k8s.PolicyRule => ({
  apiGroups,
  resources,
  verbs,
  ...(resourceNames ? { resourceNames } : {}),
});

/** ClusterRole `cilium` (agent). Secrets are read only from the secrets namespace (chart default). */
export const AGENT_CLUSTER_RULES: k8s.PolicyRule[] = [
  rule(['networking.k8s.io'], ['networkpolicies'], ['get', 'list', 'watch']),
  rule(['discovery.k8s.io'], ['endpointslices'], ['get', 'list', 'watch']),
  rule([''], ['namespaces', 'services', 'pods', 'endpoints', 'nodes'], ['get', 'list', 'watch']),
  rule(['apiextensions.k8s.io'], ['customresourcedefinitions'], ['list', 'watch', 'get']),
  rule(
    ['cilium.io'],
    [
      'ciliumloadbalancerippools',
      'ciliumbgppeeringpolicies',
      'ciliumbgpnodeconfigs',
      'ciliumbgpadvertisements',
      'ciliumbgppeerconfigs',
      'ciliumclusterwideenvoyconfigs',
      'ciliumclusterwidenetworkpolicies',
      'ciliumegressgatewaypolicies',
      'ciliumendpoints',
      'ciliumendpointslices',
      'ciliumenvoyconfigs',
      'ciliumidentities',
      'ciliumlocalredirectpolicies',
      'ciliumnetworkpolicies',
      'ciliumnodes',
      'ciliumnodeconfigs',
      'ciliumcidrgroups',
      'ciliuml2announcementpolicies',
      'ciliumpodippools',
    ],
    ['list', 'watch'],
  ),
  rule(['cilium.io'], ['ciliumidentities', 'ciliumendpoints', 'ciliumnodes'], ['create']),
  rule(['cilium.io'], ['ciliumidentities'], ['update']),
  rule(['cilium.io'], ['ciliumendpoints'], ['delete', 'get']),
  rule(['cilium.io'], ['ciliumnodes', 'ciliumnodes/status'], ['get', 'update']),
  rule(['cilium.io'], ['ciliumendpoints/status', 'ciliumendpoints', 'ciliuml2announcementpolicies/status', 'ciliumbgpnodeconfigs/status'], ['patch']),
];

/** Role `cilium-config-agent` in the install namespace. */
export const AGENT_CONFIG_RULES: k8s.PolicyRule[] = [rule([''], ['configmaps'], ['get', 'list', 'watch'])];
/** Role `cilium-tlsinterception-secrets` in the secrets namespace. */
export const AGENT_SECRETS_RULES: k8s.PolicyRule[] = [rule([''], ['secrets'], ['get', 'list', 'watch'])];

const CILIUM_CRDS = [
  'ciliumloadbalancerippools',
  'ciliumbgpclusterconfigs',
  'ciliumbgppeerconfigs',
  'ciliumbgpadvertisements',
  'ciliumbgpnodeconfigs',
  'ciliumbgpnodeconfigoverrides',
  'ciliumclusterwideenvoyconfigs',
  'ciliumclusterwidenetworkpolicies',
  'ciliumegressgatewaypolicies',
  'ciliumendpoints',
  'ciliumendpointslices',
  'ciliumenvoyconfigs',
  'ciliumidentities',
  'ciliumlocalredirectpolicies',
  'ciliumnetworkpolicies',
  'ciliumnodes',
  'ciliumnodeconfigs',
  'ciliumcidrgroups',
  'ciliuml2announcementpolicies',
  'ciliumpodippools',
  'ciliumgatewayclassconfigs',
].map((r) => `${r}.cilium.io`);

/** ClusterRole `cilium-operator`. The operator registers Cilium's CRDs itself, so it may update only those. */
export const OPERATOR_CLUSTER_RULES: k8s.PolicyRule[] = [
  rule([''], ['pods'], ['get', 'list', 'watch', 'delete']),
  rule([''], ['configmaps'], ['patch'], ['cilium-config']),
  rule([''], ['nodes'], ['list', 'watch']),
  rule([''], ['nodes', 'nodes/status'], ['patch']),
  rule(['discovery.k8s.io'], ['endpointslices'], ['get', 'list', 'watch']),
  rule([''], ['services/status'], ['update', 'patch']),
  rule([''], ['namespaces', 'secrets'], ['get', 'list', 'watch']),
  rule([''], ['services', 'endpoints'], ['get', 'list', 'watch']),
  rule(['cilium.io'], ['ciliumnetworkpolicies', 'ciliumclusterwidenetworkpolicies'], ['create', 'update', 'deletecollection', 'patch', 'get', 'list', 'watch']),
  rule(['cilium.io'], ['ciliumnetworkpolicies/status', 'ciliumclusterwidenetworkpolicies/status'], ['patch', 'update']),
  rule(['cilium.io'], ['ciliumendpoints', 'ciliumidentities'], ['delete', 'list', 'watch']),
  rule(['cilium.io'], ['ciliumidentities'], ['update']),
  rule(['cilium.io'], ['ciliumnodes'], ['create', 'update', 'get', 'list', 'watch', 'delete']),
  rule(['cilium.io'], ['ciliumnodes/status'], ['update']),
  rule(['cilium.io'], ['ciliumendpointslices', 'ciliumenvoyconfigs', 'ciliumbgppeerconfigs', 'ciliumbgpadvertisements', 'ciliumbgpnodeconfigs'], ['create', 'update', 'get', 'list', 'watch', 'delete', 'patch']),
  rule(['cilium.io'], ['ciliumbgpclusterconfigs/status', 'ciliumbgppeerconfigs/status'], ['update']),
  rule(['apiextensions.k8s.io'], ['customresourcedefinitions'], ['create', 'get', 'list', 'watch']),
  rule(['apiextensions.k8s.io'], ['customresourcedefinitions'], ['update'], CILIUM_CRDS),
  rule(['cilium.io'], ['ciliumloadbalancerippools', 'ciliumpodippools', 'ciliumbgppeeringpolicies', 'ciliumbgpclusterconfigs', 'ciliumbgpnodeconfigoverrides', 'ciliumbgppeerconfigs'], ['get', 'list', 'watch']),
  rule(['cilium.io'], ['ciliumpodippools'], ['create']),
  rule(['cilium.io'], ['ciliumloadbalancerippools/status'], ['patch']),
  rule(['coordination.k8s.io'], ['leases'], ['create', 'get', 'update']),
  rule(['cilium.io'], ['ciliumendpointslices'], ['deletecollection']),
];

/** Role `cilium-operator-tlsinterception-secrets` (secrets namespace) and `cilium-operator-ztunnel` (install namespace). */
export const OPERATOR_SECRETS_RULES: k8s.PolicyRule[] = [rule([''], ['secrets'], ['create', 'delete', 'update', 'patch'])];
export const OPERATOR_ZTUNNEL_RULES: k8s.PolicyRule[] = [rule(['apps'], ['daemonsets'], ['create', 'delete', 'get', 'list', 'watch'])];


/** Every ServiceAccount, role and binding the agent, operator and Envoy need, plus the `cilium-secrets` namespace. */
export class CiliumRbac extends Construct {
  public constructor(scope: Construct, id: string, props: { namespace: string }) {
    super(scope, id);
    const ns = props.namespace;
    new k8s.KubeNamespace(this, 'secrets-namespace', { metadata: { name: CILIUM_SECRETS_NAMESPACE, labels: { ...PART_OF } } });
    for (const sa of ['cilium', 'cilium-envoy', 'cilium-operator']) new k8s.KubeServiceAccount(this, `sa-${sa}`, { metadata: { name: sa, namespace: ns } });
    const labels = { ...PART_OF };
    const agent = { serviceAccount: { name: 'cilium', namespace: ns }, labels };
    const operator = { serviceAccount: { name: 'cilium-operator', namespace: ns }, labels };
    new ClusterRoleForServiceAccount(this, 'agent', { name: 'cilium', rules: AGENT_CLUSTER_RULES, ...agent });
    new RoleForServiceAccount(this, 'agent-config', { name: 'cilium-config-agent', namespace: ns, rules: AGENT_CONFIG_RULES, ...agent });
    new RoleForServiceAccount(this, 'agent-secrets', { name: 'cilium-tlsinterception-secrets', namespace: CILIUM_SECRETS_NAMESPACE, rules: AGENT_SECRETS_RULES, ...agent });
    new ClusterRoleForServiceAccount(this, 'operator', { name: 'cilium-operator', rules: OPERATOR_CLUSTER_RULES, ...operator });
    new RoleForServiceAccount(this, 'operator-secrets', { name: 'cilium-operator-tlsinterception-secrets', namespace: CILIUM_SECRETS_NAMESPACE, rules: OPERATOR_SECRETS_RULES, ...operator });
    new RoleForServiceAccount(this, 'operator-ztunnel', { name: 'cilium-operator-ztunnel', namespace: ns, rules: OPERATOR_ZTUNNEL_RULES, ...operator });
  }
}
