import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { renderImage } from '../common/images';
import { hostPathVolume } from '../common/k8s-helpers';
import { nodeAgentPodSpec } from '../common/node-agent';
import { VERSIONS } from '../common/versions';
import { azureConflist } from './conflist';
import { IpMasqAgent } from './ip-masq-agent';
import type { AzureCniProps } from './props';
import { AZURE_LINUX_NODE_AFFINITY, CRITICAL_TOLERATIONS } from './scheduling';

/** Where the conflist lands on the node (upstream's installer writes it there). */
export const AZURE_CONFLIST_PATH = '/etc/cni/net.d/10-azure.conflist';

/**
 * Azure CNI for self-managed Kubernetes on Azure VMs: the installer DaemonSet of upstream's
 * `hack/manifests/cni-installer-v1.yaml`, unchanged (dropgz deploys azure-vnet, azure-vnet-ipam and
 * azure-vnet-telemetry into /opt/cni/bin and its built-in `azure.conflist`, the vnet-mode conflist, to
 * /etc/cni/net.d), and optionally azure-ip-masq-agent-v2.
 */
export class AzureCni extends Construct {
  public readonly daemonSet: k8s.KubeDaemonSet;
  /** The conflist the installer writes on every node (upstream's `azure-linux.conflist`, mode vnet). */
  public readonly conflist: Record<string, unknown>;
  public readonly ipMasqAgent?: IpMasqAgent;

  public constructor(scope: Construct, id: string, props: AzureCniProps = {}) {
    super(scope, id);
    const ns = props.namespace ?? 'kube-system';
    const images = VERSIONS['azure-cni'].images;
    this.conflist = azureConflist('vnet');
    const deploy = (binary: string, target: string) => [binary, '-o', target];
    this.daemonSet = new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: { name: 'azure-cni', namespace: ns, labels: { app: 'azure-cni' } },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'azure-cni' } },
        template: {
          metadata: { labels: { 'k8s-app': 'azure-cni' }, annotations: { 'cluster-autoscaler.kubernetes.io/daemonset-pod': 'true' } },
          spec: nodeAgentPodSpec({ tolerations: CRITICAL_TOLERATIONS, linuxPlacement: AZURE_LINUX_NODE_AFFINITY }, {
            initContainers: [
              {
                name: 'azure-cni',
                image: renderImage(images.cni, { imageRegistry: props.imageRegistry, tag: props.version }),
                imagePullPolicy: 'Always',
                command: ['/dropgz'],
                args: [
                  'deploy',
                  ...['azure-vnet', 'azure-vnet-ipam', 'azure-vnet-telemetry'].flatMap((b) => deploy(b, `/opt/cni/bin/${b}`)),
                  ...deploy('azure.conflist', AZURE_CONFLIST_PATH),
                ],
                volumeMounts: [
                  { name: 'cni-bin', mountPath: '/opt/cni/bin' },
                  { name: 'cni-conflist', mountPath: '/etc/cni/net.d' },
                ],
              },
            ],
            containers: [{ name: 'pause', image: renderImage(images.pause, { imageRegistry: props.imageRegistry }) }],
            volumes: [hostPathVolume('cni-conflist', '/etc/cni/net.d', 'Directory'), hostPathVolume('cni-bin', '/opt/cni/bin', 'Directory')],
          }),
        },
      },
    });
    if (props.ipMasqAgent) this.ipMasqAgent = new IpMasqAgent(this, 'ip-masq-agent', { ...props.ipMasqAgent, namespace: ns, imageRegistry: props.imageRegistry });
  }
}
