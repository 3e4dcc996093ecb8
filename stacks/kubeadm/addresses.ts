/** Addresses the kubeadm stack fixes in advance (plain data, so config checks can use them before any resource). */
import { Cidr } from '../../src/plan/cidr';

/** The control plane's fixed private address: the 10th address of the subnet (AWS reserves the first four). */
export function controlPlanePrivateIp(subnetCidr: string): string {
  return Cidr.of(subnetCidr).nth(10n).toString();
}
