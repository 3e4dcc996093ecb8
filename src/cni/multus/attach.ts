/**
 * Attaching secondary networks to pods and workloads by reference: writes the `k8s.v1.cni.cncf.io/networks` JSON
 * annotation on the pod template, requests SR-IOV devices, and checks every attachment when the app is synthesized
 * (cdk8s runs construct validations in `app.synth()`): the network exists, namespaces match, interface names are
 * valid and unique, `ips` and `mac` are honoured by the network's plugins and IPAM, no static IP is used twice.
 */
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import type { Construct, IConstruct } from 'constructs';
import { IpAddress } from '../../plan/cidr';
import { issueOf, IssueCollector, SpecValidationError, type SpecIssue } from '../../spec/issues';
import { canonicalJson } from '../common/canonical-json';
import { addressRanges, rangeHolds } from './address-ranges';
import { declaresCapability, honoursPodIps } from './cni-config';
import { invalidInterfaceName, isMacAddress } from './linux-names';
import { networkNamed, networksIn, type NetworkAttachmentDefinition } from './network-attachment-definition';
import { formatWithRule, MULTUS_RULES as R } from './rules';

/** The annotation Multus reads a pod's secondary networks from. */
export const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';

/** Workloads whose pods can attach networks. */
export type AttachableWorkload = kplus.Pod | kplus.Deployment | kplus.StatefulSet | kplus.DaemonSet;

/** One secondary network of a pod (a NetworkSelectionElement of the multi-net spec). */
export interface NetworkAttachment {
  /**
   * The network: the construct, or its name (`name`, or the cross-namespace form `namespace/name`), looked up among the
   * NetworkAttachmentDefinitions of the app.
   */
  readonly network: NetworkAttachmentDefinition | string;
  /** Interface name in the pod (≤ 15 characters). @default - Multus's `net<n>`, n = position in the annotation */
  readonly interface?: string;
  /** Addresses for this pod, in CIDR notation; needs static or host-local IPAM (whereabouts ignores them). @default - from the network's IPAM */
  readonly ips?: string[];
  /** MAC address; needs `tuning` with `capabilities.mac` on the network, or the bridge plugin. @default - kernel-assigned */
  readonly mac?: string;
  /** Make this attachment the pod's default route, via these gateways (`default-route`). @default - the primary network keeps it */
  readonly defaultRoute?: string[];
  /** Allow a network from another namespace than the pod's (written as `namespace` in the annotation). @default false */
  readonly crossNamespace?: boolean;
}

interface Entry {
  readonly workload: AttachableWorkload;
  readonly attachments: NetworkAttachment[];
  sriovParentsAdded: boolean;
  readonly sriovCounts: Map<string, number>;
  /**
   * The last check's result and what it depended on (attach version, number of networks in the app): cdk8s runs every
   * validation once per `synthYaml()` and again per chart's `toJson()`, so unchanged inputs reuse it (BENCHMARKS.md).
   */
  checked?: { readonly version: number; readonly networks: number; readonly errors: readonly SpecIssue[] };
}

/** The attachments of one app, in attach order; cross-pod checks (static IP reuse) look at all of them. */
interface AppAttachments {
  readonly entries: Entry[];
  /** Bumped by every attachNetworks call; invalidates `owners`. */
  version: number;
  /** First workload (in attach order) using each `namespace/network ip`, computed once per version. */
  owners?: { readonly version: number; readonly map: Map<string, Entry> };
}

const registry = new WeakMap<IConstruct, AppAttachments>();
const entryOf = new WeakMap<AttachableWorkload, Entry>();

function appOf(root: IConstruct): AppAttachments {
  let app = registry.get(root);
  if (!app) registry.set(root, (app = { entries: [], version: 0 }));
  return app;
}

function podNamespace(w: AttachableWorkload): string {
  return w.metadata.namespace ?? Chart.of(w).namespace ?? 'default';
}

function kindOf(w: AttachableWorkload): string {
  return ApiObject.of(w).kind;
}

/** `Deployment telco/cnf`: how messages name a pod (template). */
function describeWorkload(w: AttachableWorkload): string {
  return `${kindOf(w)} ${podNamespace(w)}/${w.name}`;
}

/** The namespace and name an attachment asks for. */
function requested(a: NetworkAttachment, podNs: string): { namespace: string; name: string; explicitNamespace: boolean } {
  if (typeof a.network !== 'string') return { namespace: a.network.namespace, name: a.network.name, explicitNamespace: false };
  const slash = a.network.indexOf('/');
  return slash >= 0
    ? { namespace: a.network.slice(0, slash), name: a.network.slice(slash + 1), explicitNamespace: true }
    : { namespace: podNs, name: a.network, explicitNamespace: false };
}

function resolve(a: NetworkAttachment, w: AttachableWorkload): NetworkAttachmentDefinition | undefined {
  const root = w.node.root;
  if (typeof a.network !== 'string') return a.network.node.root === root ? a.network : undefined;
  const r = requested(a, podNamespace(w));
  return networkNamed(root, r.namespace, r.name);
}

