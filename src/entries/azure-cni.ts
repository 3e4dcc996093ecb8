/** `cdk8s-cni/azure-cni`: the Azure CNI construct, its conflist, ip-masq-agent and the AKS network profile. */
export * from '../cni/azure-cni/props';
export * from '../cni/azure-cni/azure-cni';
export * from '../cni/azure-cni/conflist';
export * from '../cni/azure-cni/ip-masq-agent';
export * from '../cni/azure-cni/aks-network-profile';
export { aksNetworkProfileOutput, azAksCreateFlags, azAksCreateScript, AZ_SUBNET_VARIABLES, type AksNetworkProfileOutput } from '../cni/azure-cni/az-aks-create';
