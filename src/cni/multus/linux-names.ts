/** Name rules the Linux kernel and Kubernetes impose on what a network attachment refers to. */
import { DNS1123_LABEL } from '../../spec/k8s-names';

/** Longest Linux interface name (IFNAMSIZ 16 minus the terminating NUL). */
export const MAX_IFNAME_LENGTH = 15;

/** Why `name` is not a valid Linux interface name, or undefined when it is (dev_valid_name in net/core/dev.c). */
export function invalidInterfaceName(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_IFNAME_LENGTH) return `is ${name.length} characters long (allowed: at most ${MAX_IFNAME_LENGTH})`;
  if (name === '.' || name === '..') return 'is reserved';
  if (/[/:\s]/.test(name)) return "contains '/', ':' or whitespace (allowed: letters, digits, '-', '_', '.')";
  return undefined;
}

/** True for a MAC address in the usual colon form (`c2:b0:57:49:47:f1`). */
export function isMacAddress(mac: string): boolean {
  return /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(mac);
}

/** True for a DNS-1123 label (Kubernetes object names such as a NetworkAttachmentDefinition or namespace). */
export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}
