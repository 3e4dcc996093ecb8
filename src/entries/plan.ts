/** `cdk8s-cni/plan`: CIDR arithmetic, the IP plan and capacity (AWS max pods, Azure sizing), the plan report and node firewall data. */
export * from '../plan/cidr';
export * from '../plan/ip-plan';
export * from '../plan/subnets';
export * from '../plan/aws-capacity';
export * from '../plan/azure-sizing';
export * from '../plan/subnet-blocks';
export * from '../reports/plan';
export * from '../reports/firewall';
export type * from '../cni/common/cni-module';
