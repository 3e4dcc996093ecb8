import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import {
  CalicoNodeDaemonSet,
  calicoNodeContainer,
  calicoNodeTrailingEnv,
  calicoNodeVolumes,
  ebpfBootstrapContainer,
  installCniContainer,
} from '../common/calico-policy/calico-node';
import { CALICO_CNI_PLUGIN_ACCOUNT, CalicoCniPluginAccess, CalicoTierGetter } from '../common/calico-policy/cluster-access';
import { calicoCniNetworkConfig, type CalicoCniIpam } from '../common/calico-policy/cni-network-config';
import { CalicoKubeControllers } from '../common/calico-policy/kube-controllers';
import { calicoNodeRules } from '../common/calico-policy/rbac-rules';
import { addCalicoCommonResources, addFelixConfiguration, calicoImages } from '../common/calico-policy/resources';
import type { CustomResourceDefinitions } from '../common/crd-definition';
import { FLANNEL_RBAC_RULES, flannelNetConf } from '../common/flannel-data-path/net-conf';
import { renderImage } from '../common/images';
import { cniJson, configMapKeyEnv, configMapVolume, fieldRefEnv, valueEnv } from '../common/k8s-helpers';
import { ClusterRoleForServiceAccount } from '../common/rbac';
import { VERSIONS } from '../common/versions';
import type { CanalProps } from './props';

/**
 * Flannel's ClusterRole as canal.yaml grants it: kube-flannel.yml's rules, except that Canal's flanneld only lists and
 * watches nodes (no `get`), so it gets no more than upstream Canal gives it.
 */
export const CANAL_FLANNEL_RBAC_RULES: k8s.PolicyRule[] = FLANNEL_RBAC_RULES.map((r) =>
  r.resources.includes('nodes') ? { ...r, verbs: r.verbs.filter((v) => v !== 'get') } : r,
);

/** host-local IPAM over the Node's podCIDR(s), as Canal's CNI config uses. */
function hostLocalIpam(ipv4: boolean, ipv6: boolean): CalicoCniIpam {
  if (ipv4 && ipv6) return { type: 'host-local', ranges: [[{ subnet: 'usePodCidr' }], [{ subnet: 'usePodCidrIPv6' }]] };
  return { type: 'host-local', subnet: ipv6 ? 'usePodCidrIPv6' : 'usePodCidr' };
}

/**
 * Canal (canal.yaml v3.32.1): Flannel moves packets between nodes (VXLAN by default), Calico's Felix enforces network
 * policy. One `canal` DaemonSet runs calico-node and flanneld; pods get host-local addresses from the Node podCIDR.
 * Built from the Calico pieces (CRDs, RBAC, calico-node, kube-controllers) and Flannel's net-conf.
 */
export class Canal extends Construct {
  public readonly namespace: string;
  public readonly configMap: k8s.KubeConfigMap;
  public readonly daemonSet: k8s.KubeDaemonSet;
  public readonly crds: CustomResourceDefinitions;
  /** The `net-conf.json` object written to the ConfigMap. */
  public readonly netConf: Record<string, unknown>;

  public constructor(scope: Construct, id: string, props: CanalProps = {}) {
    super(scope, id);
    const ns = (this.namespace = props.namespace ?? 'kube-system');
    const images = calicoImages(props);
    const flannelImage = renderImage(VERSIONS.canal.images.flannel, { imageRegistry: props.imageRegistry, explicitDockerHub: true });
    const ipv6 = props.ipv6 ?? props.ipv6Network !== undefined;
    const ipv4 = !(props.ipv4Disabled ?? (props.network === undefined && props.ipv6Network !== undefined));
    const configMapName = 'canal-config';
    const sa = 'canal';

    this.crds = addCalicoCommonResources(this, props, ns).crds;

    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: sa, namespace: ns } });
    new ClusterRoleForServiceAccount(this, 'calico-rbac', {
      name: 'calico-node',
      bindingName: 'canal-calico',
      rules: calicoNodeRules({ calicoIpam: false, tokenServiceAccounts: [sa, CALICO_CNI_PLUGIN_ACCOUNT] }),
      serviceAccount: { name: sa, namespace: ns },
    });
    new ClusterRoleForServiceAccount(this, 'flannel-rbac', {
      name: 'flannel',
      bindingName: 'canal-flannel',
      rules: CANAL_FLANNEL_RBAC_RULES,
      serviceAccount: { name: sa, namespace: ns },
    });
    new CalicoCniPluginAccess(this, 'cni-plugin', { namespace: ns, calicoIpam: false });
    new CalicoTierGetter(this, 'tier-getter');

    this.netConf = flannelNetConf(props, { writeNFTables: false });
    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: configMapName, namespace: ns },
      data: {
        typha_service_name: 'none',
        canal_iface: props.iface ?? '',
        masquerade: String(props.masquerade ?? true),
        veth_mtu: String(props.vethMtu ?? 0),
        cni_network_config: calicoCniNetworkConfig(hostLocalIpam(ipv4, ipv6)),
        'net-conf.json': cniJson(this.netConf),
      },
    });

    const calicoEnv: k8s.EnvVar[] = [
      valueEnv('DATASTORE_TYPE', 'kubernetes'),
      valueEnv('USE_POD_CIDR', 'true'),
      valueEnv('WAIT_FOR_DATASTORE', 'true'),
      fieldRefEnv('NODENAME', 'spec.nodeName'),
      fieldRefEnv('CALICO_CNI_SERVICE_ACCOUNT', 'spec.serviceAccountName'),
      valueEnv('CALICO_NETWORKING_BACKEND', 'none'),
      valueEnv('CLUSTER_TYPE', 'k8s,canal'),
      valueEnv('FELIX_IPTABLESREFRESHINTERVAL', '60'),
      valueEnv('IP', ''),
      ...calicoNodeTrailingEnv(ipv6),
    ];
    const flannel: k8s.Container = {
      name: 'kube-flannel',
      image: flannelImage,
      imagePullPolicy: 'IfNotPresent',
      command: ['/opt/bin/flanneld', '--ip-masq', '--kube-subnet-mgr'],
      securityContext: { privileged: true },
      env: [
        fieldRefEnv('POD_NAME', 'metadata.name'),
        fieldRefEnv('POD_NAMESPACE', 'metadata.namespace'),
        configMapKeyEnv('FLANNELD_IFACE', configMapName, 'canal_iface'),
        configMapKeyEnv('FLANNELD_IP_MASQ', configMapName, 'masquerade'),
      ],
      volumeMounts: [
        { mountPath: '/run/xtables.lock', name: 'xtables-lock', readOnly: false },
        { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
      ],
    };

    this.daemonSet = new CalicoNodeDaemonSet(this, 'node', {
      name: 'canal',
      namespace: ns,
      serviceAccountName: sa,
      initContainers: [
        installCniContainer({ cniImage: images.cni, configMap: configMapName, confName: '10-canal.conflist', serviceAccountEnv: true }),
        ebpfBootstrapContainer(images.node),
      ],
      containers: [calicoNodeContainer({ nodeImage: images.node, env: calicoEnv, bird: false, httpReadiness: true }), flannel],
      volumes: calicoNodeVolumes({ afterNodeProc: [configMapVolume('flannel-cfg', configMapName)] }),
    }).daemonSet;

    new CalicoKubeControllers(this, 'kube-controllers', { namespace: ns, image: images.kubeControllers });
    addFelixConfiguration(this, props, this.crds);
  }
}
