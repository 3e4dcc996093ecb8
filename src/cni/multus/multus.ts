import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { renderImage } from '../common/images';
import { cniJson, FALLBACK_TO_LOGS_ON_ERROR, fieldRefEnv, hostPathVolume } from '../common/k8s-helpers';
import { NODE_AGENT_TOLERATIONS } from '../common/node-agent';
import { ClusterRoleForServiceAccount } from '../common/rbac';
import { VERSIONS } from '../common/versions';
import { NetworkAttachmentDefinitionCrd } from './crd';
import type { MultusMode, MultusProps } from './props';

/** RBAC of the multus ClusterRole; the thick daemon also lists and watches pods. */
export function multusRbacRules(mode: MultusMode): k8s.PolicyRule[] {
  return [
    { apiGroups: ['k8s.cni.cncf.io'], resources: ['*'], verbs: ['*'] },
    { apiGroups: [''], resources: ['pods', 'pods/status'], verbs: mode === 'thick' ? ['get', 'list', 'update', 'watch'] : ['get', 'update'] },
    { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
  ];
}

/** multus-daemon's configuration (`daemon-config.json`) as multus-daemonset-thick.yml ships it. */
export const MULTUS_DAEMON_CONFIG = {
  chrootDir: '/hostroot',
  cniVersion: '0.3.1',
  logLevel: 'verbose',
  logToStderr: true,
  cniConfigDir: '/host/etc/cni/net.d',
  multusAutoconfigDir: '/host/etc/cni/net.d',
  multusConfigFile: 'auto',
  socketDir: '/host/run/multus/',
};

/**
 * The thin plugin's sample config (`cni-conf.json`) as multus-daemonset.yml ships it. With `--multus-conf-file=auto`
 * (the default) Multus generates its config from the primary CNI's and this file is not used.
 */
export const MULTUS_THIN_CNI_CONF = {
  name: 'multus-cni-network',
  type: 'multus',
  capabilities: { portMappings: true },
  delegates: [
    {
      cniVersion: '0.3.1',
      name: 'default-cni-network',
      plugins: [
        { type: 'flannel', name: 'flannel.1', delegate: { isDefaultGateway: true, hairpinMode: true } },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    },
  ],
  kubeconfig: '/etc/cni/net.d/multus.d/multus.kubeconfig',
};

const LABELS = { tier: 'node', app: 'multus' };
const POD_LABELS = { ...LABELS, name: 'multus' };
const q = (s: string) => k8s.Quantity.fromString(s);
const AGENT_RESOURCES: k8s.ResourceRequirements = { requests: { cpu: q('100m'), memory: q('50Mi') }, limits: { cpu: q('100m'), memory: q('50Mi') } };
const INSTALLER_RESOURCES: k8s.ResourceRequirements = { requests: { cpu: q('10m'), memory: q('15Mi') } };

/**
 * Multus CNI: a meta-plugin that gives pods secondary interfaces described by NetworkAttachmentDefinitions, on top of
 * any primary CNI. Produces the objects of upstream's multus-daemonset-thick.yml (default) or multus-daemonset.yml:
 * the NetworkAttachmentDefinition CRD, the `multus` ClusterRole/Binding and ServiceAccount, the daemon ConfigMap and
 * the `kube-multus-ds` DaemonSet, with images pinned to a release instead of upstream's floating tags.
 */
export class Multus extends Construct {
  public readonly mode: MultusMode;
  public readonly namespace: string;
  public readonly crd: NetworkAttachmentDefinitionCrd;
  public readonly configMap: k8s.KubeConfigMap;
  public readonly daemonSet: k8s.KubeDaemonSet;

  public constructor(scope: Construct, id: string, props: MultusProps = {}) {
    super(scope, id);
    const mode = (this.mode = props.mode ?? 'thick');
    const ns = (this.namespace = props.namespace ?? 'kube-system');
    const base = VERSIONS.multus.images[mode];
    const image = renderImage(base, { imageRegistry: props.imageRegistry, tag: props.version ? `${props.version}${mode === 'thick' ? '-thick' : ''}` : undefined });

    this.crd = new NetworkAttachmentDefinitionCrd(props.crdScope ?? this, props.crdScope ? `${id}-nad-crd` : 'nad-crd', { annotations: props.crdAnnotations });
    new ClusterRoleForServiceAccount(this, 'rbac', { name: 'multus', rules: multusRbacRules(mode), serviceAccount: { name: 'multus', namespace: ns } });
    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: 'multus', namespace: ns } });

    this.configMap =
      mode === 'thick'
        ? new k8s.KubeConfigMap(this, 'config', {
            metadata: { name: 'multus-daemon-config', namespace: ns, labels: LABELS },
            data: { 'daemon-config.json': cniJson(MULTUS_DAEMON_CONFIG) },
          })
        : new k8s.KubeConfigMap(this, 'config', {
            metadata: { name: 'multus-cni-config', namespace: ns, labels: LABELS },
            data: { 'cni-conf.json': cniJson(MULTUS_THIN_CNI_CONF) },
          });

    this.daemonSet = new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: { name: 'kube-multus-ds', namespace: ns, labels: POD_LABELS },
      spec: {
        selector: { matchLabels: { name: 'multus' } },
        updateStrategy: { type: 'RollingUpdate' },
        template: { metadata: { labels: POD_LABELS }, spec: mode === 'thick' ? thickPodSpec(image) : thinPodSpec(image) },
      },
    });
  }
}

