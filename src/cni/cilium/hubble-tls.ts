/**
 * Hubble's TLS certificates made in the cluster, never in the synthesized YAML (chart 1.19.5 `hubble.tls.auto.*`):
 * - `cronJob`: templates/hubble/tls-cronjob/* — the `hubble-generate-certs` ServiceAccount, Role and RoleBinding, a
 *   Job that runs cilium-certgen once (a Helm post-install/post-upgrade hook in the chart) and a CronJob that renews on
 *   `schedule`. certgen creates the `cilium-ca` CA Secret and signs `hubble-server-certs` (and
 *   `hubble-relay-client-certs` with Relay) from it.
 * - `certmanager`: templates/hubble/tls-certmanager/* — cert-manager `Certificate`s for the same Secret names, signed by
 *   the Issuer or ClusterIssuer in `certManagerIssuerRef` (cert-manager must be installed).
 * The chart's default, `helm`, generates keys at render time, which a deterministic synth cannot and must not do.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { RoleForServiceAccount } from '../common/rbac';
import type { ResolvedCiliumProps, ResolvedHubbleTlsAuto } from './defaults';
import { ciliumImage, PART_OF } from './pod-parts';

/** `serviceAccounts.hubblecertgen.name`: the certgen ServiceAccount, Role, RoleBinding, Job and CronJob name. */
export const HUBBLE_CERTGEN_NAME = 'hubble-generate-certs';
/** The Secrets Hubble mounts: the agents' server certificate and Relay's client certificate. */
export const HUBBLE_SERVER_SECRET = 'hubble-server-certs';
export const HUBBLE_RELAY_CLIENT_SECRET = 'hubble-relay-client-certs';

/** Role `hubble-generate-certs` (templates/hubble/tls-cronjob/role.yaml): create Secrets, update only Hubble's, read/update the CA. */
export const HUBBLE_CERTGEN_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
  {
    apiGroups: [''],
    resources: ['secrets'],
    resourceNames: ['hubble-server-certs', 'hubble-relay-client-certs', 'hubble-relay-server-certs', 'hubble-metrics-server-certs', 'hubble-ui-client-certs'],
    verbs: ['update'],
  },
  { apiGroups: [''], resources: ['secrets'], resourceNames: ['cilium-ca'], verbs: ['get', 'update'] },
];

/** `*.<cluster name with dots as dashes>.hubble-grpc.cilium.io`: the name Relay checks on every agent's certificate. */
export function hubbleServerCommonName(clusterName: string): string {
  return ['*', clusterName.replace(/\./g, '-'), 'hubble-grpc.cilium.io'].join('.');
}
const RELAY_CLIENT_CN = '*.hubble-relay.cilium.io';

