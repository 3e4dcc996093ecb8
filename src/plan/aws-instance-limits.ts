/**
 * Instance networking limits of the common current EC2 families: the facts the max-pods formula needs (maximum ENIs,
 * IPv4 addresses per ENI, vCPUs, Nitro hypervisor). ENIs, IPv4 per ENI and the hypervisor come from
 * aws/amazon-vpc-cni-k8s `pkg/vpc/vpc_ip_resource_limit.go` at v1.23.1 (which EC2 DescribeInstanceTypes generates);
 * vCPUs from the EC2 instance type documentation. A test cross-checks every row against the upstream table.
 * Bare-metal sizes are left out (their vCPUs vary by family); pass `limits` for them or any other type.
 */

/** What an instance type offers for pod networking. */
export interface InstanceNetworkLimits {
  /** Maximum network interfaces (ENIs) on the default network card (`MaximumNetworkInterfaces`). */
  readonly enis: number;
  /** IPv4 addresses per ENI, the ENI's primary address included (`Ipv4AddressesPerInterface`). */
  readonly ipv4PerEni: number;
  /** Default vCPUs; decides the recommended cap (110 up to 30 vCPUs, 250 above). */
  readonly vcpus: number;
  /** Nitro hypervisor: only Nitro types support prefix delegation. */
  readonly nitro: boolean;
}

type Row = readonly [enis: number, ipv4PerEni: number, vcpus: number, nitro: boolean];