function installer(image: string, command: string[], args?: string[]): k8s.Container {
  return {
    name: 'install-multus-binary',
    image,
    command,
    ...(args ? { args } : {}),
    resources: INSTALLER_RESOURCES,
    securityContext: { privileged: true },
    terminationMessagePolicy: FALLBACK_TO_LOGS_ON_ERROR,
    volumeMounts: [{ name: 'cnibin', mountPath: '/host/opt/cni/bin', mountPropagation: 'Bidirectional' }],
  };
}

/** What the `kube-multus` container has in both modes. */
function agent(image: string): k8s.Container {
  return { name: 'kube-multus', image, resources: AGENT_RESOURCES, securityContext: { privileged: true }, terminationMessagePolicy: FALLBACK_TO_LOGS_ON_ERROR };
}

function thickPodSpec(image: string): k8s.PodSpec {
  return {
    hostNetwork: true,
    hostPid: true,
    tolerations: NODE_AGENT_TOLERATIONS.noScheduleNoExecute.map((t) => ({ ...t })),
    serviceAccountName: 'multus',
    containers: [
      {
        ...agent(image),
        command: ['/usr/src/multus-cni/bin/multus-daemon'],
        volumeMounts: [
          { name: 'cni', mountPath: '/host/etc/cni/net.d' },
          // multus-daemon needs the CNI bin dir at the same path as on the host.
          { name: 'cnibin', mountPath: '/opt/cni/bin' },
          { name: 'host-run', mountPath: '/host/run' },
          { name: 'host-var-lib-cni-multus', mountPath: '/var/lib/cni/multus' },
          { name: 'host-var-lib-kubelet', mountPath: '/var/lib/kubelet', mountPropagation: 'HostToContainer' },
          { name: 'host-run-k8s-cni-cncf-io', mountPath: '/run/k8s.cni.cncf.io' },
          { name: 'host-run-netns', mountPath: '/run/netns', mountPropagation: 'HostToContainer' },
          { name: 'multus-daemon-config', mountPath: '/etc/cni/net.d/multus.d', readOnly: true },
          { name: 'hostroot', mountPath: '/hostroot', mountPropagation: 'HostToContainer' },
          { name: 'multus-conf-dir', mountPath: '/etc/cni/multus/net.d' },
        ],
        env: [fieldRefEnv('MULTUS_NODE_NAME', 'spec.nodeName')],
      },
    ],
    initContainers: [installer(image, ['/usr/src/multus-cni/bin/install_multus', '-d', '/host/opt/cni/bin', '-t', 'thick'])],
    terminationGracePeriodSeconds: 10,
    volumes: [
      hostPathVolume('cni', '/etc/cni/net.d'),
      hostPathVolume('cnibin', '/opt/cni/bin'),
      hostPathVolume('hostroot', '/'),
      { name: 'multus-daemon-config', configMap: { name: 'multus-daemon-config', items: [{ key: 'daemon-config.json', path: 'daemon-config.json' }] } },
      hostPathVolume('host-run', '/run'),
      hostPathVolume('host-var-lib-cni-multus', '/var/lib/cni/multus'),
      hostPathVolume('host-var-lib-kubelet', '/var/lib/kubelet'),
      hostPathVolume('host-run-k8s-cni-cncf-io', '/run/k8s.cni.cncf.io'),
      hostPathVolume('host-run-netns', '/run/netns/'),
      hostPathVolume('multus-conf-dir', '/etc/cni/multus/net.d'),
    ],
  };
}

function thinPodSpec(image: string): k8s.PodSpec {
  return {
    hostNetwork: true,
    tolerations: NODE_AGENT_TOLERATIONS.noScheduleNoExecute.map((t) => ({ ...t })),
    serviceAccountName: 'multus',
    containers: [
      {
        ...agent(image),
        command: ['/thin_entrypoint'],
        args: ['--multus-conf-file=auto', '--multus-autoconfig-dir=/host/etc/cni/net.d', '--cni-conf-dir=/host/etc/cni/net.d'],
        volumeMounts: [
          { name: 'cni', mountPath: '/host/etc/cni/net.d' },
          { name: 'cnibin', mountPath: '/host/opt/cni/bin' },
          { name: 'multus-cfg', mountPath: '/tmp/multus-conf' },
        ],
      },
    ],
    initContainers: [installer(image, ['/install_multus'], ['--type', 'thin'])],
    terminationGracePeriodSeconds: 10,
    volumes: [
      hostPathVolume('cni', '/etc/cni/net.d'),
      hostPathVolume('cnibin', '/opt/cni/bin'),
      { name: 'multus-cfg', configMap: { name: 'multus-cni-config', items: [{ key: 'cni-conf.json', path: '70-multus.conf' }] } },
    ],
  };
}