/** certgen's `CILIUM_CERTGEN_CONFIG`: the certificates it signs, in the chart's order and wording. */
function certgenConfig(p: ResolvedCiliumProps, auto: ResolvedHubbleTlsAuto): string {
  const validity = `${auto.certValidityDuration * 24}h`;
  const cn = hubbleServerCommonName(p.clusterName);
  const lines = ['certs:', `- name: ${HUBBLE_SERVER_SECRET}`, `  namespace: ${p.namespace}`, `  commonName: "${cn}"`, '  hosts:', `  - "${cn}"`];
  lines.push('  usage:', '  - signing', '  - key encipherment', '  - server auth', '  - client auth', `  validity: ${validity}`);
  if (p.hubble.relay) {
    lines.push(`- name: ${HUBBLE_RELAY_CLIENT_SECRET}`, `  namespace: ${p.namespace}`, `  commonName: "${RELAY_CLIENT_CN}"`, '  hosts:', `  - "${RELAY_CLIENT_CN}"`);
    lines.push('  usage:', '  - signing', '  - key encipherment', '  - client auth', `  validity: ${validity}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The certgen Job spec the chart shares between the Job and the CronJob's jobTemplate. */
function certgenJobSpec(p: ResolvedCiliumProps, auto: ResolvedHubbleTlsAuto): k8s.JobSpec {
  return {
    template: {
      metadata: { labels: { 'k8s-app': HUBBLE_CERTGEN_NAME } },
      spec: {
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'certgen',
            image: ciliumImage(p, 'certgen'),
            imagePullPolicy: 'IfNotPresent',
            securityContext: { capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false },
            command: ['/usr/bin/cilium-certgen'],
            args: ['--ca-generate=true', '--ca-reuse-secret', `--ca-secret-namespace=${p.namespace}`, '--ca-secret-name=cilium-ca', '--ca-common-name=Cilium CA'],
            env: [{ name: 'CILIUM_CERTGEN_CONFIG', value: certgenConfig(p, auto) }],
          },
        ],
        hostNetwork: false,
        serviceAccountName: HUBBLE_CERTGEN_NAME,
        automountServiceAccountToken: true,
        restartPolicy: 'OnFailure',
      },
    },
  };
}

export interface HubbleTlsProps {
  readonly settings: ResolvedCiliumProps;
}

/** `hubble.tls.auto.method: cronJob`: cilium-certgen makes the CA and Hubble's certificates in the cluster and renews them. */
export class HubbleCertgen extends Construct {
  public readonly job: k8s.KubeJob;
  public readonly cronJob: k8s.KubeCronJob;

  public constructor(scope: Construct, id: string, props: HubbleTlsProps) {
    super(scope, id);
    const p = props.settings;
    const auto = p.hubble.tlsAuto!;
    const ns = p.namespace;
    const labels = { 'k8s-app': HUBBLE_CERTGEN_NAME, 'app.kubernetes.io/name': HUBBLE_CERTGEN_NAME, ...PART_OF };
    new k8s.KubeServiceAccount(this, 'sa', { metadata: { name: HUBBLE_CERTGEN_NAME, namespace: ns } });
    new RoleForServiceAccount(this, 'role', { name: HUBBLE_CERTGEN_NAME, namespace: ns, rules: HUBBLE_CERTGEN_RULES, serviceAccount: { name: HUBBLE_CERTGEN_NAME, namespace: ns }, labels: { ...PART_OF } });
    // The chart runs the first Job as a Helm hook; applied without Helm it simply runs once (Argo CD maps the hook to PostSync).
    this.job = new k8s.KubeJob(this, 'job', {
      metadata: { name: HUBBLE_CERTGEN_NAME, namespace: ns, labels, annotations: { 'helm.sh/hook': 'post-install,post-upgrade' } },
      spec: certgenJobSpec(p, auto),
    });
    this.cronJob = new k8s.KubeCronJob(this, 'cronjob', {
      metadata: { name: HUBBLE_CERTGEN_NAME, namespace: ns, labels },
      spec: {
        schedule: auto.schedule,
        concurrencyPolicy: 'Forbid',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: { spec: certgenJobSpec(p, auto) },
      },
    });
  }
}

/** `hubble.tls.auto.method: certmanager`: cert-manager Certificates for Hubble's Secrets, from the given Issuer. */
export class HubbleCertificates extends Construct {
  public readonly certificates: ApiObject[];

  public constructor(scope: Construct, id: string, props: HubbleTlsProps) {
    super(scope, id);
    const p = props.settings;
    const auto = p.hubble.tlsAuto!;
    const duration = `${auto.certValidityDuration * 24}h0m0s`;
    const issuerRef = auto.certManagerIssuerRef!;
    const cert = (name: string, cn: string, usages: string[]) =>
      new ApiObject(this, name, {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name, namespace: p.namespace },
        spec: { issuerRef: { ...issuerRef }, secretName: name, commonName: cn, dnsNames: [cn], duration, privateKey: { rotationPolicy: 'Always' }, isCA: false, usages },
      });
    this.certificates = [cert(HUBBLE_SERVER_SECRET, hubbleServerCommonName(p.clusterName), ['signing', 'key encipherment', 'server auth', 'client auth'])];
    if (p.hubble.relay) this.certificates.push(cert(HUBBLE_RELAY_CLIENT_SECRET, RELAY_CLIENT_CN, ['signing', 'key encipherment', 'client auth']));
  }
}
