import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { renderImage } from '../common/images';
import { cniJson, configMapVolume, hostPathVolume } from '../common/k8s-helpers';
import { VERSIONS } from '../common/versions';
import { azureConflist } from './conflist';
import { IpMasqAgent } from './ip-masq-agent';
import type { AzureCniProps } from './props';
import { AZURE_LINUX_NODE_AFFINITY, CRITICAL_TOLERATIONS } from './scheduling';

/** Where the conflist lands on the node (upstream's installer writes the same path). */
export const AZURE_CONFLIST_PATH = '/etc/cni/net.d/10-azure.conflist';

/**
 * Azure CNI for self-managed Kubernetes on Azure VMs: the installer DaemonSet of upstream's
 * `hack/manifests/cni-installer-v1.yaml` (dropgz deploys azure-vnet, azure-vnet-ipam and azure-vnet-telemetry into
 * /opt/cni/bin), the conflist for the mode in a ConfigMap copied to /etc/cni/net.d by a second init container, and
 * optionally azure-ip-masq-agent-v2.
 */
export class AzureCni extends Construct {
  public readonly daemonSet: k8s.KubeDaemonSet;
  public readonly conflistConfigMap: k8s.KubeConfigMap;
  /** The conflist object installed on every node. */
  public readonly conflist: Record<string, unknown>;
  public readonly ipMasqAgent?: IpMasqAgent;

  public constructor(scope: Construct, id: string, props: AzureCniProps = {}) {
    super(scope, id);
    const ns = props.namespace ?? 'kube-system';
    const images = VERSIONS['azure-cni'].images;
    this.conflist = azureConflist(props.mode ?? 'vnet');
    this.conflistConfigMap = new k8s.KubeConfigMap(this, 'conflist', {
      metadata: { name: 'azure-cni-conflist', namespace: ns, labels: { app: 'azure-cni' } },
      data: { '10-azure.conflist': cniJson(this.conflist) },
    });
    this.daemonSet = new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: { name: 'azure-cni', namespace: ns, labels: { app: 'azure-cni' } },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'azure-cni' } },
        template: {
          metadata: { labels: { 'k8s-app': 'azure-cni' }, annotations: { 'cluster-autoscaler.kubernetes.io/daemonset-pod': 'true' } },
          spec: {
            affinity: AZURE_LINUX_NODE_AFFINITY,
            priorityClassName: 'system-node-critical',
            tolerations: CRITICAL_TOLERATIONS,
            initContainers: [
              {
                name: 'azure-cni',
                image: renderImage(images.cni, { imageRegistry: props.imageRegistry, tag: props.version }),
                imagePullPolicy: 'Always',
                command: ['/dropgz'],
                args: ['deploy', 'azure-vnet', '-o', '/opt/cni/bin/azure-vnet', 'azure-vnet-ipam', '-o', '/opt/cni/bin/azure-vnet-ipam', 'azure-vnet-telemetry', '-o', '/opt/cni/bin/azure-vnet-telemetry'],
                volumeMounts: [
                  { name: 'cni-bin', mountPath: '/opt/cni/bin' },
                  { name: 'cni-conflist', mountPath: '/etc/cni/net.d' },
                ],
              },
              {
                name: 'install-cni-conflist',
                image: renderImage(images.conflistInstaller, { imageRegistry: props.imageRegistry }),
                command: ['cp'],
                args: ['-f', '/etc/azure-cni/10-azure.conflist', AZURE_CONFLIST_PATH],
                volumeMounts: [
                  { name: 'cni-conflist', mountPath: '/etc/cni/net.d' },
                  { name: 'azure-cni-conflist', mountPath: '/etc/azure-cni' },
                ],
              },
            ],
            containers: [{ name: 'pause', image: renderImage(images.pause, { imageRegistry: props.imageRegistry }) }],
            hostNetwork: true,
            volumes: [
              hostPathVolume('cni-conflist', '/etc/cni/net.d', 'Directory'),
              hostPathVolume('cni-bin', '/opt/cni/bin', 'Directory'),
              configMapVolume('azure-cni-conflist', 'azure-cni-conflist'),
            ],
          },
        },
      },
    });
    if (props.ipMasqAgent) this.ipMasqAgent = new IpMasqAgent(this, 'ip-masq-agent', { ...props.ipMasqAgent, namespace: ns, imageRegistry: props.imageRegistry });
  }
}
