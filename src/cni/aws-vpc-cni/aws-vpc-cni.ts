import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { CustomResourceDefinitions } from '../common/crd-definition';
import { renderImage } from '../common/images';
import { fieldRefEnv, hostPathVolume } from '../common/k8s-helpers';
import { linuxNodeAffinity, NODE_AGENT_TOLERATIONS, nodeAgentPodSpec } from '../common/node-agent';
import { ClusterRoleForServiceAccount } from '../common/rbac';
import { syncWaveAnnotations } from '../common/sync-waves';
import { VERSIONS } from '../common/versions';
import { eniConfigCrd, clusterPolicyEndpointCrd, policyEndpointCrd } from '../../generated/aws-vpc-cni/index';
import { EniConfig } from './eni-config';
import { awsNodeEnv, awsNodeInitEnv } from './env';
import type { AwsVpcCniProps } from './props';
import { SecurityGroupPolicy } from './security-group-policy';

/** The ClusterRole rules of aws-node (aws-k8s-cni.yaml v1.23.1). */
export const AWS_NODE_RBAC_RULES: k8s.PolicyRule[] = [
  { apiGroups: ['crd.k8s.amazonaws.com'], resources: ['eniconfigs'], verbs: ['list', 'watch', 'get'] },
  { apiGroups: [''], resources: ['namespaces'], verbs: ['list', 'watch', 'get'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch', 'get'] },
  { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch', 'get'] },
  { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'list'] },
  { apiGroups: ['networking.k8s.aws'], resources: ['policyendpoints', 'clusterpolicyendpoints'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['networking.k8s.aws'], resources: ['policyendpoints/status', 'clusterpolicyendpoints/status'], verbs: ['get'] },
  { apiGroups: ['vpcresources.k8s.aws'], resources: ['cninodes'], verbs: ['get', 'list', 'watch', 'patch'] },
  { nonResourceUrLs: ['/apis/networking.k8s.aws', '/apis/networking.k8s.aws/*'], verbs: ['get'] },
];

/** The `amazon-vpc-cni` ConfigMap data: the chart's Windows / security-group defaults and the policy controller switch. */
export function amazonVpcCniConfigData(enableNetworkPolicy: boolean): Record<string, string> {
  return {
    'enable-windows-ipam': 'false',
    'enable-network-policy-controller': String(enableNetworkPolicy),
    'enable-windows-prefix-delegation': 'false',
    'warm-prefix-target': '0',
    'warm-ip-target': '1',
    'minimum-ip-target': '3',
    'branch-eni-cooldown': '60',
  };
}

const IPAMD_PROBE = ['/app/grpc-health-probe', '-addr=unix:///var/run/aws-node/ipamd.sock', '-connect-timeout=5s', '-rpc-timeout=5s'];

/**
 * The Amazon VPC CNI: the `aws-node` DaemonSet (ipamd + CNI plugin, its init container, and the network policy node
 * agent), its ServiceAccount, RBAC and `amazon-vpc-cni` ConfigMap, the ENIConfig CRD and, for custom networking, one
 * ENIConfig per zone. Equivalent to upstream's `config/master/aws-k8s-cni.yaml` (v1.23.1) with the settings applied.
 */
export class AwsVpcCni extends Construct {
  public readonly daemonSet: k8s.KubeDaemonSet;
  public readonly configMap: k8s.KubeConfigMap;
  public readonly eniConfigs: EniConfig[] = [];
  public readonly securityGroupPolicies: SecurityGroupPolicy[] = [];
  /** The CustomResourceDefinitions (ENIConfig; PolicyEndpoint and ClusterPolicyEndpoint with `policyEndpointCrds`). */
  public readonly crds: CustomResourceDefinitions;
  /** The aws-node env as name → value (what the container gets, besides MY_NODE_NAME / MY_POD_NAME). */
  public readonly env: Record<string, string>;

  public constructor(scope: Construct, id: string, props: AwsVpcCniProps = {}) {
    super(scope, id);
    const ns = props.namespace ?? 'kube-system';
    const version = props.version ?? VERSIONS['aws-vpc-cni'].version;
    const images = VERSIONS['aws-vpc-cni'].images;
    const nodeAgent = props.nodeAgent ?? true;
    const enableNetworkPolicy = props.enableNetworkPolicy ?? false;
    const labels = {
      'app.kubernetes.io/name': 'aws-node',
      'app.kubernetes.io/instance': 'aws-vpc-cni',
      'k8s-app': 'aws-node',
      'app.kubernetes.io/version': version,
    };
    const argo = props.argoSyncWaves ?? false;
    this.crds = new CustomResourceDefinitions(props.crdScope ?? this, `${id}-crds`, {
      definitions: [eniConfigCrd, ...(props.policyEndpointCrds ? [policyEndpointCrd, clusterPolicyEndpointCrd] : [])],
      annotations: syncWaveAnnotations(argo, 'crd'),
    });

    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: 'aws-node', namespace: ns, labels } });
    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: 'amazon-vpc-cni', namespace: ns, labels },
      data: amazonVpcCniConfigData(enableNetworkPolicy),
    });
    new ClusterRoleForServiceAccount(this, 'rbac', {
      name: 'aws-node',
      labels,
      rules: AWS_NODE_RBAC_RULES,
      serviceAccount: { name: 'aws-node', namespace: ns },
    });

    this.env = awsNodeEnv(props, { version, withoutNodeAgent: !nodeAgent });
    const toEnv = (r: Record<string, string>): k8s.EnvVar[] => Object.entries(r).map(([name, value]) => ({ name, value }));
    const downward = (name: string, fieldPath: string) => fieldRefEnv(name, fieldPath, 'v1');
    const cpu = { requests: { cpu: k8s.Quantity.fromString('25m') } };
    const image = (ref: string) => renderImage(ref, { imageRegistry: props.imageRegistry, tag: version });

    const agent: k8s.Container = {
      name: 'aws-eks-nodeagent',
      image: renderImage(images.networkPolicyAgent, { imageRegistry: props.imageRegistry }),
      imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 8162, name: 'agentmetrics' }],
      env: [downward('MY_NODE_NAME', 'spec.nodeName')],
      args: [
        `--enable-ipv6=${props.enableIpv6 ?? false}`,
        `--enable-network-policy=${enableNetworkPolicy}`,
        '--enable-cloudwatch-logs=false',
        '--enable-policy-event-logs=false',
        '--log-file=/var/log/aws-routed-eni/network-policy-agent.log',
        '--metrics-bind-addr=:8162',
        '--health-probe-bind-addr=:8163',
        '--conntrack-cache-cleanup-period=300',
        '--conntrack-cache-table-size=524288',
        '--log-level=debug',
      ],
      resources: cpu,
      securityContext: { capabilities: { add: ['NET_ADMIN'] }, privileged: true },
      volumeMounts: [
        { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
        { mountPath: '/sys/fs/bpf', name: 'bpf-pin-path' },
        { mountPath: '/var/log/aws-routed-eni', name: 'log-dir' },
        { mountPath: '/var/run/aws-node', name: 'run-dir' },
      ],
    };

    this.daemonSet = new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: { name: 'aws-node', namespace: ns, labels },
      spec: {
        updateStrategy: { rollingUpdate: { maxUnavailable: k8s.IntOrString.fromString('10%') }, type: 'RollingUpdate' },
        selector: { matchLabels: { 'k8s-app': 'aws-node' } },
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'aws-node', 'app.kubernetes.io/instance': 'aws-vpc-cni', 'k8s-app': 'aws-node' } },
          spec: nodeAgentPodSpec(
            {
              tolerations: NODE_AGENT_TOLERATIONS.all,
              serviceAccountName: 'aws-node',
              linuxPlacement: linuxNodeAffinity(
                { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
                { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate', 'hybrid', 'auto'] },
              ),
            },
            {
              initContainers: [
                {
                  name: 'aws-vpc-cni-init',
                  image: image(images.init),
                  imagePullPolicy: 'IfNotPresent',
                  env: toEnv(awsNodeInitEnv(props)),
                  securityContext: { privileged: true },
                  resources: cpu,
                  volumeMounts: [{ mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' }],
                },
              ],
              terminationGracePeriodSeconds: 10,
              securityContext: {},
              containers: [
                {
                  name: 'aws-node',
                  image: image(images.cni),
                  imagePullPolicy: 'IfNotPresent',
                  ports: [{ containerPort: 61678, name: 'metrics' }],
                  livenessProbe: { exec: { command: IPAMD_PROBE }, initialDelaySeconds: 60, timeoutSeconds: 10 },
                  readinessProbe: { exec: { command: IPAMD_PROBE }, initialDelaySeconds: 1, timeoutSeconds: 10 },
                  env: [...toEnv(this.env), downward('MY_NODE_NAME', 'spec.nodeName'), downward('MY_POD_NAME', 'metadata.name')],
                  resources: cpu,
                  securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
                  volumeMounts: [
                    { mountPath: '/host/opt/cni/bin', name: 'cni-bin-dir' },
                    { mountPath: '/host/etc/cni/net.d', name: 'cni-net-dir' },
                    { mountPath: '/host/var/log/aws-routed-eni', name: 'log-dir' },
                    { mountPath: '/var/run/aws-node', name: 'run-dir' },
                    { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                  ],
                },
                ...(nodeAgent ? [agent] : []),
              ],
              volumes: [
                ...(nodeAgent ? [hostPathVolume('bpf-pin-path', '/sys/fs/bpf')] : []),
                hostPathVolume('cni-bin-dir', '/opt/cni/bin'),
                hostPathVolume('cni-net-dir', '/etc/cni/net.d'),
                hostPathVolume('log-dir', '/var/log/aws-routed-eni', 'DirectoryOrCreate'),
                hostPathVolume('run-dir', '/var/run/aws-node', 'DirectoryOrCreate'),
                hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
              ],
            },
          ),
        },
      },
    });

    for (const cfg of props.eniConfigs ?? []) {
      const e = new EniConfig(this, `eniconfig-${cfg.name}`, { ...cfg, annotations: syncWaveAnnotations(argo, 'customResource') });
      e.node.addDependency(this.crds);
      this.eniConfigs.push(e);
    }
    for (const p of props.securityGroupPolicies ?? []) {
      this.securityGroupPolicies.push(new SecurityGroupPolicy(this, `sgp-${p.namespace ?? 'default'}-${p.name}`, { ...p, annotations: syncWaveAnnotations(argo, 'customResource') }));
    }
  }
}
