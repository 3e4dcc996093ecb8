import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import {
  CalicoNodeDaemonSet,
  calicoNodeContainer,
  calicoNodeTrailingEnv,
  calicoNodeVolumes,
  ebpfBootstrapContainer,
  installCniContainer,
  upgradeIpamContainer,
} from '../common/calico-policy/calico-node';
import { CALICO_CNI_PLUGIN_ACCOUNT, CalicoCniPluginAccess, CalicoTierGetter } from '../common/calico-policy/cluster-access';
import { calicoCniNetworkConfig } from '../common/calico-policy/cni-network-config';
import { CalicoKubeControllers } from '../common/calico-policy/kube-controllers';
import { bgpPasswordSecretRules, calicoNodeRules } from '../common/calico-policy/rbac-rules';
import { addCalicoCommonResources, addFelixConfiguration, calicoImages, customResourceOptions } from '../common/calico-policy/resources';
import type { CustomResourceDefinitions } from '../common/crd-definition';
import { configMapKeyEnv, fieldRefEnv, hostPathVolume, valueEnv } from '../common/k8s-helpers';
import { ClusterRoleForServiceAccount } from '../common/rbac';
import { BGPConfiguration } from './bgp-configuration';
import { BGPFilter } from './bgp-filter';
import { BGPPeer } from './bgp-peer';
import { autodetectionProblems } from './ip-autodetection';
import { IPPool } from './ip-pool';
import { IPAMConfig } from './ipam-config';
import type { CalicoProps } from './props';
import { CalicoTypha, TYPHA_SERVICE_NAME } from './typha';

/**
 * Calico, installed from manifests (calico.yaml v3.32.1, Kubernetes datastore): every CRD, RBAC, the `calico-config`
 * ConfigMap, the `calico-node` DaemonSet (BIRD/BGP, IPIP or VXLAN), `calico-kube-controllers`, optionally Typha
 * (calico-typha.yaml), and typed custom resources for the pools, BGP and Felix settings.
 */
export class Calico extends Construct {
  public readonly namespace: string;
  public readonly configMap: k8s.KubeConfigMap;
  public readonly daemonSet: k8s.KubeDaemonSet;
  public readonly crds: CustomResourceDefinitions;
  public readonly ipPools: IPPool[] = [];
  public readonly bgpFilters: BGPFilter[] = [];

