/**
 * The ClusterRole rules of Calico's manifest install (calico.yaml v3.32.1), shared by Calico and Canal. Canal uses
 * host-local IPAM, so it gets the same rules without the Calico-IPAM ones, exactly as canal.yaml grants them.
 */
import type * as k8s from 'cdk8s-plus-27/lib/imports/k8s';

const CALICO_GROUPS = ['projectcalico.org', 'crd.projectcalico.org'];
const calico = (resources: string[], verbs: string[]): k8s.PolicyRule => ({ apiGroups: CALICO_GROUPS, resources, verbs });

export interface CalicoRbacOptions {
  /** Pods get addresses from Calico IPAM (calico-ipam plugin), which needs the IPAM block rules. */
  readonly calicoIpam: boolean;
  /** ServiceAccounts calico-node may mint tokens for (the CNI plugin's, and Canal's own). */
  readonly tokenServiceAccounts: readonly string[];
}

/** `calico-node`: Felix, BIRD and the CNI installer. */
export function calicoNodeRules(opts: CalicoRbacOptions): k8s.PolicyRule[] {
  return [
    { apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: [...opts.tokenServiceAccounts], verbs: ['create'] },
    { apiGroups: [''], resources: ['pods', 'nodes', 'namespaces'], verbs: ['get'] },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['watch', 'list'] },
    { apiGroups: [''], resources: ['endpoints', 'services'], verbs: ['watch', 'list', 'get'] },
    { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
    { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch', 'update'] },
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['watch', 'list'] },
    { apiGroups: ['policy.networking.k8s.io'], resources: ['clusternetworkpolicies'], verbs: ['watch', 'list'] },
    { apiGroups: [''], resources: ['pods', 'namespaces', 'serviceaccounts'], verbs: ['list', 'watch'] },
    { apiGroups: [''], resources: ['pods/status'], verbs: ['patch'] },
    calico(
      [
        'globalfelixconfigs', 'globalbgpconfigs', 'felixconfigurations', 'bgppeers', 'bgpfilters', 'bgpconfigurations', 'ippools',
        'ipreservations', 'ipamblocks', 'globalnetworkpolicies', 'stagedglobalnetworkpolicies', 'networkpolicies', 'stagednetworkpolicies',
        'stagedkubernetesnetworkpolicies', 'globalnetworksets', 'networksets', 'clusterinformations', 'hostendpoints', 'blockaffinities',
        'caliconodestatuses', 'tiers',
      ],
      ['get', 'list', 'watch'],
    ),
    calico(['tiers'], ['create']),
    calico(['ippools', 'felixconfigurations', 'bgpconfigurations', 'clusterinformations'], ['create', 'update']),
    calico(['caliconodestatuses'], ['update']),
    { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
    calico(['bgpconfigurations', 'bgppeers'], ['create', 'update']),
    ...(opts.calicoIpam
      ? [
          calico(['blockaffinities', 'ipamblocks', 'ipamhandles'], ['get', 'list', 'create', 'update', 'delete']),
          calico(['ipamconfigurations', 'ipamconfigs'], ['get', 'create']),
          calico(['blockaffinities'], ['watch']),
          { apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['get'] },
        ]
      : []),
    { apiGroups: ['kubevirt.io'], resources: ['virtualmachineinstancemigrations'], verbs: ['get', 'list', 'watch'] },
  ];
}

/** `calico-cni-plugin`: the CNI plugin, with the token calico-node mints for it. */
export function calicoCniPluginRules(opts: Pick<CalicoRbacOptions, 'calicoIpam'>): k8s.PolicyRule[] {
  return [
    { apiGroups: [''], resources: ['pods', 'nodes', 'namespaces'], verbs: ['get'] },
    { apiGroups: [''], resources: ['pods/status'], verbs: ['patch'] },
    ...(opts.calicoIpam
      ? [
          calico(
            ['blockaffinities', 'ipamblocks', 'ipamhandles', 'clusterinformations', 'ippools', 'ipreservations', 'ipamconfigurations', 'ipamconfigs'],
            ['get', 'list', 'create', 'update', 'delete'],
          ),
          { apiGroups: ['kubevirt.io'], resources: ['virtualmachineinstances', 'virtualmachines'], verbs: ['get'] },
        ]
      : []),
  ];
}

/** `calico-kube-controllers`: node, IPAM garbage collection, load balancer and policy controllers. */
export const KUBE_CONTROLLERS_RULES: readonly k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['nodes'], verbs: ['watch', 'list', 'get'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['services', 'services/status'], verbs: ['get', 'list', 'update', 'watch'] },
  calico(['ipreservations'], ['list']),
  calico(['blockaffinities', 'ipamblocks', 'ipamhandles', 'ipamconfigurations', 'ipamconfigs', 'tiers'], ['get', 'list', 'create', 'update', 'delete', 'watch']),
  calico(['ippools'], ['list', 'watch']),
  calico(['hostendpoints'], ['get', 'list', 'create', 'update', 'delete', 'watch']),
  calico(['clusterinformations'], ['get', 'list', 'create', 'update', 'watch']),
  calico(['kubecontrollersconfigurations'], ['get', 'list', 'create', 'update', 'watch']),
  calico(['kubecontrollersconfigurations/status'], ['get', 'update']),
  calico(['networkpolicies', 'stagednetworkpolicies', 'globalnetworkpolicies', 'stagedglobalnetworkpolicies'], ['watch', 'list', 'get', 'create', 'update', 'delete']),
  { apiGroups: ['apps'], resources: ['daemonsets', 'deployments'], verbs: ['get', 'list', 'watch'] },
  {
    apiGroups: ['migration.projectcalico.org'],
    resources: ['datastoremigrations', 'datastoremigrations/status'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch'],
  },
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'list', 'watch', 'delete'] },
  { apiGroups: ['apiregistration.k8s.io'], resources: ['apiservices'], verbs: ['get', 'list', 'watch', 'create', 'delete'] },
  { apiGroups: ['projectcalico.org'], resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
  { apiGroups: ['crd.projectcalico.org'], resources: ['*'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['kubevirt.io'], resources: ['virtualmachines', 'virtualmachineinstances'], verbs: ['get', 'list', 'watch'] },
];

/** `calico-tier-getter`: lets kube-controller-manager's garbage collector read policy tiers. */
export const TIER_GETTER_RULES: readonly k8s.PolicyRule[] = [{ apiGroups: ['projectcalico.org'], resources: ['tiers'], verbs: ['get'] }];

/** Reading the Secrets that hold BGP passwords: only the named Secrets, in Calico's namespace (Calico docs, "BGP peer"). */
export function bgpPasswordSecretRules(secretNames: readonly string[]): k8s.PolicyRule[] {
  return [{ apiGroups: [''], resources: ['secrets'], resourceNames: [...secretNames], verbs: ['watch', 'list', 'get'] }];
}
