/** `spec.multus`: Multus and its secondary networks (SPEC.md). Leaf module: schema only. */
import { z } from 'zod';
import { cniCommonShape, intInRange, strictObject } from '../../spec/zod-helpers';
import { whereaboutsSpecSchema } from './whereabouts/spec';

const ifname = (d: string) => z.string().min(1).meta({ description: d });
const mtu = intInRange(68, 65535, 'MTU of the interface (default: chosen by the kernel).').optional();
const route = strictObject({ dst: z.string().meta({ description: 'Destination CIDR.' }), gw: z.string().optional().meta({ description: 'Next hop.' }) });
const routes = z.array(route).optional().meta({ description: 'Routes added in the pod.' });

const pluginSchema = z
  .discriminatedUnion('type', [
    strictObject(
      {
        type: z.literal('macvlan'),
        master: ifname('Node interface to enslave, e.g. eth1.'),
        mode: z.enum(['bridge', 'private', 'vepa', 'passthru']).optional().meta({ description: 'macvlan mode (default bridge).' }),
        mtu,
        linkInContainer: z.boolean().optional(),
      },
      'macvlan: a MAC-addressed sub-interface of a node interface.',
    ),
    strictObject(
      {
        type: z.literal('ipvlan'),
        master: ifname('Node interface to enslave, e.g. eth1.'),
        mode: z.enum(['l2', 'l3', 'l3s']).optional().meta({ description: 'ipvlan mode (default l2).' }),
        mtu,
        linkInContainer: z.boolean().optional(),
      },
      'ipvlan: an interface sharing the master MAC address.',
    ),
    strictObject(
      {
        type: z.literal('bridge'),
        bridge: ifname('Bridge to use or create (default cni0).').optional(),
        isGateway: z.boolean().optional(),
        isDefaultGateway: z.boolean().optional(),
        ipMasq: z.boolean().optional(),
        hairpinMode: z.boolean().optional(),
        promiscMode: z.boolean().optional(),
        vlan: intInRange(0, 4094, 'VLAN tag of the pod port.').optional(),
        mtu,
      },
      'bridge: a veth pair to a Linux bridge on the node.',
    ),
    strictObject(
      {
        type: z.literal('host-device'),
        device: ifname('Device name, e.g. eth1.').optional(),
        hwaddr: z.string().optional().meta({ description: 'Device MAC address.' }),
        kernelpath: z.string().optional().meta({ description: 'Kernel device kobj path.' }),
        pciBusID: z.string().optional().meta({ description: 'PCI address, e.g. 0000:00:1f.6.' }),
      },
      'host-device: moves a node device into the pod (set exactly one selector).',
    ),
    strictObject(
      {
        type: z.literal('vlan'),
        master: ifname('Node interface carrying the VLAN.'),
        vlanId: intInRange(0, 4094, 'VLAN id.'),
        mtu,
        linkInContainer: z.boolean().optional(),
      },
      'vlan: an 802.1q sub-interface.',
    ),
    strictObject({ type: z.literal('ptp'), ipMasq: z.boolean().optional(), mtu }, 'ptp: a veth pair with host routes.'),
    strictObject(
      {
        type: z.literal('sriov'),
        resourceName: z.string().min(1).meta({ description: 'SR-IOV device-plugin resource, e.g. intel.com/sriov_netdevice.' }),
        vlan: intInRange(0, 4094, 'VLAN id of the VF.').optional(),
        vlanQoS: intInRange(0, 7, 'VLAN QoS.').optional(),
        spoofchk: z.enum(['on', 'off']).optional(),
        trust: z.enum(['on', 'off']).optional(),
        link_state: z.enum(['auto', 'enable', 'disable']).optional(),
        min_tx_rate: z.number().int().min(0).optional(),
        max_tx_rate: z.number().int().min(0).optional(),
      },
      'sriov: an SR-IOV virtual function from the SR-IOV device plugin.',
    ),
  ])
  .meta({ description: 'The main CNI plugin; `type` selects it.' });

const ipamSchema = z
  .discriminatedUnion('type', [
    strictObject(
      {
        type: z.literal('host-local'),
        subnet: z.string().meta({ description: 'CIDR to allocate from.' }),
        rangeStart: z.string().optional(),
        rangeEnd: z.string().optional(),
        gateway: z.string().optional(),
        routes,
        dataDir: z.string().optional(),
      },
      'host-local: addresses from a range, tracked per node.',
    ),
    strictObject(
      {
        type: z.literal('static'),
        addresses: z.array(strictObject({ address: z.string().meta({ description: 'Address in CIDR notation.' }), gateway: z.string().optional() })).optional(),
        routes,
      },
      'static: fixed addresses, or per-pod `ips`.',
    ),
    strictObject(
      {
        type: z.literal('whereabouts'),
        range: z.string().meta({ description: 'CIDR to allocate from (cluster-wide).' }),
        range_start: z.string().optional(),
        range_end: z.string().optional(),
        exclude: z.array(z.string()).optional(),
        gateway: z.string().optional(),
        routes,
        node_slice_size: z.string().min(1).optional().meta({ description: 'Node slices ("Fast IPAM", experimental): prefix length of the slice each node gets, e.g. "/28"; installs the node-slice controller.' }),
      },
      'whereabouts: cluster-wide allocation stored in the Kubernetes API.',
    ),
    strictObject({ type: z.literal('dhcp'), daemonSocketPath: z.string().optional() }, 'dhcp: leases from a DHCP server, via the node dhcp daemon.'),
  ])
  .meta({ description: 'Address management; `type` selects it.' });

const tuningSchema = strictObject(
  {
    sysctl: z.record(z.string(), z.string()).optional(),
    mac: z.string().optional(),
    mtu,
    promisc: z.boolean().optional(),
    allmulti: z.boolean().optional(),
    capabilities: strictObject({ mac: z.boolean().optional() }).optional(),
  },
  'Chain the tuning plugin after the main plugin (sysctls, MAC, MTU, promiscuous mode).',
);

export const multusNetworkSchema = strictObject(
  {
    name: z.string().meta({ description: 'NetworkAttachmentDefinition name (DNS-1123 label), unique per namespace.' }),
    namespace: z.string().default('default').meta({ description: 'Namespace of the NetworkAttachmentDefinition.' }),
    cniVersion: z.string().default('1.0.0').meta({ description: 'CNI spec version of the config.' }),
    plugin: pluginSchema,
    ipam: ipamSchema.optional(),
    tuning: tuningSchema.optional(),
  },
  'A secondary network: one NetworkAttachmentDefinition.',
);

export const multusSchema = strictObject(
  {
    mode: z.enum(['thick', 'thin']).default('thick').meta({ description: 'Thick plugin (multus-daemon) or thin plugin.' }),
    ...cniCommonShape,
    networks: z.array(multusNetworkSchema).default([]),
    whereabouts: whereaboutsSpecSchema.optional(),
  },
  'Multus: secondary networks on top of any primary CNI.',
);

export type MultusSpec = z.input<typeof multusSchema>;
export type ResolvedMultus = z.output<typeof multusSchema>;
export type MultusNetworkSpec = z.output<typeof multusNetworkSchema>;
