import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { renderImage } from '../common/images';
import { configMapVolume, cniJson, fieldRefEnv, hostPathVolume, valueEnv } from '../common/k8s-helpers';
import { NODE_AGENT_TOLERATIONS, nodeAgentPodSpec } from '../common/node-agent';
import { ClusterRoleForServiceAccount } from '../common/rbac';
import { VERSIONS } from '../common/versions';
import { FLANNEL_RBAC_RULES, flannelNetConf } from '../common/flannel-data-path/net-conf';
import type { FlannelProps } from './props';

/** The CNI config Flannel installs on every node (`/etc/cni/net.d/10-flannel.conflist`), as kube-flannel.yml ships it. */
export const FLANNEL_CNI_CONF = {
  name: 'cbr0',
  cniVersion: '0.3.1',
  plugins: [
    { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
    { type: 'portmap', capabilities: { portMappings: true } },
  ],
};

/** {@link FLANNEL_CNI_CONF}, with the delegate's `mtu` when pods need another MTU than flanneld's `FLANNEL_MTU`. */
export function flannelCniConf(podMtu?: number): typeof FLANNEL_CNI_CONF {
  if (podMtu === undefined) return FLANNEL_CNI_CONF;
  const [flannel, ...rest] = FLANNEL_CNI_CONF.plugins;
  return { ...FLANNEL_CNI_CONF, plugins: [{ ...flannel, delegate: { ...flannel.delegate, mtu: podMtu } }, ...rest] } as typeof FLANNEL_CNI_CONF;
}

/**
 * Flannel: an overlay (VXLAN), host-gw or WireGuard pod network whose node subnets come from each Node's `podCIDR`
 * (`--kube-subnet-mgr`). Produces the objects of upstream's kube-flannel.yml: the `kube-flannel` namespace, RBAC,
 * the `kube-flannel-cfg` ConfigMap and the `kube-flannel-ds` DaemonSet.
 */
export class Flannel extends Construct {
  public readonly namespace: string;
  public readonly configMap: k8s.KubeConfigMap;
  public readonly daemonSet: k8s.KubeDaemonSet;
  /** The `net-conf.json` object written to the ConfigMap. */
  public readonly netConf: Record<string, unknown>;

  public constructor(scope: Construct, id: string, props: FlannelProps = {}) {
    super(scope, id);
    const ns = (this.namespace = props.namespace ?? 'kube-flannel');
    const images = VERSIONS.flannel.images;
    const flannelImage = renderImage(images.flannel, { imageRegistry: props.imageRegistry, tag: props.version });
    const pluginImage = renderImage(images.cniPlugin, { imageRegistry: props.imageRegistry });
    const appLabels = { tier: 'node', app: 'flannel' };

    new k8s.KubeNamespace(this, 'namespace', {
      metadata: { name: ns, labels: { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' } },
    });
    new ClusterRoleForServiceAccount(this, 'rbac', {
      name: 'flannel',
      labels: { 'k8s-app': 'flannel' },
      rules: FLANNEL_RBAC_RULES,
      serviceAccount: { name: 'flannel', namespace: ns },
    });
    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: 'flannel', namespace: ns, labels: { 'k8s-app': 'flannel' } } });

    this.netConf = flannelNetConf(props);
    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: 'kube-flannel-cfg', namespace: ns, labels: { ...appLabels, 'k8s-app': 'flannel' } },
      data: { 'cni-conf.json': cniJson(flannelCniConf(props.podMtu)), 'net-conf.json': cniJson(this.netConf) },
    });

    this.daemonSet = new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: { name: 'kube-flannel-ds', namespace: ns, labels: { ...appLabels, 'k8s-app': 'flannel' } },
      spec: {
        selector: { matchLabels: { app: 'flannel' } },
        template: {
          metadata: { labels: appLabels },
          spec: nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.noSchedule, serviceAccountName: 'flannel' }, {
            initContainers: [
              {
                name: 'install-cni-plugin',
                image: pluginImage,
                command: ['cp'],
                args: ['-f', '/flannel', '/opt/cni/bin/flannel'],
                volumeMounts: [{ name: 'cni-plugin', mountPath: '/opt/cni/bin' }],
              },
              {
                name: 'install-cni',
                image: flannelImage,
                command: ['/opt/bin/install-conf'],
                args: ['/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist'],
                volumeMounts: [
                  { name: 'cni', mountPath: '/etc/cni/net.d' },
                  { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
                ],
              },
            ],
            containers: [
              {
                name: 'kube-flannel',
                image: flannelImage,
                command: ['/opt/bin/flanneld'],
                args: ['--ip-masq', '--kube-subnet-mgr', '--healthz-port=8081'],
                ports: [{ name: 'healthz', containerPort: 8081, protocol: 'TCP' }],
                livenessProbe: { httpGet: { path: '/healthz', port: k8s.IntOrString.fromString('healthz') }, initialDelaySeconds: 10, periodSeconds: 30 },
                readinessProbe: { httpGet: { path: '/readyz', port: k8s.IntOrString.fromString('healthz') }, initialDelaySeconds: 5, periodSeconds: 10 },
                resources: { requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('50Mi') } },
                securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
                env: [
                  fieldRefEnv('POD_NAME', 'metadata.name'),
                  fieldRefEnv('POD_NAMESPACE', 'metadata.namespace'),
                  valueEnv('EVENT_QUEUE_DEPTH', '5000'),
                  valueEnv('CONT_WHEN_CACHE_NOT_READY', 'false'),
                ],
                volumeMounts: [
                  { name: 'run', mountPath: '/run/flannel' },
                  { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
                  { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
                ],
              },
            ],
            volumes: [
              hostPathVolume('run', '/run/flannel'),
              hostPathVolume('cni-plugin', '/opt/cni/bin'),
              hostPathVolume('cni', '/etc/cni/net.d'),
              configMapVolume('flannel-cfg', 'kube-flannel-cfg'),
              hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
            ],
          }),
        },
      },
    });
  }
}