/** The interface name Multus will use: the requested one or `net<n>` (1-based position). */
function interfaceOf(a: NetworkAttachment, index: number): string {
  return a.interface ?? `net${index + 1}`;
}

function selectionElement(a: NetworkAttachment, podNs: string): Record<string, unknown> {
  const r = requested(a, podNs);
  return {
    name: r.name,
    namespace: r.namespace !== podNs || r.explicitNamespace ? r.namespace : undefined,
    interface: a.interface,
    ips: a.ips,
    mac: a.mac,
    'default-route': a.defaultRoute,
  };
}

/** Pods a workload runs at once: replicas for Deployments/StatefulSets, one per node (unknown, > 1) for DaemonSets. */
function podCount(w: AttachableWorkload): number {
  if (w instanceof kplus.Pod) return 1;
  if (w instanceof kplus.DaemonSet) return Number.POSITIVE_INFINITY;
  return (w as kplus.Deployment | kplus.StatefulSet).replicas ?? 1;
}

/**
 * Problems with one workload's attachments (and its static IPs against workloads attached before it), each with the
 * rule that found it; the path names the pod and the network.
 */
export function attachmentIssues(w: AttachableWorkload): readonly SpecIssue[] {
  const self = entryOf.get(w);
  if (!self) return [];
  const { version } = appOf(w.node.root);
  const networks = networksIn(w).length;
  if (self.checked?.version !== version || self.checked.networks !== networks) {
    self.checked = { version, networks, errors: attachmentProblems(self, w) };
  }
  return self.checked.errors;
}

/** {@link attachmentIssues} as the lines cdk8s reports at synth: `path: message [rule id]`. */
export function checkAttachments(w: AttachableWorkload): string[] {
  return attachmentIssues(w).map(formatWithRule);
}

function attachmentProblems(self: Entry, w: AttachableWorkload): readonly SpecIssue[] {
  const pod = describeWorkload(w);
  const podNs = podNamespace(w);
  const issues = new IssueCollector();
  const ifnames = new Map<string, string>([['eth0', 'the primary network'], ['lo', 'the loopback interface']]);
  self.attachments.forEach((a, i) => {
    const r = requested(a, podNs);
    const label = `${pod}: network "${r.namespace}/${r.name}" (attachment ${i}, interface ${interfaceOf(a, i)})`;
    const nad = resolve(a, w);
    if (!nad) {
      const why = typeof a.network === 'string' ? 'no NetworkAttachmentDefinition with that name and namespace is defined in this app' : 'the NetworkAttachmentDefinition belongs to another app';
      issues.report(R.attachUnknownNetwork, label, { why });
    } else if (nad.namespace !== podNs && !r.explicitNamespace && !a.crossNamespace) {
      issues.report(R.attachNamespace, label, { nadNs: nad.namespace, podNs, name: nad.name });
    }

    const ifname = interfaceOf(a, i);
    const badName = invalidInterfaceName(ifname);
    if (badName) issues.report(R.interfaceName, label, { name: ifname, why: badName });
    const taken = ifnames.get(ifname);
    if (taken) issues.report(R.attachDuplicateInterface, label, { name: ifname, by: taken });
    else ifnames.set(ifname, `attachment ${i}`);

    if (a.mac !== undefined) {
      if (!isMacAddress(a.mac)) issues.report(R.macInvalid, label, { mac: a.mac, what: 'mac ' });
      else if (nad && !declaresCapability(nad.config, 'mac')) issues.report(R.attachMacNotHonoured, label, {});
    }
    for (const gw of a.defaultRoute ?? []) {
      if (typeof IpAddress.parse(gw) === 'string') issues.report(R.attachDefaultRoute, label, { gw });
    }
    if (a.ips?.length) checkIps(a, nad, label, podCount(w), issues);
  });
  checkReuse(self, appOf(w.node.root), pod, issues);
  return issues.issues;
}

