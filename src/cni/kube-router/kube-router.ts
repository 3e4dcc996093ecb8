import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { renderImage } from '../common/images';
import { cniJson, configMapVolume, fieldRefEnv, hostPathVolume, valueEnv } from '../common/k8s-helpers';
import { NODE_AGENT_TOLERATIONS, nodeAgentPodSpec } from '../common/node-agent';
import { ClusterRoleForServiceAccount } from '../common/rbac';
import { VERSIONS } from '../common/versions';
import { KUBE_ROUTER_DEFAULTS, KUBE_ROUTER_KUBECONFIG_DIR, KUBE_ROUTER_PEER_PASSWORDS_DIR, KUBE_ROUTER_PEER_PASSWORDS_FILE, kubeRouterArgs } from './args';
import type { KubeRouterApiServer, KubeRouterProps } from './props';

/** ClusterRole `kube-router` of the v2.11.1 kubeadm manifests. */
export const KUBE_ROUTER_RBAC_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['namespaces', 'pods', 'services', 'nodes', 'endpoints'], verbs: ['list', 'get', 'watch'] },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['list', 'get', 'watch'] },
  { apiGroups: ['extensions'], resources: ['networkpolicies'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] },
  { apiGroups: [''], resources: ['services/status'], verbs: ['update'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
];

/** The health endpoint (`--health-port`) the liveness probe reads. */
export const KUBE_ROUTER_HEALTH_PORT = KUBE_ROUTER_DEFAULTS.healthPort;
/** The conflist kube-router reads (`KUBE_ROUTER_CNI_CONF_FILE`) and its init container writes. */
export const KUBE_ROUTER_CNI_CONF_FILE = '/etc/cni/net.d/10-kuberouter.conflist';

/** `cni-conf.json` of the kubeadm manifests: a `kube-bridge` bridge with host-local IPAM; hairpin with the proxy. */
export function kubeRouterCniConf(hairpinMode: boolean): Record<string, unknown> {
  return {
    cniVersion: '0.3.0',
    name: 'mynet',
    plugins: [{ name: 'kubernetes', type: 'bridge', bridge: 'kube-bridge', isDefaultGateway: true, ...(hairpinMode ? { hairpinMode: true } : {}), ipam: { type: 'host-local' } }],
  };
}

/**
 * A kubeconfig for the ServiceAccount's token and CA and a fixed API server, like the `kubeconfig` key of
 * generic-kuberouter-all-features.yaml (with `%APISERVER%` filled in).
 */
export function kubeRouterKubeconfig(api: KubeRouterApiServer): string {
  const host = api.host.includes(':') ? `[${api.host}]` : api.host;
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: cluster',
    '  cluster:',
    '    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    `    server: https://${host}:${api.port ?? 6443}`,
    'users:',
    '- name: kube-router',
    '  user:',
    '    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token',
    'contexts:',
    '- context:',
    '    cluster: cluster',
    '    user: kube-router',
    '  name: kube-router-context',
    'current-context: kube-router-context',
    '',
  ].join('\n');
}

/** The install-cni init container's script, as the manifests write it (a folded YAML scalar, so one line). */
const INSTALL_CNI_SCRIPT = [
  'set -e -x;',
  `if [ ! -f ${KUBE_ROUTER_CNI_CONF_FILE} ]; then`,
  'if [ -f /etc/cni/net.d/*.conf ]; then',
  'rm -f /etc/cni/net.d/*.conf;',
  'fi;',
  'TMP=/etc/cni/net.d/.tmp-kuberouter-cfg;',
  'cp /etc/kube-router/cni-conf.json ${TMP};',
  `mv \${TMP} ${KUBE_ROUTER_CNI_CONF_FILE};`,
  'fi;',
  'if [ -x /usr/local/bin/cni-install ]; then',
  '/usr/local/bin/cni-install;',
  'fi;',
].join(' ');

/**
 * kube-router v2.11.1: the objects of daemonset/kubeadm-kuberouter.yaml (ConfigMap `kube-router-cfg`, DaemonSet,
 * ServiceAccount, ClusterRole and binding), and with `runServiceProxy` those of kubeadm-kuberouter-all-features.yaml.
 * Settings are kube-router's flags; BGP peer passwords arrive only as a mounted Secret.
 */
export class KubeRouter extends Construct {
  public readonly configMap: k8s.KubeConfigMap;
  public readonly daemonSet: k8s.KubeDaemonSet;
  /** The container args. */
  public readonly args: readonly string[];