const TABLE: Readonly<Record<string, Row>> = {
  // t2
  't2.nano': [2, 2, 1, false],
  't2.micro': [2, 2, 1, false],
  't2.small': [3, 4, 1, false],
  't2.medium': [3, 6, 2, false],
  't2.large': [3, 12, 2, false],
  't2.xlarge': [3, 15, 4, false],
  't2.2xlarge': [3, 15, 8, false],
  // t3
  't3.nano': [2, 2, 2, true],
  't3.micro': [2, 2, 2, true],
  't3.small': [3, 4, 2, true],
  't3.medium': [3, 6, 2, true],
  't3.large': [3, 12, 2, true],
  't3.xlarge': [4, 15, 4, true],
  't3.2xlarge': [4, 15, 8, true],
  // t3a
  't3a.nano': [2, 2, 2, true],
  't3a.micro': [2, 2, 2, true],
  't3a.small': [2, 4, 2, true],
  't3a.medium': [3, 6, 2, true],
  't3a.large': [3, 12, 2, true],
  't3a.xlarge': [4, 15, 4, true],
  't3a.2xlarge': [4, 15, 8, true],
  // t4g
  't4g.nano': [2, 2, 2, true],
  't4g.micro': [2, 2, 2, true],
  't4g.small': [3, 4, 2, true],
  't4g.medium': [3, 6, 2, true],
  't4g.large': [3, 12, 2, true],
  't4g.xlarge': [4, 15, 4, true],
  't4g.2xlarge': [4, 15, 8, true],
  // m4
  'm4.large': [2, 10, 2, false],
  'm4.xlarge': [4, 15, 4, false],
  'm4.2xlarge': [4, 15, 8, false],
  'm4.4xlarge': [8, 30, 16, false],
  'm4.10xlarge': [8, 30, 40, false],
  'm4.16xlarge': [8, 30, 64, false],
  // m5
  'm5.large': [3, 10, 2, true],
  'm5.xlarge': [4, 15, 4, true],
  'm5.2xlarge': [4, 15, 8, true],
  'm5.4xlarge': [8, 30, 16, true],
  'm5.8xlarge': [8, 30, 32, true],
  'm5.12xlarge': [8, 30, 48, true],
  'm5.16xlarge': [15, 50, 64, true],
  'm5.24xlarge': [15, 50, 96, true],
  // m5a
  'm5a.large': [3, 10, 2, true],
  'm5a.xlarge': [4, 15, 4, true],
  'm5a.2xlarge': [4, 15, 8, true],
  'm5a.4xlarge': [8, 30, 16, true],
  'm5a.8xlarge': [8, 30, 32, true],
  'm5a.12xlarge': [8, 30, 48, true],
  'm5a.16xlarge': [15, 50, 64, true],
  'm5a.24xlarge': [15, 50, 96, true],
  // m6i
  'm6i.large': [3, 10, 2, true],
  'm6i.xlarge': [4, 15, 4, true],
  'm6i.2xlarge': [4, 15, 8, true],
  'm6i.4xlarge': [8, 30, 16, true],
  'm6i.8xlarge': [8, 30, 32, true],
  'm6i.12xlarge': [8, 30, 48, true],
  'm6i.16xlarge': [15, 50, 64, true],
  'm6i.24xlarge': [15, 50, 96, true],
  'm6i.32xlarge': [15, 50, 128, true],
  // m6a
  'm6a.large': [3, 10, 2, true],
  'm6a.xlarge': [4, 15, 4, true],
  'm6a.2xlarge': [4, 15, 8, true],
  'm6a.4xlarge': [8, 30, 16, true],
  'm6a.8xlarge': [8, 30, 32, true],
  'm6a.12xlarge': [8, 30, 48, true],
  'm6a.16xlarge': [15, 50, 64, true],
  'm6a.24xlarge': [15, 50, 96, true],
  'm6a.32xlarge': [15, 50, 128, true],
  'm6a.48xlarge': [15, 50, 192, true],
  // m6g
  'm6g.medium': [2, 4, 1, true],
  'm6g.large': [3, 10, 2, true],
  'm6g.xlarge': [4, 15, 4, true],
  'm6g.2xlarge': [4, 15, 8, true],
  'm6g.4xlarge': [8, 30, 16, true],
  'm6g.8xlarge': [8, 30, 32, true],
  'm6g.12xlarge': [8, 30, 48, true],
  'm6g.16xlarge': [15, 50, 64, true],
  // m7i
  'm7i.large': [3, 10, 2, true],
  'm7i.xlarge': [4, 15, 4, true],
  'm7i.2xlarge': [4, 15, 8, true],
  'm7i.4xlarge': [8, 30, 16, true],
  'm7i.8xlarge': [8, 30, 32, true],
  'm7i.12xlarge': [8, 30, 48, true],
  'm7i.16xlarge': [15, 50, 64, true],
  'm7i.24xlarge': [15, 50, 96, true],
  'm7i.48xlarge': [15, 50, 192, true],
  // m7a
  'm7a.medium': [2, 4, 1, true],
  'm7a.large': [3, 10, 2, true],
  'm7a.xlarge': [4, 15, 4, true],
  'm7a.2xlarge': [4, 15, 8, true],
  'm7a.4xlarge': [8, 30, 16, true],
  'm7a.8xlarge': [8, 30, 32, true],
  'm7a.12xlarge': [8, 30, 48, true],
  'm7a.16xlarge': [15, 50, 64, true],
  'm7a.24xlarge': [15, 50, 96, true],
  'm7a.32xlarge': [15, 50, 128, true],
  'm7a.48xlarge': [15, 50, 192, true],
  // m7g
  'm7g.medium': [2, 4, 1, true],
  'm7g.large': [3, 10, 2, true],
  'm7g.xlarge': [4, 15, 4, true],
  'm7g.2xlarge': [4, 15, 8, true],
  'm7g.4xlarge': [8, 30, 16, true],
  'm7g.8xlarge': [8, 30, 32, true],
  'm7g.12xlarge': [8, 30, 48, true],
  'm7g.16xlarge': [15, 50, 64, true],
  // c5
  'c5.large': [3, 10, 2, true],
  'c5.xlarge': [4, 15, 4, true],
  'c5.2xlarge': [4, 15, 8, true],
  'c5.4xlarge': [8, 30, 16, true],
  'c5.9xlarge': [8, 30, 36, true],
  'c5.12xlarge': [8, 30, 48, true],
  'c5.18xlarge': [15, 50, 72, true],
  'c5.24xlarge': [15, 50, 96, true],
  // c6i
  'c6i.large': [3, 10, 2, true],
  'c6i.xlarge': [4, 15, 4, true],
  'c6i.2xlarge': [4, 15, 8, true],
  'c6i.4xlarge': [8, 30, 16, true],
  'c6i.8xlarge': [8, 30, 32, true],
  'c6i.12xlarge': [8, 30, 48, true],
  'c6i.16xlarge': [15, 50, 64, true],
  'c6i.24xlarge': [15, 50, 96, true],
  'c6i.32xlarge': [15, 50, 128, true],
  // c6a
  'c6a.large': [3, 10, 2, true],
  'c6a.xlarge': [4, 15, 4, true],
  'c6a.2xlarge': [4, 15, 8, true],
  'c6a.4xlarge': [8, 30, 16, true],
  'c6a.8xlarge': [8, 30, 32, true],
  'c6a.12xlarge': [8, 30, 48, true],
  'c6a.16xlarge': [15, 50, 64, true],
  'c6a.24xlarge': [15, 50, 96, true],
  'c6a.32xlarge': [15, 50, 128, true],
  'c6a.48xlarge': [15, 50, 192, true],
  // c6g
  'c6g.medium': [2, 4, 1, true],
  'c6g.large': [3, 10, 2, true],
  'c6g.xlarge': [4, 15, 4, true],
  'c6g.2xlarge': [4, 15, 8, true],
  'c6g.4xlarge': [8, 30, 16, true],
  'c6g.8xlarge': [8, 30, 32, true],
  'c6g.12xlarge': [8, 30, 48, true],
  'c6g.16xlarge': [15, 50, 64, true],
  // c7i
  'c7i.large': [3, 10, 2, true],
  'c7i.xlarge': [4, 15, 4, true],
  'c7i.2xlarge': [4, 15, 8, true],
  'c7i.4xlarge': [8, 30, 16, true],
  'c7i.8xlarge': [8, 30, 32, true],
  'c7i.12xlarge': [8, 30, 48, true],
  'c7i.16xlarge': [15, 50, 64, true],
  'c7i.24xlarge': [15, 50, 96, true],
  'c7i.32xlarge': [15, 50, 128, true],
  'c7i.48xlarge': [15, 50, 192, true],
  // c7g
  'c7g.medium': [2, 4, 1, true],
  'c7g.large': [3, 10, 2, true],
  'c7g.xlarge': [4, 15, 4, true],
  'c7g.2xlarge': [4, 15, 8, true],
  'c7g.4xlarge': [8, 30, 16, true],
  'c7g.8xlarge': [8, 30, 32, true],
  'c7g.12xlarge': [8, 30, 48, true],
  'c7g.16xlarge': [15, 50, 64, true],
  // r5
  'r5.large': [3, 10, 2, true],
  'r5.xlarge': [4, 15, 4, true],
  'r5.2xlarge': [4, 15, 8, true],
  'r5.4xlarge': [8, 30, 16, true],
  'r5.8xlarge': [8, 30, 32, true],
  'r5.12xlarge': [8, 30, 48, true],
  'r5.16xlarge': [15, 50, 64, true],
  'r5.24xlarge': [15, 50, 96, true],
  // r6i
  'r6i.large': [3, 10, 2, true],
  'r6i.xlarge': [4, 15, 4, true],
  'r6i.2xlarge': [4, 15, 8, true],
  'r6i.4xlarge': [8, 30, 16, true],
  'r6i.8xlarge': [8, 30, 32, true],
  'r6i.12xlarge': [8, 30, 48, true],
  'r6i.16xlarge': [15, 50, 64, true],
  'r6i.24xlarge': [15, 50, 96, true],
  'r6i.32xlarge': [15, 50, 128, true],
  // r6g
  'r6g.medium': [2, 4, 1, true],
  'r6g.large': [3, 10, 2, true],
  'r6g.xlarge': [4, 15, 4, true],
  'r6g.2xlarge': [4, 15, 8, true],
  'r6g.4xlarge': [8, 30, 16, true],
  'r6g.8xlarge': [8, 30, 32, true],
  'r6g.12xlarge': [8, 30, 48, true],
  'r6g.16xlarge': [15, 50, 64, true],
  // r7i
  'r7i.large': [3, 10, 2, true],
  'r7i.xlarge': [4, 15, 4, true],
  'r7i.2xlarge': [4, 15, 8, true],
  'r7i.4xlarge': [8, 30, 16, true],
  'r7i.8xlarge': [8, 30, 32, true],
  'r7i.12xlarge': [8, 30, 48, true],
  'r7i.16xlarge': [15, 50, 64, true],
  'r7i.24xlarge': [15, 50, 96, true],
  'r7i.48xlarge': [15, 50, 192, true],
  // r7g
  'r7g.medium': [2, 4, 1, true],
  'r7g.large': [3, 10, 2, true],
  'r7g.xlarge': [4, 15, 4, true],
  'r7g.2xlarge': [4, 15, 8, true],
  'r7g.4xlarge': [8, 30, 16, true],
  'r7g.8xlarge': [8, 30, 32, true],
  'r7g.12xlarge': [8, 30, 48, true],
  'r7g.16xlarge': [15, 50, 64, true],
};

/** The library's limits for an instance type, or undefined when the type is not in its table. */
export function instanceLimits(type: string): InstanceNetworkLimits | undefined {
  const row = Object.prototype.hasOwnProperty.call(TABLE, type) ? TABLE[type] : undefined;
  if (!row) return undefined;
  const [enis, ipv4PerEni, vcpus, nitro] = row;
  return { enis, ipv4PerEni, vcpus, nitro };
}

/** Every instance type in the library's table, in table order (families, then sizes). */
export function knownInstanceTypes(): string[] {
  return Object.keys(TABLE);
}