function parseCidrIp(text: string): IpAddress | undefined {
  const [addr, prefix, ...rest] = text.split('/');
  if (rest.length || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return undefined;
  const ip = IpAddress.parse(addr);
  return typeof ip === 'string' ? undefined : ip;
}

function checkIps(a: NetworkAttachment, nad: NetworkAttachmentDefinition | undefined, label: string, pods: number, issues: IssueCollector): void {
  const ipam = nad?.props.ipam;
  if (nad && (!honoursPodIps(nad.props) || !declaresCapability(nad.config, 'ips'))) {
    return issues.report(R.attachIpsNotHonoured, label, { plugin: nad.props.plugin.type, ipam: ipam?.type ?? 'none' });
  }
  if (pods > 1) {
    issues.report(R.attachIpsSeveralPods, label, { ips: a.ips!.join(', '), count: Number.isFinite(pods) ? `${pods} replicas` : 'one pod per node' });
  }
  const ranges = addressRanges(ipam);
  for (const text of a.ips!) {
    const ip = parseCidrIp(text);
    if (!ip) issues.report(R.attachIpInvalid, label, { ip: text });
    else if (ranges.length && !ranges.some((r) => rangeHolds(r, ip))) issues.report(R.attachIpOutsideRange, label, { ip: text, ranges: ranges.map((r) => r.text).join(', ') });
  }
}

/** `namespace/network ip` for each static IP of an entry. */
function staticIpKeys(e: Entry): Array<{ key: string; network: string; ip: IpAddress }> {
  return e.attachments.flatMap((a) => {
    const r = requested(a, podNamespace(e.workload));
    const network = `${r.namespace}/${r.name}`;
    return (a.ips ?? []).flatMap((text) => {
      const ip = parseCidrIp(text);
      return ip ? [{ key: `${network} ${ip}`, network, ip }] : [];
    });
  });
}

/** Static IPs this workload uses that a workload attached earlier already uses on the same network. */
function checkReuse(self: Entry, app: AppAttachments, pod: string, issues: IssueCollector): void {
  if (app.owners?.version !== app.version) {
    const map = new Map<string, Entry>();
    for (const e of app.entries) for (const { key } of staticIpKeys(e)) if (!map.has(key)) map.set(key, e);
    app.owners = { version: app.version, map };
  }
  const owners = app.owners.map;
  for (const { key, network, ip } of staticIpKeys(self)) {
    const owner = owners.get(key);
    if (owner && owner !== self) issues.report(R.attachIpReused, `${pod}: network "${network}"`, { ip: ip.toString(), owner: describeWorkload(owner.workload) });
  }
}

function containersPath(w: AttachableWorkload): string {
  return w instanceof kplus.Pod ? '/spec/containers/0' : '/spec/template/spec/containers/0';
}

/** Adds the device-plugin resources of SR-IOV networks to the first container's requests and limits. */
function requestDevices(entry: Entry, attachments: readonly NetworkAttachment[]): void {
  const w = entry.workload;
  const added = attachments.map((a) => (typeof a.network === 'string' ? resolve(a, w) : a.network)?.resourceName).filter((r): r is string => !!r);
  if (added.length === 0) return;
  const container = w.containers[0];
  if (!container) throw new SpecValidationError([issueOf(R.attachSriovNeedsContainer, describeWorkload(w), {})]);
  const api = ApiObject.of(w);
  const base = `${containersPath(w)}/resources`;
  if (!entry.sriovParentsAdded) {
    const res = container.resources;
    const hasLimits = !!(res?.cpu?.limit || res?.memory?.limit || res?.ephemeralStorage?.limit);
    const hasRequests = !!(res?.cpu?.request || res?.memory?.request || res?.ephemeralStorage?.request);
    if (!hasLimits && !hasRequests) api.addJsonPatch(JsonPatch.add(base, { limits: {}, requests: {} }));
    else {
      if (!hasLimits) api.addJsonPatch(JsonPatch.add(`${base}/limits`, {}));
      if (!hasRequests) api.addJsonPatch(JsonPatch.add(`${base}/requests`, {}));
    }
    entry.sriovParentsAdded = true;
  }
  for (const r of added) entry.sriovCounts.set(r, (entry.sriovCounts.get(r) ?? 0) + 1);
  for (const [r, n] of [...entry.sriovCounts].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const escaped = r.replace(/~/g, '~0').replace(/\//g, '~1');
    // Patches apply before the generated k8s class maps the object, so quantities go in as k8s.Quantity.
    const quantity = k8s.Quantity.fromString(String(n));
    api.addJsonPatch(JsonPatch.add(`${base}/limits/${escaped}`, quantity), JsonPatch.add(`${base}/requests/${escaped}`, quantity));
  }
}

/**
 * Attaches secondary networks to a Pod or to the pods of a Deployment, StatefulSet or DaemonSet. Can be called more
 * than once per workload; attachments accumulate in call order. Problems are reported when the app is synthesized,
 * each naming the pod and the network.
 */
export function attachNetworks(workload: AttachableWorkload, attachments: readonly NetworkAttachment[]): void {
  const app = appOf(workload.node.root);
  app.version++;
  let entry = entryOf.get(workload);
  if (!entry) {
    entry = { workload, attachments: [], sriovParentsAdded: false, sriovCounts: new Map() };
    app.entries.push(entry);
    entryOf.set(workload, entry);
    workload.node.addValidation({ validate: () => checkAttachments(workload) });
  }
  entry.attachments.push(...attachments);
  const podNs = podNamespace(workload);
  workload.podMetadata.addAnnotation(NETWORKS_ANNOTATION, canonicalJson(entry.attachments.map((a) => selectionElement(a, podNs))));
  requestDevices(entry, attachments);
}

/** Attachments recorded for a workload (empty when none). */
export function attachmentsOf(workload: Construct): readonly NetworkAttachment[] {
  return entryOf.get(workload as AttachableWorkload)?.attachments ?? [];
}
