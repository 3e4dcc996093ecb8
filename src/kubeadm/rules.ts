/**
 * Rules of the kubeadm configuration and node bootstrap: what `kubeadm init` / `kubeadm join` refuse for the ranges of
 * a spec, and the options the config and cloud-init take. Checked where a kubeadm config is produced (`validate.ts`,
 * `config.ts`, `cloud-init.ts`); paths of options are their option names.
 */
import { defineRule } from '../rules/rule';

const KUBEADM = 'kubernetes/kubernetes@v1.33.4 cmd/kubeadm/app';

/** The rules of kubeadm's own validation that apply where a kubeadm config is produced (docs/rules.md). */
export const KUBEADM_RULES = {
  podSubnetTooSmall: defineRule<{ cidr: string; addresses: string }>({
    id: 'kubeadm/pod-subnet-too-small',
    severity: 'error',
    path: 'spec.pods.cidrs[*]',
    summary: 'kubeadm refuses a pod subnet with fewer than 14 addresses.',
    source: { upstream: `${KUBEADM}/apis/kubeadm/validation/validation.go (ValidateNetworking → ValidateIPNetFromString with constants.MinimumAddressesInPodSubnet = 14)` },
    message: ({ cidr, addresses }) => `${cidr} has ${addresses} address(es); kubeadm init refuses a podSubnet with fewer than 14 (allowed: /28 or larger for IPv4, /124 or larger for IPv6)`,
  }),
  serviceSubnetTooSmall: defineRule<{ cidr: string; addresses: string }>({
    id: 'kubeadm/service-subnet-too-small',
    severity: 'error',
    path: 'spec.services.cidrs[*]',
    summary: 'kubeadm refuses a Service subnet with fewer than 10 addresses.',
    source: { upstream: `${KUBEADM}/apis/kubeadm/validation/validation.go (ValidateNetworking → ValidateIPNetFromString with constants.MinimumAddressesInServiceSubnet = 10)` },
    message: ({ cidr, addresses }) => `${cidr} has ${addresses} address(es); kubeadm init refuses a serviceSubnet with fewer than 10 (allowed: /28 or larger for IPv4, /124 or larger for IPv6)`,
  }),
  nodeMaskTooLong: defineRule<{ mask: number; podPath: string; cidr: string; longest: number }>({
    id: 'kubeadm/node-mask-too-long',
    severity: 'error',
    path: 'spec.pods.nodeMaskSize, spec.pods.nodeMaskSizeIPv6',
    summary: 'kubeadm refuses a node mask more than 16 bits longer than the pod subnet, for IPv4 and IPv6 alike (kube-controller-manager itself limits only IPv6).',
    source: { upstream: `${KUBEADM}/apis/kubeadm/validation/validation.go (ValidatePodSubnetNodeMask, constants.PodSubnetNodeMaskMaxDiff = 16; node masks read from node-cidr-mask-size-ipv4 / -ipv6)` },
    message: ({ mask, podPath, cidr, longest }) =>
      `/${mask} is more than 16 bits longer than ${podPath} ${cidr}: kubeadm init refuses it ("pod subnet mask and node-mask difference is greater than 16"), for IPv4 too (allowed with kubeadm: /${longest} or shorter, or a larger pod range)`,
  }),
  bootstrapToken: defineRule<{ what: string }>({
    id: 'kubeadm/bootstrap-token',
    severity: 'error',
    path: 'bootstrapToken, token (kubeadm options)',
    summary: 'A bootstrap token is not of the form [a-z0-9]{6}.[a-z0-9]{16}.',
    source: { upstream: `${KUBEADM}/apis/kubeadm/validation/validation.go (ValidateToken: bootstraputil.IsValidBootstrapToken, "the bootstrap token is invalid")` },
    message: ({ what }) => `${what} (allowed: [a-z0-9]{6}.[a-z0-9]{16})`,
  }),
  caCertHashRequired: defineRule({
    id: 'kubeadm/ca-cert-hash-required',
    severity: 'error',
    path: 'caCertHashes (kubeadm join options)',
    summary: 'Token discovery needs at least one CA pin; kubeadm refuses none unless unsafeSkipCAVerification, which this library never writes.',
    source: { upstream: `${KUBEADM}/apis/kubeadm/validation/validation.go (ValidateDiscoveryBootstrapToken: "using token-based discovery without caCertHashes can be unsafe")` },
    message: () => 'at least one CA pin is required (allowed: sha256:<64 hex digits>)',
  }),
  caCertHashFormat: defineRule<{ hash: string }>({
    id: 'kubeadm/ca-cert-hash-format',
    severity: 'error',
    path: 'caCertHashes (kubeadm join options)',
    summary: 'A CA pin is not `sha256:` followed by 64 hex digits.',
    source: { upstream: `${KUBEADM}/util/pubkeypin/pubkeypin.go (Set: only the sha256 format of 64 hex digits)` },
    message: ({ hash }) => `${hash} is not a CA pin (allowed: sha256:<64 hex digits>)`,
  }),
  kubernetesVersion: defineRule<{ version: string }>({
    id: 'kubeadm/kubernetes-version',
    severity: 'error',
    path: 'kubernetesVersion (bootstrap option)',
    summary: 'The bootstrap installs kubelet/kubeadm from pkgs.k8s.io by release version, which must be vMAJOR.MINOR.PATCH.',
    source: { upstream: 'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/install-kubeadm/ (the pkgs.k8s.io repository is per minor version, packages per patch version)' },
    message: ({ version }) => `${version} is not a release version (allowed: vMAJOR.MINOR.PATCH, e.g. v1.33.4)`,
  }),
  ssmParameterName: defineRule<{ name: string }>({
    id: 'kubeadm/ssm-parameter-name',
    severity: 'error',
    path: 'caKey.ssmParameter (bootstrap option)',
    summary: 'The CA key source is not an SSM parameter path.',
    source: { upstream: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html (parameter names: a-zA-Z0-9_.-, hierarchies separated by /)' },
    message: ({ name }) => `${name} is not an SSM parameter name (allowed: /path/of/[A-Za-z0-9_.-])`,
  }),
  awsRegion: defineRule<{ region: string }>({
    id: 'kubeadm/aws-region',
    severity: 'error',
    path: 'caKey.region (bootstrap option)',
    summary: 'The CA key region is not an AWS region code.',
    source: { upstream: 'https://docs.aws.amazon.com/general/latest/gr/rande.html (region codes such as eu-west-1)' },
    message: ({ region }) => `${region} is not an AWS region (allowed: e.g. eu-west-1)`,
  }),
  heredocInContent: defineRule<{ delimiter: string }>({
    id: 'kubeadm/heredoc-in-content',
    severity: 'error',
    path: '<file path> (bootstrap files)',
    summary: 'A bootstrap file contains the heredoc delimiter the script writes it with, which would end the file early.',
    source: { upstream: 'POSIX Shell Command Language §2.7.4 (a here-document ends at the first line equal to the delimiter)' },
    message: ({ delimiter }) => `content contains the heredoc delimiter ${delimiter}`,
  }),
  userDataTooLarge: defineRule<{ bytes: number; limit: number }>({
    id: 'kubeadm/user-data-too-large',
    severity: 'error',
    path: '<script name> (bootstrap user data)',
    summary: 'EC2 refuses user data above 16 KB.',
    source: { upstream: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html ("User data is limited to 16 KB, in raw form, before it is base64-encoded")' },
    message: ({ bytes, limit }) => `user data is ${bytes} bytes (allowed: at most ${limit})`,
  }),
};