  public constructor(scope: Construct, id: string, props: CalicoProps = {}) {
    super(scope, id);
    const ns = (this.namespace = props.namespace ?? 'kube-system');
    const images = calicoImages(props);
    const backend = props.backend ?? 'bird';
    const ipv6 = props.ipv6 ?? false;
    const typha = props.typhaReplicas !== undefined;
    const configMapName = 'calico-config';
    checkAutodetectionProps(props);

    this.crds = addCalicoCommonResources(this, props, ns).crds;

    new k8s.KubeServiceAccount(this, 'node-service-account', { metadata: { name: 'calico-node', namespace: ns } });
    new ClusterRoleForServiceAccount(this, 'node-rbac', {
      name: 'calico-node',
      rules: calicoNodeRules({ calicoIpam: true, tokenServiceAccounts: [CALICO_CNI_PLUGIN_ACCOUNT] }),
      serviceAccount: { name: 'calico-node', namespace: ns },
    });
    new CalicoCniPluginAccess(this, 'cni-plugin', { namespace: ns, calicoIpam: true });
    new CalicoTierGetter(this, 'tier-getter');
    this.addBgpPasswordAccess(props, ns);

    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: configMapName, namespace: ns },
      data: {
        typha_service_name: typha ? TYPHA_SERVICE_NAME : 'none',
        calico_backend: backend,
        veth_mtu: String(props.vethMtu ?? 0),
        cni_network_config: calicoCniNetworkConfig({
          type: 'calico-ipam',
          ...(props.ipv4Disabled ? { assign_ipv4: 'false' as const } : {}),
          ...(ipv6 ? { assign_ipv6: 'true' as const } : {}),
        }),
      },
    });

    const fromConfig = (name: string, key: string) => configMapKeyEnv(name, configMapName, key);
    const vxlanDefault = backend === 'vxlan' ? 'CrossSubnet' : 'Never';
    const env: k8s.EnvVar[] = [
      valueEnv('DATASTORE_TYPE', 'kubernetes'),
      ...(typha ? [fromConfig('FELIX_TYPHAK8SSERVICENAME', 'typha_service_name')] : []),
      valueEnv('WAIT_FOR_DATASTORE', 'true'),
      fieldRefEnv('NODENAME', 'spec.nodeName'),
      fromConfig('CALICO_NETWORKING_BACKEND', 'calico_backend'),
      valueEnv('CLUSTER_TYPE', 'k8s,bgp'),
      valueEnv('IP', props.ipv4Disabled ? 'none' : 'autodetect'),
      ...(props.ipAutodetectionMethod && !props.ipv4Disabled ? [valueEnv('IP_AUTODETECTION_METHOD', props.ipAutodetectionMethod)] : []),
      ...(ipv6 ? [valueEnv('IP6', 'autodetect')] : []),
      ...(props.ip6AutodetectionMethod && ipv6 ? [valueEnv('IP6_AUTODETECTION_METHOD', props.ip6AutodetectionMethod)] : []),
      ...(props.ipv4Disabled && backend === 'bird' ? [valueEnv('CALICO_ROUTER_ID', 'hash')] : []),
      ...(props.ipPools
        ? [valueEnv('NO_DEFAULT_POOLS', 'true')]
        : [
            valueEnv('CALICO_IPV4POOL_IPIP', backend === 'vxlan' ? 'Never' : 'Always'),
            valueEnv('CALICO_IPV4POOL_VXLAN', vxlanDefault),
            valueEnv('CALICO_IPV6POOL_VXLAN', vxlanDefault),
          ]),
      fromConfig('FELIX_IPINIPMTU', 'veth_mtu'),
      fromConfig('FELIX_VXLANMTU', 'veth_mtu'),
      fromConfig('FELIX_WIREGUARDMTU', 'veth_mtu'),
      ...calicoNodeTrailingEnv(ipv6),
    ];

    this.daemonSet = new CalicoNodeDaemonSet(this, 'node', {
      name: 'calico-node',
      namespace: ns,
      serviceAccountName: 'calico-node',
      initContainers: [
        upgradeIpamContainer(images.cni, configMapName),
        installCniContainer({ cniImage: images.cni, configMap: configMapName, confName: '10-calico.conflist' }),
        ebpfBootstrapContainer(images.node),
      ],
      containers: [calicoNodeContainer({ nodeImage: images.node, env, bird: backend === 'bird' })],
      volumes: calicoNodeVolumes({ afterCniLogDir: [hostPathVolume('host-local-net-dir', '/var/lib/cni/networks')] }),
    }).daemonSet;

    new CalicoKubeControllers(this, 'kube-controllers', { namespace: ns, image: images.kubeControllers });
    if (typha) new CalicoTypha(this, 'typha', { namespace: ns, image: images.typha, replicas: props.typhaReplicas });

    this.addCustomResources(props);
  }

  private addBgpPasswordAccess(props: CalicoProps, ns: string): void {
    const secrets = new Set<string>();
    for (const p of props.bgpPeers ?? []) if (p.password) secrets.add(p.password.secretKeyRef.name);
    if (props.bgpConfiguration?.nodeMeshPassword) secrets.add(props.bgpConfiguration.nodeMeshPassword.secretKeyRef.name);
    if (secrets.size === 0) return;
    const name = 'calico-bgp-passwords';
    new k8s.KubeRole(this, 'bgp-password-role', { metadata: { name, namespace: ns }, rules: bgpPasswordSecretRules([...secrets].sort()) });
    new k8s.KubeRoleBinding(this, 'bgp-password-binding', {
      metadata: { name, namespace: ns },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name: 'calico-node', namespace: ns }],
    });
  }

  private addCustomResources(props: CalicoProps): void {
    const opts = customResourceOptions(props);
    const after = (c: Construct) => {
      if (!props.crdScope) c.node.addDependency(this.crds);
    };
    for (const { name, ...spec } of props.ipPools ?? []) {
      const pool = new IPPool(this, `ip-pool-${name}`, { name, spec, ...opts });
      this.ipPools.push(pool);
      after(pool);
    }
    if (props.ipamConfig) after(new IPAMConfig(this, 'ipam-config', { spec: props.ipamConfig, ...opts }));
    if (props.bgpConfiguration) after(new BGPConfiguration(this, 'bgp-configuration', { spec: props.bgpConfiguration, ...opts }));
    for (const { name, ...spec } of props.bgpFilters ?? []) {
      const filter = new BGPFilter(this, `bgp-filter-${name}`, { name, spec, ...opts });
      this.bgpFilters.push(filter);
      after(filter);
    }
    // Peers follow the filters (output order), so a filtered session never starts unfiltered.
    for (const { name, ...spec } of props.bgpPeers ?? []) after(new BGPPeer(this, `bgp-peer-${name}`, { name, spec, ...opts }));
    addFelixConfiguration(this, props, this.crds);
  }
}

/** Refuses autodetection methods calico-node would fail on (the spec layer reports the same as rules, with paths). */
function checkAutodetectionProps(props: CalicoProps): void {
  const methods = [
    ['IP_AUTODETECTION_METHOD', props.ipAutodetectionMethod, 'IPv4'],
    ['IP6_AUTODETECTION_METHOD', props.ip6AutodetectionMethod, 'IPv6'],
  ] as const;
  for (const [env, method, family] of methods) {
    const problems = method === undefined ? [] : autodetectionProblems(method, family);
    if (problems.length > 0) {
      const what = problems.map((p) => (p.kind === 'method' ? 'unknown method' : p.kind === 'family' ? `${p.value} is ${p.found}` : `${p.value}: ${p.detail}`));
      throw new Error(`Calico: ${env} ${JSON.stringify(method)} would stop calico-node: ${what.join('; ')}`);
    }
  }
}