  public constructor(scope: Construct, id: string, props: KubeRouterProps = {}) {
    super(scope, id);
    const ns = props.namespace ?? 'kube-system';
    const labels = { 'k8s-app': 'kube-router', tier: 'node' };
    const image = renderImage(VERSIONS['kube-router'].images.kubeRouter, { imageRegistry: props.imageRegistry, tag: props.version, explicitDockerHub: true });
    const proxy = props.runServiceProxy ?? false;
    this.args = kubeRouterArgs(props);

    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: 'kube-router-cfg', namespace: ns, labels: { tier: 'node', 'k8s-app': 'kube-router' } },
      data: {
        'cni-conf.json': cniJson(kubeRouterCniConf(proxy)),
        ...(proxy && props.apiServer ? { kubeconfig: kubeRouterKubeconfig(props.apiServer) } : {}),
      },
    });

    // kubeadm-kuberouter.yaml mounts a host kubeconfig path it never uses; all-features mounts kube-proxy's kubeconfig.
    const kubeconfigVolume: k8s.Volume = !proxy
      ? hostPathVolume('kubeconfig', `${KUBE_ROUTER_KUBECONFIG_DIR}/kubeconfig`)
      : { name: 'kubeconfig', configMap: props.apiServer ? { name: 'kube-router-cfg', items: [{ key: 'kubeconfig', path: 'kubeconfig' }] } : { name: 'kube-proxy', items: [{ key: 'kubeconfig.conf', path: 'kubeconfig' }] } };
    const passwords = props.peerPasswordsSecret;

    this.daemonSet = new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: { name: 'kube-router', namespace: ns, labels },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: nodeAgentPodSpec({ tolerations: NODE_AGENT_TOLERATIONS.calico, linuxPlacement: 'none', serviceAccountName: 'kube-router' }, {
            serviceAccount: 'kube-router',
            containers: [
              {
                name: 'kube-router',
                image,
                imagePullPolicy: 'Always',
                args: [...this.args],
                env: [fieldRefEnv('NODE_NAME', 'spec.nodeName'), fieldRefEnv('POD_NAME', 'metadata.name'), valueEnv('KUBE_ROUTER_CNI_CONF_FILE', KUBE_ROUTER_CNI_CONF_FILE)],
                livenessProbe: { httpGet: { path: '/healthz', port: k8s.IntOrString.fromNumber(KUBE_ROUTER_HEALTH_PORT) }, initialDelaySeconds: 10, periodSeconds: 3 },
                resources: { requests: { cpu: k8s.Quantity.fromString('250m'), memory: k8s.Quantity.fromString('250Mi') } },
                securityContext: { privileged: true },
                volumeMounts: [
                  { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
                  { name: 'cni-conf-dir', mountPath: '/etc/cni/net.d' },
                  { name: 'kubeconfig', mountPath: proxy ? KUBE_ROUTER_KUBECONFIG_DIR : `${KUBE_ROUTER_KUBECONFIG_DIR}/kubeconfig`, readOnly: true },
                  { name: 'xtables-lock', mountPath: '/run/xtables.lock', readOnly: false },
                  ...(passwords ? [{ name: 'peer-router-passwords', mountPath: KUBE_ROUTER_PEER_PASSWORDS_DIR, readOnly: true }] : []),
                ],
              },
            ],
            initContainers: [
              {
                name: 'install-cni',
                image,
                imagePullPolicy: 'Always',
                command: ['/bin/sh', '-c', INSTALL_CNI_SCRIPT],
                volumeMounts: [
                  { name: 'cni-conf-dir', mountPath: '/etc/cni/net.d' },
                  { name: 'kube-router-cfg', mountPath: '/etc/kube-router' },
                  { name: 'host-opt', mountPath: '/opt' },
                ],
              },
            ],
            hostPid: true,
            volumes: [
              hostPathVolume('lib-modules', '/lib/modules'),
              hostPathVolume('cni-conf-dir', '/etc/cni/net.d'),
              configMapVolume('kube-router-cfg', 'kube-router-cfg'),
              kubeconfigVolume,
              hostPathVolume('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
              hostPathVolume('host-opt', '/opt'),
              ...(passwords
                ? [{ name: 'peer-router-passwords', secret: { secretName: passwords.name, items: [{ key: passwords.key, path: KUBE_ROUTER_PEER_PASSWORDS_FILE }], defaultMode: 0o400 } }]
                : []),
            ],
          }),
        },
      },
    });

    const sa = new k8s.KubeServiceAccount(this, 'sa', { metadata: { name: 'kube-router', namespace: ns } });
    new ClusterRoleForServiceAccount(this, 'rbac', { name: 'kube-router', rules: KUBE_ROUTER_RBAC_RULES, serviceAccount: { name: sa.name, namespace: ns } });
  }
}
