import type * as k8s from 'cdk8s-plus-27/lib/imports/k8s';

/** The `whereabouts-cni` ClusterRole's rules as doc/crds/daemonset-install.yaml (v0.9.4) grants them. */
export const WHEREABOUTS_RBAC_RULES: k8s.PolicyRule[] = [
  {
    apiGroups: ['whereabouts.cni.cncf.io'],
    resources: ['ippools', 'overlappingrangeipreservations', 'nodeslicepools'],
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
  },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['*'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch', 'get'] },
  { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['k8s.cni.cncf.io'], resources: ['network-attachment-definitions'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update', 'get'] },
];
