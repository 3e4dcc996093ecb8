import { Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { renderImage } from '../common/images';
import { hostPathVolume } from '../common/k8s-helpers';
import { nodeAgentPodSpec } from '../common/node-agent';
import { VERSIONS } from '../common/versions';
import type { IpMasqAgentProps } from './props';
import { AZURE_LINUX_NODE_AFFINITY, CRITICAL_TOLERATIONS } from './scheduling';

/** The ip-masq-agent-v2 config file (`nonMasqueradeCIDRs`, `masqLinkLocal`, `masqLinkLocalIPv6`). */
export function ipMasqAgentConfig(props: Pick<IpMasqAgentProps, 'nonMasqueradeCidrs' | 'masqLinkLocal' | 'masqLinkLocalIPv6'>): string {
  // cdk8s's YAML writer: no second copy of the yaml package is loaded for this small file
  return Yaml.stringify({
    nonMasqueradeCIDRs: [...props.nonMasqueradeCidrs],
    masqLinkLocal: props.masqLinkLocal ?? false,
    masqLinkLocalIPv6: props.masqLinkLocalIPv6 ?? true,
  }).trimEnd();
}

/**
 * The user ip-masq-agent ConfigMap AKS's managed azure-ip-masq-agent reads (`azure-ip-masq-agent-config-user`, key
 * `ip-masq-agent-reconciled`): on AKS this is how a cluster states which destinations are reached without SNAT.
 */
export class IpMasqAgentUserConfig extends Construct {
  public readonly configMap: k8s.KubeConfigMap;

  public constructor(scope: Construct, id: string, props: IpMasqAgentProps) {
    super(scope, id);
    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: 'azure-ip-masq-agent-config-user', namespace: props.namespace ?? 'kube-system', labels: { component: 'ip-masq-agent' } },
      data: { 'ip-masq-agent-reconciled': ipMasqAgentConfig(props) },
    });
  }
}

/**
 * azure-ip-masq-agent-v2 for self-managed clusters: its ConfigMap and DaemonSet, as upstream's
 * test/integration/manifests/ip-masq-agent (v0.1.7), without the AKS-only node label in the affinity.
 */
export class IpMasqAgent extends Construct {
  public readonly configMap: k8s.KubeConfigMap;
  public readonly daemonSet: k8s.KubeDaemonSet;

  public constructor(scope: Construct, id: string, props: IpMasqAgentProps) {
    super(scope, id);
    const ns = props.namespace ?? 'kube-system';
    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: {
        name: 'azure-ip-masq-agent-config',
        namespace: ns,
        labels: { component: 'ip-masq-agent', 'kubernetes.io/cluster-service': 'true', 'addonmanager.kubernetes.io/mode': 'EnsureExists' },
      },
      data: { 'ip-masq-agent': ipMasqAgentConfig(props) },
    });
    const projected = (name: string, key: string): k8s.VolumeProjection => ({ configMap: { items: [{ key, mode: 444, path: key }], name, optional: true } });
    this.daemonSet = new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: { name: 'azure-ip-masq-agent-user', namespace: ns },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'azure-ip-masq-agent-user' } },
        template: {
          metadata: { labels: { 'k8s-app': 'azure-ip-masq-agent-user' } },
          spec: nodeAgentPodSpec({ tolerations: CRITICAL_TOLERATIONS, linuxPlacement: AZURE_LINUX_NODE_AFFINITY }, {
            automountServiceAccountToken: false,
            containers: [
              {
                args: ['--v=2', '--resync-interval=60'],
                image: renderImage(VERSIONS['azure-cni'].images.ipMasqAgent, { imageRegistry: props.imageRegistry }),
                imagePullPolicy: 'IfNotPresent',
                name: 'azure-ip-masq-agent',
                resources: {
                  limits: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('250Mi') },
                  requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('50Mi') },
                },
                securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
                volumeMounts: [
                  { mountPath: '/etc/config', name: 'azure-ip-masq-agent-config-volume' },
                  { mountPath: '/run/xtables.lock', name: 'iptableslock' },
                ],
              },
            ],
            dnsPolicy: 'ClusterFirst',
            restartPolicy: 'Always',
            terminationGracePeriodSeconds: 30,
            volumes: [
              {
                name: 'azure-ip-masq-agent-config-volume',
                projected: {
                  defaultMode: 420,
                  sources: [projected('azure-ip-masq-agent-config', 'ip-masq-agent'), projected('azure-ip-masq-agent-config-user', 'ip-masq-agent-reconciled')],
                },
              },
              hostPathVolume('iptableslock', '/run/xtables.lock', 'FileOrCreate'),
            ],
          }),
        },
      },
    });
  }
}
